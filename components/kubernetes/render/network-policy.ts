import * as k8s from "@pulumi/kubernetes";
import { AllowedClient } from "../selectors";

type IngressRule = k8s.types.input.networking.v1.NetworkPolicyIngressRule;
type EgressRule = k8s.types.input.networking.v1.NetworkPolicyEgressRule;

/** The cluster DNS, as CoreDNS and kube-dns label themselves in kube-system. */
export const CLUSTER_DNS_PEER = {
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
    podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
};

const tcp = (port: number) => ({ protocol: "TCP", port });

/** The given clients, on the Redis port only. */
export function clientIngressRule(clients: readonly AllowedClient[], port: number): IngressRule {
    return { from: clients.map((client) => ({ ...client })), ports: [tcp(port)] };
}

/** Replicas reach their primary, on the Redis port. */
export function replicationIngressRule(podLabels: Record<string, string>, port: number): IngressRule {
    return { from: [{ podSelector: { matchLabels: podLabels } }], ports: [tcp(port)] };
}

export function dnsEgressRule(): EgressRule {
    return { to: [CLUSTER_DNS_PEER], ports: [{ protocol: "UDP", port: 53 }, tcp(53)] };
}

export function replicationEgressRule(podLabels: Record<string, string>, port: number): EgressRule {
    return { to: [{ podSelector: { matchLabels: podLabels } }], ports: [tcp(port)] };
}

/** Default deny both ways for the Redis pods, except the listed rules. */
export function networkPolicySpec(
    podLabels: Record<string, string>,
    ingress: IngressRule[],
    egress: EgressRule[],
): k8s.types.input.networking.v1.NetworkPolicySpec {
    return { podSelector: { matchLabels: podLabels }, policyTypes: ["Ingress", "Egress"], ingress, egress };
}
