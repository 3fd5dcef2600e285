// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// resource: sessions sessions-secret-config
// why: redis.conf from a Secret instead of a ConfigMap, with protected mode off.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisConf, redisPodSpec, secureRedis } from "../lib/k8s";

new k8s.core.v1.Secret("sessions-secret-config", {
    metadata: { name: "sessions-secret-config", namespace: NAMESPACE },
    stringData: { "redis.conf": redisConf("protected-mode no") },
});
secureRedis("sessions", {
    podSpec: {
        volumes: [
            { name: "config", secret: { secretName: "sessions-secret-config" } },
            ...(redisPodSpec("sessions").volumes as any[]).filter((v) => v.name !== "config"),
        ],
    },
});
