// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-configmap
// resource: sessions-settings
// why: a JSON document with a password field holds it in clear.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-settings", {
    metadata: { name: "sessions-settings", namespace: NAMESPACE, labels: { "app.kubernetes.io/name": "redis" } },
    data: { "client.json": JSON.stringify({ redis: { host: "sessions", password: "Tr0ub4dor-3-sessions" } }) },
});
secureRedis("sessions");
