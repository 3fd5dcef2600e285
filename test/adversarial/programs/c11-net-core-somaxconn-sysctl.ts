// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: net.core.somaxconn (the classic Redis tuning) is not in baseline's safe sysctl list.
import { redisPodSpec, secureRedis } from "../lib/k8s";

const base = redisPodSpec("sessions");
secureRedis("sessions", {
    podSpec: { securityContext: { ...(base.securityContext as object), sysctls: [{ name: "net.core.somaxconn", value: "1024" }] } },
});
