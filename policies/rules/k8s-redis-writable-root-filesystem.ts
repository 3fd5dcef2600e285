import { checkov } from "../lib/controls";
import { WORKLOAD_TYPES, containersOf, isRedisWorkload, podTemplateOf } from "../lib/kubernetes";
import { booleanOf, isUnknown, objectOf } from "../lib/known-values";
import { stackRule, unknownDuringPreview } from "../lib/rule";

export const k8sRedisWritableRootFilesystem = stackRule(
    {
        name: "k8s-redis-writable-root-filesystem",
        description: "Containers of Redis workloads should run with a read-only root filesystem, writing only to mounted volumes.",
        enforcementLevel: "advisory",
        severity: "low",
        controls: [checkov("CKV_K8S_22", "Use read-only filesystem for containers where possible")],
        remediation:
            "Set readOnlyRootFilesystem: true in every container's securityContext, and mount an emptyDir or a volume where Redis writes (its data directory, /tmp).",
    },
    (stack, report, _, notJudged) => {
        for (const workload of stack.ofType(...WORKLOAD_TYPES).filter((w) => isRedisWorkload(w, stack))) {
            const writable = containersOf(podTemplateOf(workload).spec)
                .filter(({ name, container }) => {
                    const readOnly = objectOf(container.securityContext).readOnlyRootFilesystem;
                    if (isUnknown(container.securityContext) || isUnknown(readOnly)) {
                        notJudged(
                            unknownDuringPreview(`Redis workload "${workload.name}"`, `readOnlyRootFilesystem of container "${name}"`),
                            workload.urn,
                        );
                        return false;
                    }
                    return booleanOf(readOnly) !== true;
                })
                .map(({ name }) => `"${name}"`);
            if (writable.length > 0) {
                report(
                    `Redis workload "${workload.name}" has containers with a writable root filesystem: ${writable.join(", ")}. Set readOnlyRootFilesystem: true.`,
                    workload.urn,
                );
            }
        }
    },
);
