import { PlannedResource } from "hardened-redis-gate";
import { NETWORK_POLICY } from "../../policies/lib/kubernetes";
import { ingressVerdict, redisPortsOf } from "../../policies/lib/network-policy";
import { StackResourceView } from "../../policies/lib/rule";
import { k8sRedisWithoutNetworkPolicy } from "../../policies/rules/k8s-redis-without-network-policy";
import { UNKNOWN } from "../../policies/lib/known-values";
import { KUBERNETES_RULES, describeNotJudged, describeRule, planned } from "../support/policy-fixtures";

/** NetworkPolicies are additive: any policy that selects the Redis pods and admits every source on the Redis port opens it. */
const LABELS = { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "cache" };

function redis(ports: Record<string, unknown>[] = [{ name: "tls-redis", containerPort: 6379 }]): PlannedResource {
    return planned("kubernetes:apps/v1:StatefulSet", "redis", {
        metadata: { name: "redis", namespace: "data", labels: LABELS },
        spec: {
            selector: { matchLabels: LABELS },
            template: { metadata: { labels: LABELS }, spec: { containers: [{ name: "redis", image: "redis:7.2", ports }] } },
        },
    });
}

/** The component's own policy: only the web pods, on 6379. */
const OWN = { from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 6379 }] };

function policy(name: string, spec: Record<string, unknown>, namespace = "data"): PlannedResource {
    return planned(NETWORK_POLICY, name, {
        metadata: { name, namespace },
        spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": "redis" } }, policyTypes: ["Ingress"], ingress: [OWN], ...spec },
    });
}

const own = policy("redis", {});
const beside = (spec: Record<string, unknown>) => [redis(), own, policy("extra", spec)];
const OPEN = /^Redis workload "redis" admits every source on its Redis port/;

