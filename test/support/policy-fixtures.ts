import { Policies, PolicyConfigSchema } from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { PlannedResource, Violation, evaluatePolicies } from "hardened-redis-gate";
import { NOT_JUDGED_POLICY, policies } from "hardened-redis-policies/policies";

/** A replication group that passes every ElastiCache rule. */
export const SECURE_GROUP = {
    replicationGroupId: "orders",
    description: "orders cache",
    engine: "redis",
    engineVersion: "7.1",
    nodeType: "cache.r7g.large",
    port: 6380,
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    atRestEncryptionEnabled: true,
    kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/orders",
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
    userGroupIds: ["orders-users"],
    subnetGroupName: "orders-subnets",
    securityGroupIds: ["sg-0orders"],
    snapshotRetentionLimit: 7,
    autoMinorVersionUpgrade: true,
    logDeliveryConfigurations: [
        { destination: "/aws/elasticache/orders/slow-log", destinationType: "cloudwatch-logs", logFormat: "json", logType: "slow-log" },
        { destination: "/aws/elasticache/orders/engine-log", destinationType: "cloudwatch-logs", logFormat: "json", logType: "engine-log" },
    ],
};

export const STACK_URN_PREFIX = "urn:pulumi:test::hardened-redis::";

/** A planned resource as a program would register it, with no dependencies unless given. */
export function planned(type: string, name: string, props: Record<string, any>, extra: Partial<PlannedResource> = {}): PlannedResource {
    return { type, name, urn: `${STACK_URN_PREFIX}${type}::${name}`, props, dependencies: [], propertyDependencies: {}, ...extra };
}

/** The resource with `property` recorded as coming from the given resources, as the engine records outputs passed as inputs. */
export function fedBy(resource: PlannedResource, property: string, ...sources: PlannedResource[]): PlannedResource {
    const urns = sources.map((s) => s.urn);
    return {
        ...resource,
        dependencies: [...new Set([...resource.dependencies, ...urns])],
        propertyDependencies: {
            ...resource.propertyDependencies,
            [property]: [...(resource.propertyDependencies[property] ?? []), ...urns],
        },
    };
}

/** A value marked secret, as Pulumi's RPC layer marks it in recorded inputs. */
export function secret<T>(value: T): { value: T } {
    return { [specialSigKey]: specialSecretSig, value } as unknown as { value: T };
}

/** A value that is unknown during preview, as the mock runtime records it. */
export const UNKNOWN_VALUE = pulumi.unknown;

export async function evaluate(policy: Policies[number], resources: PlannedResource[], config?: Record<string, any>): Promise<Violation[]> {
    return evaluatePolicies(resources, { policies: [policy], config });
}

/** The rule's own messages (the part after the policy description) for the resources. */
export async function messagesOf(policy: Policies[number], resources: PlannedResource[], config?: Record<string, any>): Promise<string[]> {
    return (await evaluate(policy, resources, config)).map((v) => v.message.split("\n").slice(1).join("\n"));
}

/** Every leaf of the props replaced by an unknown value: nothing about the resource is known but its shape. */
export function allLeavesUnknown(value: unknown): any {
    if (Array.isArray(value)) return value.map(allLeavesUnknown);
    if (value !== null && typeof value === "object" && !(specialSigKey in value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, allLeavesUnknown(v)]));
    }
    return UNKNOWN_VALUE;
}

/** The schema defaults of a policy, for asserting what a config changes. */
export function defaultsOf(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    return Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([k, v]) => [k, (v as { default?: unknown }).default]));
}

/** One scenario of a rule: the resources, an optional pack config, and the messages expected in order (none: compliant). */
export interface RuleCase {
    title: string;
    resources: PlannedResource[];
    config?: Record<string, any>;
    messages: RegExp[];
}

/**
 * The rule's scenarios as tests: each yields exactly the expected messages, and none makes the rule
 * fail or skip ("can't run ... during preview") when every value, or any one input, is unknown.
 */
export function describeRule(policy: Policies[number], cases: RuleCase[], read: typeof messagesOf = messagesOf, title = policy.name): void {
    describe(title, () => {
        it.each(cases.map((c) => [c.title, c] as const))("%s", async (_, c) => {
            const messages = await read(policy, c.resources, c.config);
            expect(messages).toHaveLength(c.messages.length);
            c.messages.forEach((expected, i) => expect(messages[i]).toMatch(expected));
        });

        it.each(cases.map((c) => [c.title, c] as const))(
            "judges %s without failing when values are unknown during preview",
            async (_, c) => {
                const variants = c.resources.flatMap((target, i) =>
                    [
                        { ...target, props: allLeavesUnknown(target.props) },
                        ...Object.keys(target.props).map((key) => ({ ...target, props: { ...target.props, [key]: UNKNOWN_VALUE } })),
                    ].map((variant) => c.resources.map((r, j) => (j === i ? variant : r))),
                );
                for (const resources of variants) {
                    const violations = await evaluate(policy, resources, c.config);
                    expect(violations.filter((v) => /^can't run .* during preview/.test(v.message))).toEqual([]);
                }
            },
        );
    });
}

/** The rule ids and the message of a result of the pack's `not-judged` policy (`<rule ids>: <message>`). */
export function parseNotJudged(message: string): { rules: string[]; message: string } {
    const match = /^([a-z0-9*-]+(?:, [a-z0-9*-]+)*): ([\s\S]*)$/.exec(message);
    return match ? { rules: match[1].split(", "), message: match[2] } : { rules: [], message };
}

/** What the pack's `not-judged` policy reports for any of the rules, without the rule ids. */
export async function notJudgedFor(
    rules: readonly string[],
    resources: PlannedResource[],
    config?: Record<string, any>,
): Promise<string[]> {
    const notJudged = policies.find((p) => p.name === NOT_JUDGED_POLICY)!;
    return (await messagesOf(notJudged, resources, config))
        .map(parseNotJudged)
        .filter((r) => r.rules.some((rule) => rules.includes(rule)))
        .map((r) => r.message);
}

/** What the pack's `not-judged` policy reports for the rule: the rule's not-judged messages, without the rule ids. */
export async function notJudgedBy(policy: Policies[number], resources: PlannedResource[]): Promise<string[]> {
    return notJudgedFor([policy.name], resources);
}

/** The rules that judge a Redis server's settings and ACL users, which an unread configuration leaves unjudged. */
export const SERVER_RULES = [
    "k8s-redis-protected-mode-off",
    "k8s-redis-without-tls",
    "k8s-redis-without-authentication",
    "k8s-redis-user-dangerous-commands",
];

/** The rules that judge the Kubernetes objects around a Redis workload, and every Kubernetes rule (`k8s-redis-*`) for a manifest the pack cannot open. */
export const KUBERNETES_RULES = [
    "k8s-redis-without-network-policy",
    "k8s-redis-pod-security-violation",
    "k8s-redis-service-account-token-mounted",
    "k8s-redis-helm-chart-insecure",
    "k8s-redis-*",
];

/** Scenarios of what the `not-judged` policy reports for any of the rules, as `describeRule` runs a rule's own. */
export function describeNotJudged(rules: readonly string[], cases: RuleCase[]): void {
    const notJudged = policies.find((p) => p.name === NOT_JUDGED_POLICY)!;
    describeRule(notJudged, cases, (_, resources, config) => notJudgedFor(rules, resources, config), `not-judged for ${rules.join(", ")}`);
}
