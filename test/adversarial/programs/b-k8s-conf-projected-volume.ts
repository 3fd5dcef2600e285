// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: redis.conf reaches the pod through a projected volume (ConfigMap source, renamed by items), with protected
//      mode off.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisConf, redisPodSpec, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-projected", {
    metadata: { name: "sessions-projected", namespace: NAMESPACE },
    data: { main: redisConf("protected-mode no") },
});
secureRedis("sessions", {
    podSpec: {
        volumes: [
            {
                name: "config",
                projected: { sources: [{ configMap: { name: "sessions-projected", items: [{ key: "main", path: "redis.conf" }] } }] },
            },
            ...(redisPodSpec("sessions").volumes as any[]).filter((v) => v.name !== "config"),
        ],
    },
});
