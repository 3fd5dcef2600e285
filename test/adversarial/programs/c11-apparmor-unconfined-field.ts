// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: baseline forbids an AppArmor profile of type Unconfined (securityContext.appArmorProfile, Kubernetes 1.30+).
import { redisContainer, RESTRICTED_CONTAINER_SECURITY, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [redisContainer({ securityContext: { ...RESTRICTED_CONTAINER_SECURITY, appArmorProfile: { type: "Unconfined" } } })],
    },
});
