import { cisKubernetes, kubernetesDocs } from "../lib/controls";
import { NETWORK_POLICY, isRedisWorkload, namespaceOf, podTemplateOf, selectorMatches } from "../lib/kubernetes";
import { isAbsent, isUnknown, listOf, objectOf } from "../lib/read";
import { StackResourceView, stackRule } from "../lib/rule";

function restrictsIngress(policy: StackResourceView): boolean {
    const types = objectOf(policy.props.spec).policyTypes;
    return isUnknown(types) || isAbsent(types) || listOf(types).includes("Ingress");
}

/** An ingress rule `{}` with neither sources nor ports admits everything, which undoes the policy. */
function admitsEverything(policy: StackResourceView): boolean {
    return listOf(objectOf(policy.props.spec).ingress).some((rule) => {
        const entry = objectOf(rule);
        return rule !== undefined && !isUnknown(rule) && isAbsent(entry.from) && isAbsent(entry.ports) && !isUnknown(entry.from) && !isUnknown(entry.ports);
    });
}

export const k8sRedisWithoutNetworkPolicy = stackRule(
    {
        name: "k8s-redis-without-network-policy",
        description: "The pods of every Redis workload must be selected by a NetworkPolicy that restricts ingress, so that only named clients reach Redis.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            cisKubernetes("5.3.2", "Ensure that all Namespaces have Network Policies defined"),
            kubernetesDocs("NetworkPolicy", "Network Policies", "https://kubernetes.io/docs/concepts/services-networking/network-policies/"),
        ],
        remediation:
            "Create a networking.k8s.io/v1 NetworkPolicy in the workload's namespace whose podSelector matches the Redis pods, with policyTypes [Ingress, Egress] " +
            "and ingress only from the client pods and namespaces, on the Redis port.",
    },
    (stack, report) => {
        for (const workload of stack.resources.filter(isRedisWorkload)) {
            const namespace = namespaceOf(workload);
            const { labels } = podTemplateOf(workload);
            const selecting = stack
                .ofType(NETWORK_POLICY)
                .filter((policy) => namespaceOf(policy) === namespace && restrictsIngress(policy))
                .filter((policy) => selectorMatches(objectOf(policy.props.spec).podSelector ?? {}, labels) !== false);
            if (selecting.length === 0) {
                report(`Redis workload "${workload.name}" in namespace "${namespace}" is selected by no NetworkPolicy, so every pod in the cluster can reach it. Add a NetworkPolicy that admits only its clients.`, workload.urn);
            } else if (selecting.every(admitsEverything)) {
                report(
                    `Redis workload "${workload.name}" is selected only by NetworkPolicies with an ingress rule {} that admits every source (${selecting.map((p) => `"${p.name}"`).join(", ")}). ` +
                        "Name the client pods and namespaces in from.",
                    workload.urn,
                );
            }
        }
    },
);
