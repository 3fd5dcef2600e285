// class: 4 authentication on Kubernetes
// expect: deny k8s-redis-*auth*
// resource: sessions
// why: the default user is off, but a second enabled user needs no password and holds every command.
import { secureRedis, usersAcl } from "../lib/k8s";

secureRedis("sessions", { acl: usersAcl("user ops on nopass ~* &* +@all") });
