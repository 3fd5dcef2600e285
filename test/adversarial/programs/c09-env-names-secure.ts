// class: 9 passwords that reach the pod unseen (secure look-alike)
// expect: allow
// why: REDIS_TLS_AUTH_CLIENTS=yes, AUTH_SECRET_NAME=redis-acl and TOKEN_TTL_SECONDS=3600 name settings, not passwords.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-settings", {
    metadata: { name: "sessions-settings", namespace: NAMESPACE, labels: { "app.kubernetes.io/name": "redis" } },
    data: { REDIS_TLS_AUTH_CLIENTS: "yes", AUTH_SECRET_NAME: "redis-acl", TOKEN_TTL_SECONDS: "3600" },
});
secureRedis("sessions");
