// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: sh -ec runs the script like sh -c; the script starts redis-server with --protected-mode no.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [redisContainer({ command: ["sh", "-ec", "exec redis-server /etc/redis/redis.conf --protected-mode no"], args: [] })],
    },
});
