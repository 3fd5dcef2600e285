// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: bash -lc is a login shell running the script; redis-server gets --protected-mode no.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({ command: ["/bin/bash", "-lc", "redis-server /etc/redis/redis.conf --protected-mode no"], args: undefined }),
        ],
    },
});
