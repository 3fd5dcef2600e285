import { cisKubernetes, kubernetesDocs } from "../lib/controls";
import { NETWORK_POLICY, isRedisWorkload, namespaceOf } from "../lib/kubernetes";
import { ingressVerdict, unreadPolicies } from "../lib/network-policy";
import { stackRule } from "../lib/rule";
export const k8sRedisWithoutNetworkPolicy = stackRule(
    {
        name: "k8s-redis-without-network-policy",
        description:
            "The pods of every Redis workload must be selected by a NetworkPolicy that restricts ingress, so that only named clients reach Redis.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            cisKubernetes("5.3.2", "Ensure that all Namespaces have Network Policies defined"),
            kubernetesDocs(
                "NetworkPolicy",
                "Network Policies",
                "https://kubernetes.io/docs/concepts/services-networking/network-policies/",
            ),
        ],
        remediation:
            "Create a networking.k8s.io/v1 NetworkPolicy in the workload's namespace whose podSelector matches the Redis pods, with policyTypes [Ingress, Egress] " +
            "and ingress only from the client pods and namespaces, on the Redis port.",
    },
    (stack, report) => {
        for (const workload of stack.resources.filter(isRedisWorkload)) {
            const namespace = namespaceOf(workload);
            const verdict = ingressVerdict(workload, stack.ofType(NETWORK_POLICY));
            if (verdict.selecting === 0 && unreadPolicies(stack.resources).length === 0) {
                report(
                    `Redis workload "${workload.name}" in namespace "${namespace}" is selected by no NetworkPolicy, so every pod in the cluster can reach it. Add a NetworkPolicy that admits only its clients.`,
                    workload.urn,
                );
            } else if (verdict.open.length > 0) {
                report(
                    `Redis workload "${workload.name}" admits every source on its Redis port, since NetworkPolicies add up and any one admitting rule is enough: ${verdict.open.join("; ")}. ` +
                        "Name the client pods and namespaces in from, and remove allow-all policies that select the Redis pods.",
                    workload.urn,
                );
            }
        }
    },
);
