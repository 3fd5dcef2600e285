// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: baseline forbids seccomp Unconfined at the pod level (the container sets none of its own here).
import { redisContainer, redisPodSpec, RESTRICTED_CONTAINER_SECURITY, secureRedis } from "../lib/k8s";

const base = redisPodSpec("sessions");
secureRedis("sessions", {
    podSpec: {
        securityContext: { ...(base.securityContext as object), seccompProfile: { type: "Unconfined" } },
        containers: [redisContainer({ securityContext: { ...RESTRICTED_CONTAINER_SECURITY, seccompProfile: undefined } })],
    },
});
