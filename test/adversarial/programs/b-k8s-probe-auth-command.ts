// class: beyond the issue
// expect: deny k8s-redis-password-in-pod-spec
// resource: sessions
// why: the readiness probe pipes AUTH app <password> into redis-cli: the password is in the pod spec and on the node's process list.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                readinessProbe: {
                    exec: {
                        command: [
                            "sh",
                            "-c",
                            "printf 'AUTH app Tr0ub4dor-3-sessions\\r\\nPING\\r\\n' | redis-cli --tls --cacert /etc/redis/tls/ca.crt",
                        ],
                    },
                },
            }),
        ],
    },
});
