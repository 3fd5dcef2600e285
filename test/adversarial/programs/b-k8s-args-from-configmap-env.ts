// class: beyond the issue (class 3 and 9 combined)
// expect: deny k8s-redis-protected-mode-off
// resource: sessions
// why: $(EXTRA) is filled by the kubelet from a ConfigMap key through env valueFrom; its value "--protected-mode no"
//      is one argv word that redis-server splits into a config line.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisContainer, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-flags", {
    metadata: { name: "sessions-flags", namespace: NAMESPACE },
    data: { extra: "--protected-mode no" },
});
secureRedis("sessions", {
    podSpec: {
        containers: [
            redisContainer({
                env: [{ name: "EXTRA", valueFrom: { configMapKeyRef: { name: "sessions-flags", key: "extra" } } }],
                args: ["/etc/redis/redis.conf", "$(EXTRA)"],
            }),
        ],
    },
});
