// class: 9 passwords that reach the pod unseen
// expect: deny k8s-redis-password-in-configmap
// resource: sessions-settings
// why: binaryData is only base64: the kubelet writes the decoded file, here a requirepass line, into the pod.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

new k8s.core.v1.ConfigMap("sessions-settings", {
    metadata: { name: "sessions-settings", namespace: NAMESPACE },
    binaryData: { "auth.conf": Buffer.from("requirepass Tr0ub4dor-3-sessions\n").toString("base64") },
});
secureRedis("sessions");
