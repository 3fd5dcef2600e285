// class: 3 Redis configuration as Redis reads it
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: a postStart hook runs CONFIG SET protected-mode no as the ops user (password from a Secret, through
//      REDISCLI_AUTH): the file says yes, the running server says no.
import { PASSWORD_HASH, redisContainer, secureRedis, usersAcl } from "../lib/k8s";

secureRedis("sessions", {
    acl: usersAcl(`user ops on ${PASSWORD_HASH} ~* &* +@all`),
    podSpec: {
        containers: [
            redisContainer({
                env: [{ name: "REDISCLI_AUTH", valueFrom: { secretKeyRef: { name: "sessions-ops", key: "password" } } }],
                lifecycle: {
                    postStart: {
                        exec: {
                            command: [
                                "sh",
                                "-c",
                                "sleep 2; redis-cli --tls --cacert /etc/redis/tls/ca.crt --user ops CONFIG SET protected-mode no",
                            ],
                        },
                    },
                },
            }),
        ],
    },
});
