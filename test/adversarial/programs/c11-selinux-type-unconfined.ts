// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: baseline allows only container_t, container_init_t, container_kvm_t and container_engine_t as SELinux types.
import { redisPodSpec, secureRedis } from "../lib/k8s";

const base = redisPodSpec("sessions");
secureRedis("sessions", { podSpec: { securityContext: { ...(base.securityContext as object), seLinuxOptions: { type: "spc_t" } } } });
