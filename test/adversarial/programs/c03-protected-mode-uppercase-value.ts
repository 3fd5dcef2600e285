// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: redis-server reads yes/no values case-insensitively: --protected-mode NO turns it off.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { containers: [redisContainer({ args: ["/etc/redis/redis.conf", "--protected-mode", "NO"] })] } });
