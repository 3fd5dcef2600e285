// class: 4 authentication on Kubernetes
// expect: deny k8s-redis-*auth*
// resource: sessions
// why: the default user is switched off, then a later line for the same user switches it on again with nopass (ACL rules accumulate per user).
import { secureRedis, usersAcl } from "../lib/k8s";

secureRedis("sessions", { acl: usersAcl("user default on nopass ~* +@all") });
