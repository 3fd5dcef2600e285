// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: dumb-init (PID 1) runs sh -c, whose script starts redis-server with --protected-mode no; the shell is not argv[0].
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                command: ["dumb-init", "--", "sh", "-c", "exec redis-server /etc/redis/redis.conf --protected-mode no"],
                args: [],
            }),
        ],
    },
});
