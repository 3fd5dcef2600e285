// class: 4 authentication on Kubernetes
// expect: deny k8s-redis-*auth* k8s-redis-protected-mode-off
// resource: sessions
// why: the ACL file lets anyone in as default with every command, and protected mode is off: an open server.
import { redisConf, secureRedis } from "../lib/k8s";

secureRedis("sessions", { conf: redisConf("protected-mode no"), acl: "user default on nopass ~* &* +@all\n" });
