// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: baseline forbids Windows HostProcess containers.
import { redisPodSpec, secureRedis } from "../lib/k8s";

const base = redisPodSpec("sessions");
secureRedis("sessions", {
    podSpec: { securityContext: { ...(base.securityContext as object), windowsOptions: { hostProcess: true } }, hostNetwork: true },
});
