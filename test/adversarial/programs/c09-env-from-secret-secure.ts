// class: 9 passwords that reach the pod unseen (secure look-alike)
// expect: allow
// why: REDISCLI_AUTH from a Secret key: the pod spec names the Secret, never the value.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                env: [{ name: "REDISCLI_AUTH", valueFrom: { secretKeyRef: { name: "sessions-auth", key: "probe-password" } } }],
            }),
        ],
    },
});
