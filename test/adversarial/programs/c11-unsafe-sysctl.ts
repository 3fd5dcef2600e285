// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: baseline allows only the safe sysctls; kernel.msgmax is not one of them.
import { redisPodSpec, secureRedis } from "../lib/k8s";

const base = redisPodSpec("sessions");
secureRedis("sessions", {
    podSpec: { securityContext: { ...(base.securityContext as object), sysctls: [{ name: "kernel.msgmax", value: "65536" }] } },
});
