import { kubernetesDocs } from "../lib/controls";
import { NETWORK_POLICY, isRedisWorkload, namespaceOf, podTemplateOf } from "../lib/kubernetes";
import { HELM_TYPES, reviewChart } from "../lib/helm";
import { CONFIG_GROUPS, inlineObjectsOf } from "../lib/manifests";
import { ingressVerdict, unreadPolicies } from "../lib/network-policy";
import { reviewPodSecurity } from "../lib/pod-security";
import { isUnknown, listOf } from "../lib/read";
import { StackResourceView, StackView, stackRule } from "../lib/rule";
import { SERVICE_ACCOUNT, tokenMount } from "../lib/service-account";

/** Manifests the pack cannot open: files it does not read, inline manifests unknown at preview. */
function unopenedManifests(stack: StackView): { resource: StackResourceView; why: string }[] {
    const parents = new Set(stack.resources.map((r) => r.parent));
    return stack.resources
        .filter((r) => (CONFIG_GROUPS.includes(r.type) || r.type === "kubernetes:yaml/v2:ConfigFile") && !parents.has(r.urn))
        .flatMap((resource) => {
            const { file, files } = resource.props;
            if (file !== undefined || isUnknown(files) || listOf(files).length > 0) return [{ resource, why: "its manifest files are not read by the pack" }];
            return inlineObjectsOf(resource) === undefined ? [{ resource, why: "its inline manifests are unknown at preview" }] : [];
        });
}

export const k8sRedisNotJudged = stackRule(
    {
        name: "k8s-redis-not-judged",
        description: "What the Kubernetes rules cannot judge before deployment (values unknown at preview, charts and files the pack cannot open) is reported, never silently passed.",
        enforcementLevel: "advisory",
        severity: "low",
        controls: [kubernetesDocs("Pulumi preview", "Values computed by other resources stay unknown until they are created", "https://www.pulumi.com/docs/iac/concepts/inputs-outputs/")],
        remediation: "Give the values as literals where security depends on them, use a chart whose values the pack knows or the KubernetesRedis component, and review what is listed by hand.",
    },
    (stack, report) => {
        const policies = stack.ofType(NETWORK_POLICY);
        const unread = unreadPolicies(stack.resources).map((p) => `${p.type.split(":").pop()} "${p.name}"`);
        for (const workload of stack.resources.filter(isRedisWorkload)) {
            const spec = podTemplateOf(workload).spec;
            const network = ingressVerdict(workload, policies);
            const token = tokenMount(spec, namespaceOf(workload), stack.ofType(SERVICE_ACCOUNT));
            const unknown = [
                ...(network.open.length === 0 ? network.unknown.map((u) => `NetworkPolicy ingress: ${u}`) : []),
                ...(network.selecting === 0 && unread.length > 0 ? [`NetworkPolicy ingress: no NetworkPolicy selects it, and the pack does not read ${unread.join(", ")}`] : []),
                ...reviewPodSecurity(podTemplateOf(workload)).unknown.map((u) => `Pod Security Standards: ${u}`),
                ...(token.mounted === undefined ? [`service account token: ${token.because}`] : []),
            ];
            if (unknown.length > 0) report(`Redis workload "${workload.name}" is not judged in part: ${unknown.join("; ")}.`, workload.urn);
        }
        for (const release of stack.ofType(...HELM_TYPES)) {
            const review = reviewChart(release);
            if (review && review.notJudged.length > 0) report(`Helm ${release.type.split(":").pop()} "${release.name}" of chart "${review.chart}" is not judged in part: ${review.notJudged.join("; ")}.`, release.urn);
        }
        for (const { resource, why } of unopenedManifests(stack)) report(`${resource.type.split(":").slice(1).join(":")} "${resource.name}" is not judged: ${why}.`, resource.urn);
    },
);
