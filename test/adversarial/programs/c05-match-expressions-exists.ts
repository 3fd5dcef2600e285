// class: 5 NetworkPolicy semantics
// expect: deny k8s-redis-without-network-policy
// resource: sessions
// why: a podSelector whose only requirement is that a key does not exist matches almost every pod; with namespaceSelector {} every namespace.
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions", { noNetworkPolicy: true });
new k8s.networking.v1.NetworkPolicy("sessions-ingress", {
    metadata: { namespace: NAMESPACE },
    spec: {
        podSelector: { matchLabels: LABELS },
        policyTypes: ["Ingress"],
        ingress: [
            { from: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: "never-set", operator: "DoesNotExist" }] } }] },
        ],
    },
});
