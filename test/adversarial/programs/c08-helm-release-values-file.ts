// class: 8 resources the pack never opens
// expect: deny k8s-redis-*
// resource: redis
// why: the values come from a YAML file asset instead of values: auth.enabled false, so an open server.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

new k8s.helm.v3.Release("redis", {
    chart: "redis",
    version: "20.1.0",
    namespace: "cache",
    repositoryOpts: { repo: "https://charts.bitnami.com/bitnami" },
    valueYamlFiles: [new pulumi.asset.StringAsset("auth:\n  enabled: false\n")],
});
