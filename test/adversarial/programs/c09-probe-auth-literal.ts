// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-pod-spec
// resource: sessions
// why: the readiness probe runs redis-cli --user app --pass with the literal password.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                readinessProbe: {
                    exec: {
                        command: [
                            "redis-cli",
                            "--tls",
                            "--cacert",
                            "/etc/redis/tls/ca.crt",
                            "--user",
                            "app",
                            "--pass",
                            "Tr0ub4dor-3-sessions",
                            "ping",
                        ],
                    },
                },
            }),
        ],
    },
});
