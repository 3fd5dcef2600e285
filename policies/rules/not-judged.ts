import { cwe } from "../lib/controls";
import { HELM_TYPES, reviewChart } from "../lib/helm";
import { NETWORK_POLICY, isRedisWorkload, namespaceOf, podTemplateOf } from "../lib/kubernetes";
import { CONFIG_GROUPS, inlineObjectsOf } from "../lib/manifests";
import { ingressVerdict, unreadPolicies } from "../lib/network-policy";
import { reviewPodSecurity } from "../lib/pod-security";
import { isUnknown, listOf } from "../lib/known-values";
import { redisServersOf, settingsOf } from "../lib/redis-server";
import { startUsersOf } from "../lib/redis-users";
import { SharedNotJudgedCheck, StackResourceView, StackView, notJudgedRule } from "../lib/rule";
import { SERVICE_ACCOUNT, tokenMount } from "../lib/service-account";
import { k8sRedisHelmChartInsecure } from "./k8s-redis-helm-chart-insecure";
import { k8sRedisPodSecurityViolation } from "./k8s-redis-pod-security-violation";
import { k8sRedisProtectedModeOff } from "./k8s-redis-protected-mode-off";
import { k8sRedisServiceAccountTokenMounted } from "./k8s-redis-service-account-token-mounted";
import { k8sRedisUserDangerousCommands } from "./k8s-redis-user-dangerous-commands";
import { k8sRedisWithoutAuthentication } from "./k8s-redis-without-authentication";
import { k8sRedisWithoutNetworkPolicy } from "./k8s-redis-without-network-policy";
import { k8sRedisWithoutTls } from "./k8s-redis-without-tls";

/** The rules that judge each setting of a Redis server, which an unread setting leaves unjudged. */
const SETTING_RULES: Record<string, string[]> = {
    "protected-mode": [k8sRedisProtectedModeOff.name],
    port: [k8sRedisWithoutTls.name],
    "tls-port": [k8sRedisWithoutTls.name],
    "ACL users": [k8sRedisWithoutAuthentication.name, k8sRedisUserDangerousCommands.name],
};
const SERVER_RULES = [...new Set(Object.values(SETTING_RULES).flat())];

/** Redis servers whose settings or ACL users the pack cannot read, or that would refuse their configuration. */
const redisConfiguration: SharedNotJudgedCheck = (stack, notJudged) => {
    for (const { workload, process, where } of redisServersOf(stack)) {
        const unread = new Map<string, string[]>();
        const add = (reason: string, name: string) => unread.set(reason, [...new Set([...(unread.get(reason) ?? []), name])]);
        for (const name of ["protected-mode", "port", "tls-port"]) {
            for (const setting of settingsOf(process, name)) {
                if (setting !== undefined && "unread" in setting) add(setting.unread, name);
            }
        }
        for (const users of startUsersOf(process)) {
            if (users.state === "does not start")
                notJudged(
                    SERVER_RULES,
                    `${where}: not judged, redis-server would refuse this configuration (${users.reason}).`,
                    workload.urn,
                );
            if (users.state === "unknown") add(users.reason, "ACL users");
        }
        unread.forEach((names, reason) => {
            const rules = [...new Set(names.flatMap((name) => SETTING_RULES[name]))];
            notJudged(rules, `${where}: ${names.join(", ")} not judged, they depend on ${reason}.`, workload.urn);
        });
    }
};

/** Manifests the pack cannot open: files it does not read, inline manifests unknown at preview. */
function unopenedManifests(stack: StackView): { resource: StackResourceView; why: string }[] {
    const parents = new Set(stack.resources.map((r) => r.parent));
    return stack.resources
        .filter((r) => (CONFIG_GROUPS.includes(r.type) || r.type === "kubernetes:yaml/v2:ConfigFile") && !parents.has(r.urn))
        .flatMap((resource) => {
            const { file, files } = resource.props;
            if (file !== undefined || isUnknown(files) || listOf(files).length > 0)
                return [{ resource, why: "its manifest files are not read by the pack" }];
            return inlineObjectsOf(resource) === undefined ? [{ resource, why: "its inline manifests are unknown at preview" }] : [];
        });
}

/** Kubernetes values unknown at preview around a Redis workload, Redis charts and values the pack cannot read, manifests it cannot open. */
const kubernetesObjects: SharedNotJudgedCheck = (stack, notJudged) => {
    const policies = stack.ofType(NETWORK_POLICY);
    const unread = unreadPolicies(stack.resources).map((p) => `${p.type.split(":").pop()} "${p.name}"`);
    for (const workload of stack.resources.filter(isRedisWorkload)) {
        const spec = podTemplateOf(workload).spec;
        const network = ingressVerdict(workload, policies);
        const token = tokenMount(spec, namespaceOf(workload), stack.ofType(SERVICE_ACCOUNT));
        const unknown: [string, string][] = [
            ...(network.open.length === 0
                ? network.unknown.map((u): [string, string] => [k8sRedisWithoutNetworkPolicy.name, `NetworkPolicy ingress: ${u}`])
                : []),
            ...(network.selecting === 0 && unread.length > 0
                ? [
                      [
                          k8sRedisWithoutNetworkPolicy.name,
                          `NetworkPolicy ingress: no NetworkPolicy selects it, and the pack does not read ${unread.join(", ")}`,
                      ] as [string, string],
                  ]
                : []),
            ...reviewPodSecurity(podTemplateOf(workload)).unknown.map((u): [string, string] => [
                k8sRedisPodSecurityViolation.name,
                `Pod Security Standards: ${u}`,
            ]),
            ...(token.mounted === undefined
                ? [[k8sRedisServiceAccountTokenMounted.name, `service account token: ${token.because}`] as [string, string]]
                : []),
        ];
        if (unknown.length > 0) {
            const rules = [...new Set(unknown.map(([rule]) => rule))];
            notJudged(
                rules,
                `Redis workload "${workload.name}" is not judged in part: ${unknown.map(([, what]) => what).join("; ")}.`,
                workload.urn,
            );
        }
    }
    for (const release of stack.ofType(...HELM_TYPES)) {
        const review = reviewChart(release);
        if (review && review.notJudged.length > 0) {
            notJudged(
                [k8sRedisHelmChartInsecure.name],
                `Helm ${release.type.split(":").pop()} "${release.name}" of chart "${review.chart}" is not judged in part: ${review.notJudged.join("; ")}.`,
                release.urn,
            );
        }
    }
    for (const { resource, why } of unopenedManifests(stack))
        notJudged(
            ["k8s-redis-*"],
            `${resource.type.split(":").slice(1).join(":")} "${resource.name}" is not judged: ${why}.`,
            resource.urn,
        );
};

export const notJudged = notJudgedRule(
    {
        name: "not-judged",
        description:
            "What a rule of this pack could not judge: a value unknown until the resources are created (as during pulumi preview), a source defined outside the program, " +
            "a chart, manifest or Redis configuration the pack cannot read. Each message names the rules and the resource concerned and what could not be seen.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [cwe(636, "Not Failing Securely ('Failing Open')")],
        remediation:
            "Set the named value literally, or define the referenced resource in the same program, so that the rule can judge it; give redis-server its configuration " +
            "from a ConfigMap or Secret of the program; use a chart whose values the pack knows or the KubernetesRedis component; otherwise review that part yourself.",
    },
    [redisConfiguration, kubernetesObjects],
);
