// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: runAsUser 0 in the container overrides the pod's non-root settings: restricted forbids UID 0.
import { redisContainer, RESTRICTED_CONTAINER_SECURITY, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [redisContainer({ securityContext: { ...RESTRICTED_CONTAINER_SECURITY, runAsUser: 0, runAsNonRoot: undefined } })],
    },
});
