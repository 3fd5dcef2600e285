// class: 4 authentication on Kubernetes
// expect: deny k8s-redis-*auth*
// resource: sessions
// why: no aclfile and no requirepass: the default user is on with nopass; only protected mode stands in the way, and one bind line removes it.
import { redisConf, secureRedis } from "../lib/k8s";

secureRedis("sessions", { conf: redisConf().replace("aclfile /etc/redis/auth/users.acl\n", "") + "protected-mode no\n" });
