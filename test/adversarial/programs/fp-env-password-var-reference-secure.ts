// class: false positive (secure look-alike)
// expect: allow
// why: REDISCLI_AUTH is $(PROBE_PASSWORD), which the kubelet expands from the variable above it, itself read from a Secret: no literal password in the pod spec.
import { redisContainer, secureRedis } from "../lib/k8s";

secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                env: [
                    { name: "PROBE_PASSWORD", valueFrom: { secretKeyRef: { name: "sessions-auth", key: "probe-password" } } },
                    { name: "REDISCLI_AUTH", value: "$(PROBE_PASSWORD)" },
                ],
            }),
        ],
    },
});
