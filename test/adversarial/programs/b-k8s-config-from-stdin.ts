// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// gap: redis-server - reads its configuration from stdin, which the model reports as unread rather than insecure.
// resource: sessions
// why: redis-server - reads its configuration from standard input (checked on redis-server 7.0): the script appends protected-mode no to the mounted file.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { containers: [redisContainer({ command: ["sh", "-c", "{ cat /etc/redis/redis.conf; echo protected-mode no; } | exec redis-server -"], args: [] })] } });
