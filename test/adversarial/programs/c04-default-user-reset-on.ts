// class: 4 authentication on Kubernetes
// expect: advise not-judged
// resource: sessions
// why: the default user is switched off, then a later line for the same user switches it on again with nopass. In an ACL
//      file Redis refuses a user defined twice and does not start (checked on the real server), so the gate reports a
//      configuration redis-server would refuse, not an open server.
import { secureRedis, usersAcl } from "../lib/k8s";

secureRedis("sessions", { acl: usersAcl("user default on nopass ~* +@all") });
