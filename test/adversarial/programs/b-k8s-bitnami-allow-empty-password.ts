// class: beyond the issue
// expect: deny k8s-redis-*auth*
// resource: sessions
// why: the Bitnami image runs with no password at all when ALLOW_EMPTY_PASSWORD=yes (and turns protected mode off for it);
//      TLS on with the mounted certificate files, without which its entrypoint would refuse to start.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                image: "bitnami/redis:7.2.5",
                command: undefined,
                args: undefined,
                env: [
                    { name: "ALLOW_EMPTY_PASSWORD", value: "yes" },
                    { name: "REDIS_TLS_ENABLED", value: "yes" },
                    { name: "REDIS_TLS_CERT_FILE", value: "/etc/redis/tls/tls.crt" },
                    { name: "REDIS_TLS_KEY_FILE", value: "/etc/redis/tls/tls.key" },
                    { name: "REDIS_TLS_CA_FILE", value: "/etc/redis/tls/ca.crt" },
                ],
            }),
        ],
    },
});
