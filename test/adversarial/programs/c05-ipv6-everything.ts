// class: 5 NetworkPolicy semantics
// expect: deny k8s-redis-without-network-policy
// resource: sessions
// why: ::/0 admits every IPv6 source on a dual-stack cluster.
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions", { noNetworkPolicy: true });
new k8s.networking.v1.NetworkPolicy("sessions-ingress", {
    metadata: { namespace: NAMESPACE },
    spec: {
        podSelector: { matchLabels: LABELS },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: "checkout" } } }, { ipBlock: { cidr: "::/0" } }] }],
    },
});
