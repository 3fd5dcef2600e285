// class: beyond the issue
// expect: deny k8s-redis-without-network-policy
// resource: node-cache
// why: a DaemonSet of node-local Redis caches with no NetworkPolicy: every pod in the cluster can reach each one.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisPodSpec, secureRedis } from "../lib/k8s";

secureRedis("sessions");
const labels = { app: "node-cache" };
new k8s.apps.v1.DaemonSet("node-cache", {
    metadata: { namespace: NAMESPACE, labels },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: redisPodSpec("sessions") } },
});
