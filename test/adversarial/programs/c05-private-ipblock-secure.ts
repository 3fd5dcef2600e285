// class: 5 NetworkPolicy semantics (secure look-alike)
// expect: allow
// why: an ipBlock of one private /24 (the node subnet of a batch job) is a narrow, named source.
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions", { noNetworkPolicy: true });
new k8s.networking.v1.NetworkPolicy("sessions-ingress", {
    metadata: { namespace: NAMESPACE },
    spec: {
        podSelector: { matchLabels: LABELS },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ ipBlock: { cidr: "10.20.30.0/24" } }], ports: [{ protocol: "TCP", port: 6379 }] }],
    },
});
