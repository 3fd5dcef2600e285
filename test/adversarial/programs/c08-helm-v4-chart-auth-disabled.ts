// class: 8 resources the pack never opens
// expect: deny k8s-redis-*
// resource: redis
// why: helm.v4.Chart renders the same chart in the provider: auth off, so an open server.
import * as k8s from "@pulumi/kubernetes";

new k8s.helm.v4.Chart("redis", {
    chart: "redis",
    namespace: "cache",
    repositoryOpts: { repo: "https://charts.bitnami.com/bitnami" },
    values: { auth: { enabled: false } },
});
