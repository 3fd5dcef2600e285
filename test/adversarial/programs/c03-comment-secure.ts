// class: 3 Redis configuration as Redis reads it (secure look-alike)
// expect: allow
// why: a commented-out line is not a directive: protected mode stays on.
import { redisConf, secureRedis } from "../lib/k8s";

secureRedis("sessions", { conf: redisConf("# protected-mode no", "# port 6380") });
