// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-configmap
// resource: sessions-settings
// why: an ACL user line with a >password rule in a ConfigMap.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-settings", {
    metadata: { name: "sessions-settings", namespace: NAMESPACE, labels: { "app.kubernetes.io/name": "redis" } },
    data: { "users.acl": "user default off\nuser app on >Tr0ub4dor-3-sessions ~* +@all -@dangerous\n" },
});
secureRedis("sessions");
