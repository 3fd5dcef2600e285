// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-configmap
// resource: sessions-settings
// why: a YAML-style "password: value" line in a ConfigMap file is a literal password.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-settings", {
    metadata: { name: "sessions-settings", namespace: NAMESPACE, labels: { "app.kubernetes.io/name": "redis" } },
    data: { "client.yaml": "redis:\n  host: sessions.cache.svc\n  password: Tr0ub4dor-3-sessions\n" },
});
secureRedis("sessions");
