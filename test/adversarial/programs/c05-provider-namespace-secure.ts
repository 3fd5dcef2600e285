// class: 5 NetworkPolicy semantics (secure look-alike)
// expect: allow
// why: the Kubernetes provider's namespace is cache, so the NetworkPolicy written without a namespace lands in
//      cache, beside the Redis pods it selects.
import * as k8s from "@pulumi/kubernetes";
import { CLIENT_LABELS, LABELS, secureRedis } from "../lib/k8s";

const cluster = new k8s.Provider("cache-ns", { namespace: "cache" });
secureRedis("sessions", { noNetworkPolicy: true });
new k8s.networking.v1.NetworkPolicy(
    "sessions",
    {
        spec: {
            podSelector: { matchLabels: LABELS },
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ podSelector: { matchLabels: CLIENT_LABELS } }] }],
        },
    },
    { provider: cluster },
);
