// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: restricted allows adding only NET_BIND_SERVICE; NET_RAW is added back after drop ALL.
import { redisContainer, RESTRICTED_CONTAINER_SECURITY, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({ securityContext: { ...RESTRICTED_CONTAINER_SECURITY, capabilities: { drop: ["ALL"], add: ["NET_RAW"] } } }),
        ],
    },
});
