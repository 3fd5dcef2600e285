// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: baseline forbids setting the SELinux user or role.
import { redisContainer, RESTRICTED_CONTAINER_SECURITY, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                securityContext: { ...RESTRICTED_CONTAINER_SECURITY, seLinuxOptions: { user: "system_u", role: "system_r" } },
            }),
        ],
    },
});
