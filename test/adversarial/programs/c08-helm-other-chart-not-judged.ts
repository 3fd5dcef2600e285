// class: 8 resources the pack never opens
// expect: advise not-judged
// resource: redis-ha
// why: a Redis chart the gate does not know (dandydeveloper/redis-ha): it cannot read its values, so it must
//      report the release as "not judged" instead of passing it silently.
import * as k8s from "@pulumi/kubernetes";

new k8s.helm.v3.Release("redis-ha", {
    chart: "redis-ha",
    version: "4.27.0",
    namespace: "cache",
    repositoryOpts: { repo: "https://dandydeveloper.github.io/charts" },
    values: { auth: false, haproxy: { enabled: true } },
});
