import { checkov, cisKubernetes } from "../lib/controls";
import { WORKLOAD_TYPES, isRedisWorkload, podTemplateOf } from "../lib/kubernetes";
import { booleanOf, isUnknown } from "../lib/read";
import { resourceRule } from "../lib/rule";

export const k8sRedisServiceAccountTokenMounted = resourceRule(
    {
        name: "k8s-redis-service-account-token-mounted",
        description: "Redis pods must set automountServiceAccountToken: false, since Redis never calls the Kubernetes API and a mounted token is a credential to steal.",
        enforcementLevel: "mandatory",
        severity: "medium",
        controls: [
            cisKubernetes("5.1.6", "Ensure that Service Account Tokens are only mounted where necessary"),
            checkov("CKV_K8S_38", "Ensure that Service Account Tokens are only mounted where necessary"),
        ],
        remediation: "Set automountServiceAccountToken: false in the pod spec (and on the pod's ServiceAccount).",
    },
    WORKLOAD_TYPES,
    (workload, report) => {
        if (!isRedisWorkload(workload)) return;
        const automount = podTemplateOf(workload).spec.automountServiceAccountToken;
        if (!isUnknown(automount) && booleanOf(automount) !== false) {
            report(`Redis workload "${workload.name}" mounts a service account token into its pods. Set automountServiceAccountToken: false in the pod spec.`);
        }
    },
);
