// class: beyond the issue
// expect: deny k8s-redis-pod-security-violation
// resource: debug-redis
// why: a bare Pod on the host network: Redis listens on the node's addresses, outside any NetworkPolicy.
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, redisPodSpec } from "../lib/k8s";

new k8s.core.v1.Pod("debug-redis", {
    metadata: { namespace: NAMESPACE, labels: LABELS },
    spec: redisPodSpec("sessions", { hostNetwork: true }),
});
