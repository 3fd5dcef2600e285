// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-configmap
// resource: sessions-settings
// why: a redis URL with user:password in its authority.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-settings", {
    metadata: { name: "sessions-settings", namespace: NAMESPACE, labels: { "app.kubernetes.io/name": "redis" } },
    data: { REDIS_URL: "rediss://app:Tr0ub4dor-3-sessions@sessions.cache.svc:6379/0" },
});
secureRedis("sessions");
