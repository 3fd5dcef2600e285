// class: 8 resources the pack never opens
// expect: deny k8s-redis-*
// resource: redis
// why: helm.v3.Chart renders the chart in the program (helm template) into ordinary Kubernetes objects: with
//      auth.enabled false, an open server. The gate has to render it, or say it cannot.
import * as k8s from "@pulumi/kubernetes";

new k8s.helm.v3.Chart("redis", {
    chart: "redis",
    version: "20.1.0",
    namespace: "cache",
    fetchOpts: { repo: "https://charts.bitnami.com/bitnami" },
    values: { auth: { enabled: false } },
});
