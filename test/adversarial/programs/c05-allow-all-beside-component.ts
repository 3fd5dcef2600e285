// class: 5 NetworkPolicy semantics
// expect: deny k8s-redis-without-network-policy
// resource: sessions-statefulset
// why: NetworkPolicies are additive: a namespace-wide allow-all policy placed beside KubernetesRedis's own
//      default-deny policy admits every source to the Redis pods.
import * as k8s from "@pulumi/kubernetes";
import { KubernetesRedis } from "hardened-redis";

new KubernetesRedis("sessions", { namespace: "payments", allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }] });
new k8s.networking.v1.NetworkPolicy("allow-all", {
    metadata: { namespace: "payments" },
    spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] },
});
