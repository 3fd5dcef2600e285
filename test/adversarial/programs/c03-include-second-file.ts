// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: redis.conf includes a second file, from another ConfigMap mounted under /etc/redis/conf.d, whose
//      "override" key (no .conf suffix) turns protected mode off.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisConf, redisContainer, redisPodSpec, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("overrides", {
    metadata: { name: "sessions-overrides", namespace: NAMESPACE },
    data: { override: "protected-mode no\n" },
});
const base = redisContainer();
secureRedis("sessions", {
    conf: redisConf("include /etc/redis/conf.d/override"),
    podSpec: {
        containers: [{ ...base, volumeMounts: [...(base.volumeMounts as any[]), { name: "overrides", mountPath: "/etc/redis/conf.d" }] }],
        volumes: [...(redisPodSpec("sessions").volumes as any[]), { name: "overrides", configMap: { name: "sessions-overrides" } }],
    },
});
