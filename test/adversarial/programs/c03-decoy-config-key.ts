// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-without-tls
// resource: sessions
// why: redis-server reads only /etc/redis/redis.conf (the subPath mount), which opens plaintext port 6380; the
//      ConfigMap's second key tls-defaults.conf (port 0) is never mounted or read, but comes after it.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisConf, redisPodSpec, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-files", {
    metadata: { name: "sessions-files", namespace: NAMESPACE },
    data: { "redis.conf": redisConf().replace("port 0\n", "port 6380\n"), "tls-defaults.conf": "port 0\n" },
});
secureRedis("sessions", {
    podSpec: {
        volumes: [
            { name: "config", configMap: { name: "sessions-files" } },
            ...(redisPodSpec("sessions").volumes as any[]).filter((v) => v.name !== "config"),
        ],
    },
});
