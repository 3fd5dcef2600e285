import { checkov } from "../lib/controls";
import { WORKLOAD_TYPES, containersOf, isRedisWorkload, podTemplateOf } from "../lib/kubernetes";
import { isAbsent, isUnknown, objectOf } from "../lib/known-values";
import { stackRule, unknownDuringPreview } from "../lib/rule";

export interface LimitSettings {
    requiredLimits: string[];
}

export const k8sRedisMissingResourceLimits = stackRule<LimitSettings>(
    {
        name: "k8s-redis-missing-resource-limits",
        description:
            "Every container of a Redis workload should declare resource limits, so that Redis sizes maxmemory to a known bound and cannot starve its node.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [checkov("CKV_K8S_13", "Memory limits should be set"), checkov("CKV_K8S_11", "CPU limits should be set")],
        remediation:
            "Set resources.limits (and requests) on every container and init container; derive Redis's maxmemory from the memory limit.",
        configSchema: {
            properties: {
                requiredLimits: {
                    type: "array",
                    items: { type: "string" },
                    uniqueItems: true,
                    default: ["cpu", "memory"],
                    description: "The resources every container must limit.",
                },
            },
        },
    },
    (stack, report, { requiredLimits }, notJudged) => {
        for (const workload of stack.ofType(...WORKLOAD_TYPES).filter((w) => isRedisWorkload(w, stack))) {
            const gaps = containersOf(podTemplateOf(workload).spec, ["initContainers", "containers"]).flatMap(({ name, container }) => {
                const resources = objectOf(container.resources);
                if (isUnknown(container.resources) || isUnknown(resources.limits)) {
                    notJudged(
                        unknownDuringPreview(`Redis workload "${workload.name}"`, `the resource limits of container "${name}"`),
                        workload.urn,
                    );
                    return [];
                }
                const limits = objectOf(resources.limits);
                const missing = requiredLimits.filter((resource) => isAbsent(limits[resource]));
                return missing.length > 0 ? [`"${name}" (${missing.join(", ")})`] : [];
            });
            if (gaps.length > 0) {
                report(
                    `Redis workload "${workload.name}" has containers without resource limits: ${gaps.join(", ")}. Set resources.limits on each.`,
                    workload.urn,
                );
            }
        }
    },
);
