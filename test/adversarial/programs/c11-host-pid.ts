// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: hostPID shares the node's process namespace.
import { secureRedis } from "../lib/k8s";

secureRedis("sessions", { podSpec: { hostPID: true } });
