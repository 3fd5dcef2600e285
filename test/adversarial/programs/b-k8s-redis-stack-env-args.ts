// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: the redis-stack-server image passes REDIS_ARGS to redis-server: --protected-mode no arrives through the environment.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                image: "redis/redis-stack-server:7.2.0-v10",
                command: undefined,
                args: undefined,
                env: [{ name: "REDIS_ARGS", value: "--protected-mode no" }],
            }),
        ],
    },
});
