// class: false positive (secure look-alike)
// expect: allow
// why: the pod spec leaves automountServiceAccountToken unset, and its ServiceAccount in the same program sets it
//      to false: Kubernetes mounts no token.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, redisPodSpec, secureRedis } from "../lib/k8s";

new k8s.core.v1.ServiceAccount("sessions-sa", {
    metadata: { name: "sessions", namespace: NAMESPACE },
    automountServiceAccountToken: false,
});
const { automountServiceAccountToken: _unset, ...spec } = redisPodSpec("sessions");
secureRedis("sessions", { podSpec: { ...spec, automountServiceAccountToken: undefined, serviceAccountName: "sessions" } });
