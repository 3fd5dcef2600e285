// class: 5 NetworkPolicy semantics
// expect: deny k8s-redis-without-network-policy
// resource: sessions
// why: an ingress rule with ports but no from admits every source on the Redis port.
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions", { noNetworkPolicy: true });
new k8s.networking.v1.NetworkPolicy("sessions-ingress", {
    metadata: { namespace: NAMESPACE },
    spec: { podSelector: { matchLabels: LABELS }, policyTypes: ["Ingress"], ingress: [{ ports: [{ port: 6379 }] }] },
});
