// class: 4 authentication on Kubernetes
// expect: deny k8s-redis-*auth*
// resource: sessions
// why: redis.conf declares an enabled nopass user with the user directive (allowed when no aclfile is used).
import { redisConf, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    conf: redisConf().replace("aclfile /etc/redis/auth/users.acl\n", "user default off\nuser app on nopass ~* +@all\n"),
});
