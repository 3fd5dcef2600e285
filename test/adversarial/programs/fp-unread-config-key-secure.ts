// class: false positive (secure look-alike)
// expect: allow
// why: the ConfigMap also keeps unused-legacy.conf (protected-mode no) from an old deployment, but the container mounts
//      only the redis.conf key (subPath) and redis-server reads only that file: protected mode stays on.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisConf, redisPodSpec, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-files", {
    metadata: { name: "sessions-files", namespace: NAMESPACE },
    data: { "redis.conf": redisConf(), "unused-legacy.conf": "protected-mode no\n" },
});
secureRedis("sessions", {
    podSpec: {
        volumes: [
            { name: "config", configMap: { name: "sessions-files" } },
            ...(redisPodSpec("sessions").volumes as any[]).filter((v) => v.name !== "config"),
        ],
    },
});
