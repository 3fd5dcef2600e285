// class: 4 authentication on Kubernetes
// expect: deny k8s-redis-*auth*
// resource: sessions
// why: default on nopass with every command; only protected mode (one flag away) keeps remote clients out, and
//      the rule asks for the default user off or with a password from a Secret.
import { secureRedis } from "../lib/k8s";

secureRedis("sessions", { acl: "user default on nopass ~* &* +@all\n" });
