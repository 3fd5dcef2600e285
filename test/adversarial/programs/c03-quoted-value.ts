// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: redis-server unquotes values: protected-mode "no" is protected-mode no.
import { redisConf, secureRedis } from "../lib/k8s";

secureRedis("sessions", { conf: redisConf('protected-mode "no"') });
