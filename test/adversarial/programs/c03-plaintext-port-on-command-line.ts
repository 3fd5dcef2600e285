// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-without-tls
// resource: sessions
// why: the command line comes after the file, so --port 6380 opens a plaintext port beside the TLS one.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { containers: [redisContainer({ args: ["/etc/redis/redis.conf", "--port", "6380"] })] } });
