// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-configmap
// resource: sessions-env
// why: envFrom with prefix REDIS_ turns the ConfigMap key PASSWORD into REDIS_PASSWORD: a literal password in a
//      ConfigMap, handed to the container.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisContainer, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-env", {
    metadata: { name: "sessions-env", namespace: NAMESPACE },
    data: { PASSWORD: "Tr0ub4dor&3-sessions" },
});
secureRedis("sessions", {
    podSpec: { containers: [redisContainer({ envFrom: [{ prefix: "REDIS_", configMapRef: { name: "sessions-env" } }] })] },
});
