// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: directive names and yes/no are case-insensitive to redis-server: PROTECTED-MODE NO.
import { redisConf, secureRedis } from "../lib/k8s";

secureRedis("sessions", { conf: redisConf("PROTECTED-MODE NO") });
