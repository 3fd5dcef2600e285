// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: redis-server joins its arguments and re-parses them as config lines, so the one word "--protected-mode no" turns protected mode off.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { containers: [redisContainer({ args: ["/etc/redis/redis.conf", "--protected-mode no"] })] } });
