// class: 5 NetworkPolicy semantics (secure look-alike)
// expect: allow
// why: namespaceSelector and podSelector in the same from entry: only checkout pods of the shop namespace, on the TLS port.
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions", { noNetworkPolicy: true });
new k8s.networking.v1.NetworkPolicy("sessions-ingress", {
    metadata: { namespace: NAMESPACE },
    spec: {
        podSelector: { matchLabels: LABELS },
        policyTypes: ["Ingress"],
        ingress: [
            {
                from: [
                    {
                        namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } },
                        podSelector: { matchLabels: { app: "checkout" } },
                    },
                ],
                ports: [{ protocol: "TCP", port: 6379 }],
            },
        ],
    },
});
