import { isIP } from "node:net";
import { NETWORK_POLICY, longRunningContainersOf, namespaceOf, podTemplateOf, selectorMatches } from "./kubernetes";
import { serverProcessOf } from "./redis-server";
import { isAbsent, isUnknown, listOf, numberOf, objectOf, stringOf } from "./known-values";
import { StackResourceView } from "./rule";

/**
 * NetworkPolicy ingress semantics, as https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * and the networking.k8s.io/v1 API reference define them:
 * - a pod is isolated for ingress once any policy in its namespace selects it with `Ingress` among its
 *   policyTypes (absent policyTypes mean Ingress, plus Egress when egress rules are given);
 * - policies are additive: a connection is admitted when ANY rule of ANY selecting policy admits it;
 * - a rule without `from` admits every source, a rule without `ports` every port;
 * - a port is a number (with `endPort`, a range) or the name of a container port; protocol defaults to TCP.
 */

/** A port Redis listens on: its number and, when the container names it, its name. */
export interface RedisPort {
    number: number;
    name?: string;
}

/** What every source can reach, or why it cannot be judged. */
export interface IngressVerdict {
    /** The selecting policies and what in each admits every source on a Redis port. */
    open: string[];
    /** What is unknown at preview and could admit every source. */
    unknown: string[];
    /** How many policies in the namespace select the pods for ingress (or may, when their selector is unknown). */
    selecting: number;
}

/** The ports a Redis workload's server containers listen on: their declared container ports, or 6379. */
export function redisPortsOf(workload: StackResourceView): RedisPort[] {
    const { spec } = podTemplateOf(workload);
    const servers = longRunningContainersOf(spec).filter((view) => serverProcessOf({ workload }, spec, view) !== undefined);
    const declared = servers.flatMap(({ container }) =>
        listOf(container.ports)
            .map(objectOf)
            .filter((p) => (stringOf(p.protocol) ?? "TCP") === "TCP" && numberOf(p.containerPort) !== undefined)
            .map((p) => ({ number: numberOf(p.containerPort)!, ...(stringOf(p.name) ? { name: stringOf(p.name) } : {}) })),
    );
    return declared.length > 0 ? declared : [{ number: 6379 }];
}

/**
 * Network policies of CNI plugins and newer APIs that the pack does not read (Cilium, Calico, AdminNetworkPolicy):
 * beside them, a pod that no NetworkPolicy selects is not judged instead of open.
 */
const UNREAD_POLICY_KINDS =
    /:(CiliumNetworkPolicy|CiliumClusterwideNetworkPolicy|NetworkPolicy|GlobalNetworkPolicy|AdminNetworkPolicy|BaselineAdminNetworkPolicy)$/;

export function unreadPolicies(resources: StackResourceView[]): StackResourceView[] {
    return resources.filter(
        (r) =>
            r.type !== NETWORK_POLICY && r.type.startsWith("kubernetes:") && UNREAD_POLICY_KINDS.test(r.type) && !r.type.endsWith("Patch"),
    );
}

/** Whether the policy limits ingress: `policyTypes` lists Ingress, or is absent (Ingress is then always implied). */
export function restrictsIngress(policy: StackResourceView): boolean | undefined {
    const types = objectOf(policy.props.spec).policyTypes;
    if (isUnknown(types) || listOf(types).some(isUnknown)) return undefined;
    return isAbsent(types) || listOf(types).includes("Ingress");
}

/** Whether a port entry of a rule matches one of the Redis ports: undefined when unknown. */
function portMatches(entry: unknown, ports: RedisPort[]): boolean | undefined {
    if (isUnknown(entry)) return undefined;
    const { port, endPort, protocol } = objectOf(entry);
    if ([port, endPort, protocol].some(isUnknown)) return undefined;
    if ((stringOf(protocol) ?? "TCP") !== "TCP") return false;
    if (port === undefined || port === null) return true;
    const number = typeof port === "number" ? port : undefined;
    if (number === undefined) return ports.some((p) => p.name !== undefined && p.name === port);
    const last = numberOf(endPort) ?? number;
    return ports.some((p) => p.number >= number && p.number <= last);
}

/** Whether a rule applies to a Redis port: no ports means every port. */
function ruleCoversRedisPort(rule: Record<string, any>, ports: RedisPort[]): boolean | undefined {
    if (isUnknown(rule.ports)) return undefined;
    if (isAbsent(rule.ports)) return true;
    const results = listOf(rule.ports).map((entry) => portMatches(entry, ports));
    if (results.includes(true)) return true;
    return results.includes(undefined) ? undefined : false;
}