describeRule(k8sRedisWithoutNetworkPolicy, [
    { title: "only the component's own policy", resources: [redis(), own], messages: [] },
    {
        title: "a namespace-wide allow-all beside the component's policy",
        resources: beside({ podSelector: {}, ingress: [{}] }),
        messages: [/NetworkPolicy "extra" has ingress rule 0 without from/],
    },
    {
        title: "a rule without from, limited to the Redis port",
        resources: beside({ ingress: [{ ports: [{ port: 6379 }] }] }),
        messages: [OPEN],
    },
    { title: "a rule without from on another port only", resources: beside({ ingress: [{ ports: [{ port: 9121 }] }] }), messages: [] },
    {
        title: "a rule without from on UDP only",
        resources: beside({ ingress: [{ ports: [{ port: 6379, protocol: "UDP" }] }] }),
        messages: [],
    },
    {
        title: "a rule without from on a port range holding 6379",
        resources: beside({ ingress: [{ ports: [{ port: 6000, endPort: 7000 }] }] }),
        messages: [OPEN],
    },
    {
        title: "a rule without from on a port range beside 6379",
        resources: beside({ ingress: [{ ports: [{ port: 7000, endPort: 8000 }] }] }),
        messages: [],
    },
    {
        title: "a rule without from on the Redis port's name",
        resources: beside({ ingress: [{ ports: [{ port: "tls-redis" }] }] }),
        messages: [OPEN],
    },
    {
        title: "a rule without from on another port's name",
        resources: beside({ ingress: [{ ports: [{ port: "metrics" }] }] }),
        messages: [],
    },
    {
        title: "a rule without from whose port entry names no port",
        resources: beside({ ingress: [{ ports: [{ protocol: "TCP" }] }] }),
        messages: [OPEN],
    },
    {
        title: "namespaceSelector {} without podSelector",
        resources: beside({ ingress: [{ from: [{ namespaceSelector: {} }] }] }),
        messages: [/namespaceSelector that matches every namespace/],
    },
    {
        title: "namespaceSelector {} with podSelector {}",
        resources: beside({ ingress: [{ from: [{ namespaceSelector: {}, podSelector: {} }] }] }),
        messages: [OPEN],
    },
    {
        title: "namespaceSelector {} narrowed by a podSelector",
        resources: beside({ ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: "web" } } }] }] }),
        messages: [],
    },
    {
        title: "a namespaceSelector that every namespace matches by its name label",
        resources: beside({
            ingress: [
                { from: [{ namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "Exists" }] } }] },
            ],
        }),
        messages: [OPEN],
    },
    {
        title: "a namespaceSelector of DoesNotExist alone",
        resources: beside({
            ingress: [{ from: [{ namespaceSelector: { matchExpressions: [{ key: "team", operator: "DoesNotExist" }] } }] }],
        }),
        messages: [OPEN],
    },
    {
        title: "a namespaceSelector naming one namespace",
        resources: beside({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "web" } } }] }] }),
        messages: [],
    },
    {
        title: "a podSelector {} (every pod of the namespace only)",
        resources: beside({ ingress: [{ from: [{ podSelector: {} }] }] }),
        messages: [],
    },
    {
        title: "ipBlock 0.0.0.0/0",
        resources: beside({ ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] }),
        messages: [/ipBlocks admit every IPv4 address \(0\.0\.0\.0\/0 in NetworkPolicy "extra"\)/],
    },
    {
        title: "ipBlock ::/0",
        resources: beside({ ingress: [{ from: [{ ipBlock: { cidr: "::/0" } }] }] }),
        messages: [/every IPv6 address/],
    },
    {
        title: "ipBlock 0.0.0.0/0 except only private ranges",
        resources: beside({ ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "192.168.0.0/16"] } }] }] }),
        messages: [OPEN],
    },
    {
        title: "ipBlock 0.0.0.0/0 except a public range",
        resources: beside({ ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["0.0.0.0/1"] } }] }] }),
        messages: [],
    },
    {
        title: "two halves of the IPv4 space in two policies",
        resources: [
            redis(),
            own,
            policy("low", { ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/1" } }] }] }),
            policy("high", { ingress: [{ from: [{ ipBlock: { cidr: "128.0.0.0/1" } }] }] }),
        ],
        messages: [/0\.0\.0\.0\/1 in NetworkPolicy "low", 128\.0\.0\.0\/1 in NetworkPolicy "high"/],
    },
    { title: "one half of the IPv4 space", resources: beside({ ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/1" } }] }] }), messages: [] },
    { title: "a private ipBlock", resources: beside({ ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }] }), messages: [] },
    {
        title: "an allow-all policy with policyTypes omitted (Ingress implied)",
        resources: beside({ policyTypes: undefined, ingress: [{}] }),
        messages: [OPEN],
    },
    { title: "an allow-all policy for egress only", resources: beside({ policyTypes: ["Egress"], ingress: [{}] }), messages: [] },
    {
        title: "an allow-all policy in another namespace",
        resources: [redis(), own, policy("extra", { podSelector: {}, ingress: [{}] }, "web")],
        messages: [],
    },
    {
        title: "an allow-all policy for other pods",
        resources: beside({ podSelector: { matchLabels: { app: "web" } }, ingress: [{}] }),
        messages: [],
    },
]);

function view(resource: PlannedResource): StackResourceView {
    return { ...resource, dependencies: [], propertyDependencies: {}, providerProps: {} };
}

describe("ingressVerdict", () => {
    it("reports pods that only policies with an unknown selector may isolate", () => {
        const verdict = ingressVerdict(view(redis()), [view(policy("maybe", { podSelector: UNKNOWN }))]);
        expect(verdict).toEqual({
            open: [],
            selecting: 1,
            unknown: ['whether NetworkPolicy "maybe" selects the pods for ingress is unknown at preview'],
        });
    });

    it("reads the Redis ports from the server containers, or 6379 when none is declared", () => {
        expect(
            redisPortsOf(
                view(
                    redis([
                        { name: "redis", containerPort: 6380 },
                        { containerPort: 5000, protocol: "UDP" },
                    ]),
                ),
            ),
        ).toEqual([{ number: 6380, name: "redis" }]);
        expect(redisPortsOf(view(redis([])))).toEqual([{ number: 6379 }]);
    });

    it("reports what is unknown at preview instead of passing it", () => {
        const unknownFrom = view(policy("extra", { ingress: [{ from: UNKNOWN }] }));
        const unknownSelector = view(policy("maybe", { podSelector: UNKNOWN, ingress: [{}] }));
        const verdict = ingressVerdict(view(redis()), [view(own), unknownFrom, unknownSelector]);
        expect(verdict.open).toEqual([]);
        expect(verdict.selecting).toBe(3);
        expect(verdict.unknown).toEqual([
            'NetworkPolicy "extra" has ingress rule 0 unknown at preview',
            'NetworkPolicy "maybe" (if it selects the pods) has ingress rule 0 without from, which admits every source',
        ]);
    });
});

describeRule(k8sRedisWithoutNetworkPolicy, [
    {
        title: "namespaceSelector {} with a podSelector that only requires a label to be absent",
        resources: beside({
            ingress: [
                { from: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: "never-set", operator: "DoesNotExist" }] } }] },
            ],
        }),
        messages: [/a namespaceSelector that matches every namespace/],
    },
    {
        title: "no NetworkPolicy, but a CiliumNetworkPolicy the pack does not read (not judged, not open)",
        resources: [
            redis(),
            planned("kubernetes:cilium.io/v2:CiliumNetworkPolicy", "cilium", {
                apiVersion: "cilium.io/v2",
                kind: "CiliumNetworkPolicy",
                metadata: { namespace: "data" },
                spec: { endpointSelector: { matchLabels: LABELS } },
            }),
        ],
        messages: [],
    },
]);

describeNotJudged(KUBERNETES_RULES, [
    {
        title: "a Redis workload beside a CiliumNetworkPolicy only",
        resources: [
            redis(),
            planned("kubernetes:cilium.io/v2:CiliumNetworkPolicy", "cilium", { metadata: { namespace: "data" }, spec: {} }),
        ],
        messages: [/NetworkPolicy ingress: no NetworkPolicy selects it, and the pack does not read CiliumNetworkPolicy "cilium"/],
    },
]);
