// class: 3 Redis configuration as Redis reads it (secure baseline)
// expect: allow
// why: the hand-written baseline every Kubernetes program weakens: TLS only (port 0), protected mode on, ACL file
//      from a Secret with the default user off, restricted pod, no token, a NetworkPolicy admitting one client.
import { secureRedis } from "../lib/k8s";

secureRedis("sessions");
