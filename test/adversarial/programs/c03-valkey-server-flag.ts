// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: valkey-server reads the same options as redis-server; --protected-mode no turns it off.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                image: "valkey/valkey:8.1.1",
                command: ["valkey-server"],
                args: ["/etc/redis/redis.conf", "--protected-mode", "no"],
            }),
        ],
    },
});
