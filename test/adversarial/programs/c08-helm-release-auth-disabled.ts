// class: 8 resources the pack never opens
// expect: deny k8s-redis-*
// resource: redis
// why: the Bitnami Redis chart with auth.enabled false runs a server every pod in the cluster can use without a
//      password (and with the chart's default, no NetworkPolicy and no TLS).
import * as k8s from "@pulumi/kubernetes";

new k8s.helm.v3.Release("redis", {
    chart: "redis",
    version: "20.1.0",
    namespace: "cache",
    repositoryOpts: { repo: "https://charts.bitnami.com/bitnami" },
    values: { architecture: "standalone", auth: { enabled: false } },
});
