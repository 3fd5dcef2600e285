import { checkov, cisKubernetes } from "../lib/controls";
import { isRedisWorkload, namespaceOf, podTemplateOf } from "../lib/kubernetes";
import { SERVICE_ACCOUNT, tokenMount } from "../lib/service-account";
import { stackRule } from "../lib/rule";

export const k8sRedisServiceAccountTokenMounted = stackRule(
    {
        name: "k8s-redis-service-account-token-mounted",
        description:
            "Redis pods must not get a service account token, since Redis never calls the Kubernetes API and a mounted token is a credential to steal.",
        enforcementLevel: "mandatory",
        severity: "medium",
        controls: [
            cisKubernetes("5.1.6", "Ensure that Service Account Tokens are only mounted where necessary"),
            checkov("CKV_K8S_38", "Ensure that Service Account Tokens are only mounted where necessary"),
        ],
        remediation:
            "Set automountServiceAccountToken: false in the pod spec (or on the pod's ServiceAccount), and mount no projected serviceAccountToken volume.",
    },
    (stack, report) => {
        for (const workload of stack.resources.filter(isRedisWorkload)) {
            const mount = tokenMount(podTemplateOf(workload).spec, namespaceOf(workload), stack.ofType(SERVICE_ACCOUNT));
            if (mount.mounted === true)
                report(
                    `Redis workload "${workload.name}" mounts a service account token into its pods: ${mount.because}. Set automountServiceAccountToken: false in the pod spec.`,
                    workload.urn,
                );
        }
    },
);
