// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: an init container (the classic sysctl/THP fix-up of Redis charts) runs privileged.
import { secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        initContainers: [
            {
                name: "sysctl",
                image: "busybox:1.36",
                command: ["sh", "-c", "echo never > /sys/kernel/mm/transparent_hugepage/enabled"],
                securityContext: { privileged: true },
            },
        ],
    },
});
