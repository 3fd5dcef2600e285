// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-without-tls
// resource: sessions
// why: --tls-port 0 --port 6379 after the file swaps TLS for plaintext.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: { containers: [redisContainer({ args: ["/etc/redis/redis.conf", "--tls-port", "0", "--port", "6379"] })] },
});
