// class: 5 NetworkPolicy semantics
// expect: deny k8s-redis-without-network-policy
// resource: sessions
// why: every namespace carries kubernetes.io/metadata.name, so a namespaceSelector requiring that it Exists,
//      with no podSelector, admits every pod of the cluster.
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions", { noNetworkPolicy: true });
new k8s.networking.v1.NetworkPolicy("sessions-ingress", {
    metadata: { namespace: NAMESPACE },
    spec: {
        podSelector: { matchLabels: LABELS },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "Exists" }] } }] }],
    },
});
