// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-configmap
// resource: sessions-settings
// why: NAME:value lines (a .env-like file some images read) carry REDIS_PASSWORD in clear.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-settings", {
    metadata: { name: "sessions-settings", namespace: NAMESPACE, labels: { "app.kubernetes.io/name": "redis" } },
    data: { "app.env": "REDIS_HOST:sessions.cache.svc\nREDIS_PASSWORD:Tr0ub4dor-3-sessions\n" },
});
secureRedis("sessions");