/**
 * Whether a label selector matches every object (or every one but those carrying some label): an empty
 * selector, or one whose only requirements are negative (a label absent, or not one of some values: true of
 * every object created without that label) or that an always-present label exists (`kubernetes.io/metadata.name`
 * on namespaces, which the API server sets on every namespace).
 */
function selectsEvery(selector: Record<string, any>, alwaysPresent?: string): boolean | undefined {
    const { matchLabels, matchExpressions } = selector;
    if (isUnknown(matchLabels) || isUnknown(matchExpressions)) return undefined;
    if (Object.keys(objectOf(matchLabels)).length > 0) return false;
    const expressions = listOf(matchExpressions).map(objectOf);
    if (expressions.some((e) => isUnknown(e.key) || isUnknown(e.operator))) return undefined;
    return expressions.every(
        (e) => e.operator === "DoesNotExist" || e.operator === "NotIn" || (e.operator === "Exists" && e.key === alwaysPresent),
    );
}

const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** Address space that is not reachable from the internet: excepting only these leaves every internet source admitted. */
const NON_INTERNET = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.168.0.0/16",
    "224.0.0.0/3",
    "::/8",
    "fc00::/7",
    "fe80::/10",
    "ff00::/8",
];

/** A CIDR as a family and the inclusive range of its addresses, as big integers. */
function cidrRange(cidr: string): { family: 4 | 6; first: bigint; last: bigint } | undefined {
    const [address, prefixText] = cidr.trim().split("/");
    const family = isIP(address);
    const prefix = Number(prefixText);
    const width = family === 4 ? 32 : 128;
    if (family === 0 || !/^\d+$/.test(prefixText ?? "") || prefix > width) return undefined;
    const value = family === 4 ? address.split(".").reduce((n, octet) => (n << 8n) + BigInt(octet), 0n) : ipv6Value(address);
    const size = 1n << BigInt(width - prefix);
    const first = value - (value % size);
    return { family: family as 4 | 6, first, last: first + size - 1n };
}

function ipv6Value(text: string): bigint {
    // An embedded IPv4 tail (`::ffff:10.0.0.1`) is two groups.
    const address = text.replace(
        /(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
        (_, a, b, c, d) => `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`,
    );
    const [head, tail = ""] = address.split("::");
    const groups = (part: string) => (part === "" ? [] : part.split(":"));
    const missing = 8 - groups(head).length - groups(tail).length;
    const all = address.includes("::") ? [...groups(head), ...Array(missing).fill("0"), ...groups(tail)] : groups(head);
    return all.reduce((n, group) => (n << 16n) + BigInt(parseInt(group, 16)), 0n);
}

/** Whether an `except` entry removes any internet address: only entries inside non-internet space do not. */
function exceptRemovesInternet(except: string): boolean {
    const range = cidrRange(except);
    if (!range) return true;
    return !NON_INTERNET.map((cidr) => cidrRange(cidr)!).some(
        (block) => block.family === range.family && block.first <= range.first && range.last <= block.last,
    );
}

/** Whether a set of address ranges of one family covers all of that family's address space. */
function coversAll(ranges: { first: bigint; last: bigint }[], family: 4 | 6): boolean {
    const end = (1n << BigInt(family === 4 ? 32 : 128)) - 1n;
    let next = 0n;
    for (const range of [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0))) {
        if (range.first > next) return false;
        if (range.last + 1n > next) next = range.last + 1n;
    }
    return next > end;
}

type Reach = { everyone: string } | { unknown: string } | { blocks: { family: 4 | 6; first: bigint; last: bigint; cidr: string }[] };

