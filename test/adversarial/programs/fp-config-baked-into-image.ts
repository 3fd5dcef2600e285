// class: false positive (not judged)
// expect: advise not-judged
// resource: sessions
// why: the server reads /usr/local/etc/redis/redis.conf baked into the team's image; nothing is mounted, so the
//      gate cannot see whether it serves TLS: "not judged" (advisory), not "serves no TLS".
import { redisContainer, redisPodSpec, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                image: "registry.example.com/platform/redis-hardened:7.2.11-1",
                args: ["/usr/local/etc/redis/redis.conf"],
                volumeMounts: [{ name: "data", mountPath: "/data" }],
            }),
        ],
        volumes: (redisPodSpec("sessions").volumes as any[]).filter((v) => v.name === "data"),
    },
});
