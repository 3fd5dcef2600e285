// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: capabilities are case-sensitive in the restricted check: drop ["all"] is not drop ["ALL"], so nothing is dropped.
import { redisContainer, RESTRICTED_CONTAINER_SECURITY, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: { containers: [redisContainer({ securityContext: { ...RESTRICTED_CONTAINER_SECURITY, capabilities: { drop: ["all"] } } })] },
});