/** What one `from` peer admits: every pod of the cluster, an unknown set, or address blocks (with harmless excepts). */
function peerReach(peer: unknown): Reach {
    if (isUnknown(peer)) return { unknown: "a from peer" };
    const { podSelector, namespaceSelector, ipBlock } = objectOf(peer);
    if ([podSelector, namespaceSelector, ipBlock].some(isUnknown)) return { unknown: "a from peer's selector or ipBlock" };
    if (ipBlock !== undefined && ipBlock !== null) {
        const { cidr, except } = objectOf(ipBlock);
        if (isUnknown(cidr) || isUnknown(except) || listOf(except).some(isUnknown)) return { unknown: "an ipBlock" };
        const range = cidrRange(stringOf(cidr) ?? "");
        if (!range) return { blocks: [] };
        const removesInternet = listOf(except).some((e) => exceptRemovesInternet(String(e)));
        return { blocks: removesInternet ? [] : [{ ...range, cidr: String(cidr) }] };
    }
    if (namespaceSelector !== undefined && namespaceSelector !== null) {
        const everyNamespace = selectsEvery(objectOf(namespaceSelector), NAMESPACE_NAME_LABEL);
        const everyPod = podSelector === undefined || podSelector === null ? true : selectsEvery(objectOf(podSelector));
        if (everyNamespace === undefined || everyPod === undefined) return { unknown: "a namespaceSelector" };
        if (everyNamespace && everyPod)
            return { everyone: "a namespaceSelector that matches every namespace, with no podSelector narrowing it to named pods" };
        return { blocks: [] };
    }
    if (podSelector === undefined || podSelector === null) return { everyone: "a from peer with no selector and no ipBlock" };
    return { blocks: [] };
}

/**
 * Whether the policies of the workload's namespace that select it admit every source on a Redis port.
 * Every source means: a rule without `from`, a peer matching every pod of every namespace, or ipBlocks
 * that together cover the whole IPv4 or IPv6 internet (excepts that only remove private space do not count).
 */
export function ingressVerdict(workload: StackResourceView, policies: StackResourceView[]): IngressVerdict {
    const namespace = namespaceOf(workload);
    const { labels } = podTemplateOf(workload);
    const ports = redisPortsOf(workload);
    const verdict: IngressVerdict = { open: [], unknown: [], selecting: 0 };
    const blocks: { family: 4 | 6; first: bigint; last: bigint; policy: string; cidr: string }[] = [];
    const maybe: string[] = [];
    for (const policy of policies.filter((p) => p.type === NETWORK_POLICY && namespaceOf(p) === namespace)) {
        const spec = objectOf(policy.props.spec);
        const selects = selectorMatches(spec.podSelector ?? {}, labels);
        const ingress = restrictsIngress(policy);
        if (selects === false || ingress === false) continue;
        verdict.selecting += 1;
        const sure = selects === true && ingress === true;
        if (!sure) maybe.push(policy.name);
        const found = (into: string[], what: string) =>
            into.push(`NetworkPolicy "${policy.name}"${sure ? "" : " (if it selects the pods)"} ${what}`);
        if (isUnknown(spec.ingress)) found(verdict.unknown, "has ingress rules unknown at preview");
        listOf(spec.ingress).forEach((entry, i) => {
            const rule = objectOf(entry);
            if (isUnknown(entry) || isUnknown(rule.from)) {
                found(verdict.unknown, `has ingress rule ${i} unknown at preview`);
                return;
            }
            const onPort = ruleCoversRedisPort(rule, ports);
            if (onPort === false) return;
            const into = onPort === true && sure ? verdict.open : verdict.unknown;
            if (isAbsent(rule.from)) found(into, `has ingress rule ${i} without from, which admits every source`);
            for (const reach of listOf(rule.from).map(peerReach)) {
                if ("everyone" in reach) found(into, `admits every pod of the cluster in ingress rule ${i}: ${reach.everyone}`);
                else if ("unknown" in reach) found(verdict.unknown, `has ${reach.unknown} unknown at preview in ingress rule ${i}`);
                else if (onPort === true && sure) blocks.push(...reach.blocks.map((b) => ({ ...b, policy: policy.name })));
            }
        });
    }
    // Only policies that may select the pods: whether the pods are isolated at all is unknown.
    if (maybe.length > 0 && maybe.length === verdict.selecting) {
        verdict.unknown.push(
            `whether NetworkPolicy ${maybe.map((name) => `"${name}"`).join(", ")} selects the pods for ingress is unknown at preview`,
        );
    }
    for (const family of [4, 6] as const) {
        const ofFamily = blocks.filter((b) => b.family === family);
        if (ofFamily.length > 0 && coversAll(ofFamily, family)) {
            const by = [...new Set(ofFamily.map((b) => `${b.cidr} in NetworkPolicy "${b.policy}"`))].join(", ");
            verdict.open.push(`ipBlocks admit every IPv${family} address (${by})`);
        }
    }
    return verdict;
}
