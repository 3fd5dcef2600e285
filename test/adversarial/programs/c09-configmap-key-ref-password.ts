// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-configmap
// resource: app-settings
// why: REDIS_PASSWORD comes from configMapKeyRef: the password sits in a ConfigMap named neither Redis nor
//      labelled so, under a key (cache_secret_value) the workload renames.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisContainer, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("app-settings", {
    metadata: { name: "app-settings", namespace: NAMESPACE },
    data: { cache_secret_value: "Tr0ub4dor-3-sessions" },
});
secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                env: [{ name: "REDIS_PASSWORD", valueFrom: { configMapKeyRef: { name: "app-settings", key: "cache_secret_value" } } }],
            }),
        ],
    },
});
