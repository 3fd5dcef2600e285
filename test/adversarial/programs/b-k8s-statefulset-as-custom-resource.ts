// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off k8s-redis-without-network-policy
// resource: sessions
// why: a StatefulSet written through apiextensions.CustomResource is the same object to the API server (and gets
//      the same type token); protected mode off, no NetworkPolicy.
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, redisContainer, redisPodSpec } from "../lib/k8s";

new k8s.apiextensions.CustomResource("sessions", {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "sessions", namespace: NAMESPACE, labels: LABELS },
    spec: {
        serviceName: "sessions",
        selector: { matchLabels: LABELS },
        template: {
            metadata: { labels: LABELS },
            spec: redisPodSpec("sessions", { containers: [redisContainer({ args: ["/etc/redis/redis.conf", "--protected-mode", "no"] })] }),
        },
    },
});
