// class: 9 passwords that reach the pod unseen (secure look-alike)
// expect: allow
// why: a {{ .Values.redis.password }} placeholder is filled in elsewhere from a Secret: no literal password here.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-settings", {
    metadata: { name: "sessions-settings", namespace: NAMESPACE, labels: { "app.kubernetes.io/name": "redis" } },
    data: { "client.yaml": 'redis:\n  password: "{{ .Values.redis.password }}"\n' },
});
secureRedis("sessions");
