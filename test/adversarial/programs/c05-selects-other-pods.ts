// class: 5 NetworkPolicy semantics
// expect: deny k8s-redis-without-network-policy
// resource: sessions
// why: the policy selects app=redis-proxy pods, not the Redis pods, which stay open.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions", { noNetworkPolicy: true });
new k8s.networking.v1.NetworkPolicy("sessions-ingress", {
    metadata: { namespace: NAMESPACE },
    spec: {
        podSelector: { matchLabels: { app: "redis-proxy" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: "checkout" } } }] }],
    },
});
