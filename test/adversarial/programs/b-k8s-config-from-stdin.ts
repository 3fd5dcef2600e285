// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: redis-server - reads its configuration from standard input (checked on redis-server 7.0): the script appends protected-mode no to the mounted file.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                command: ["sh", "-c", "{ cat /etc/redis/redis.conf; echo protected-mode no; } | exec redis-server -"],
                args: [],
            }),
        ],
    },
});
