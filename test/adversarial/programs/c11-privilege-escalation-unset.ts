// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: restricted requires allowPrivilegeEscalation set to false; leaving it unset allows it.
import { redisContainer, RESTRICTED_CONTAINER_SECURITY, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [redisContainer({ securityContext: { ...RESTRICTED_CONTAINER_SECURITY, allowPrivilegeEscalation: undefined } })],
    },
});
