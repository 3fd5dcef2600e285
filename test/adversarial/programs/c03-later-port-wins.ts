// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-without-tls
// resource: sessions
// why: the last port directive wins: port 6380 after port 0 opens a plaintext port.
import { redisConf, secureRedis } from "../lib/k8s";

secureRedis("sessions", { conf: redisConf("port 6380") });
