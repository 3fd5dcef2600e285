// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: the ConfigMap key "server-settings" does not end in .conf, but items[].path mounts it as redis.conf,
//      which redis-server reads with protected mode off.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisConf, redisPodSpec, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("settings", {
    metadata: { name: "sessions-settings", namespace: NAMESPACE },
    data: { "server-settings": redisConf("protected-mode no") },
});
const spec = redisPodSpec("sessions");
secureRedis("sessions", {
    podSpec: {
        volumes: [
            { name: "config", configMap: { name: "sessions-settings", items: [{ key: "server-settings", path: "redis.conf" }] } },
            ...(spec.volumes as any[]).filter((v) => v.name !== "config"),
        ],
    },
});
