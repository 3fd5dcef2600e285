// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-without-tls
// resource: sessions
// why: redis-server started with no config file runs its defaults: plaintext port 6379; the mounted TLS file is never read.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { containers: [redisContainer({ args: [] })] } });
