// class: beyond the issue
// expect: deny k8s-redis-without-network-policy
// resource: sessions
// why: a ReplicationController (core/v1, still served by every cluster) runs the Redis pods; no NetworkPolicy
//      selects them.
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, redisPodSpec } from "../lib/k8s";

new k8s.core.v1.ReplicationController("sessions", {
    metadata: { name: "sessions", namespace: NAMESPACE, labels: LABELS },
    spec: { replicas: 1, selector: LABELS, template: { metadata: { labels: LABELS }, spec: redisPodSpec("sessions") } },
});
