// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: procMount Unmasked exposes the host's /proc paths; baseline requires Default.
import { redisContainer, RESTRICTED_CONTAINER_SECURITY, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: { containers: [redisContainer({ securityContext: { ...RESTRICTED_CONTAINER_SECURITY, procMount: "Unmasked" } })] },
});
