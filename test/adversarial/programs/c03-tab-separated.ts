// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: redis-server splits a line on any whitespace, tabs included.
import { redisConf, secureRedis } from "../lib/k8s";

secureRedis("sessions", { conf: redisConf("protected-mode\tno") });
