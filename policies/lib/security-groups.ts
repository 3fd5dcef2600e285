import { CACHE_CLUSTER, REDIS_DEFAULT_PORT, REPLICATION_GROUP, cachePort } from "./elasticache";
import { ResourceView, StackResourceView, StackView } from "./rule";
import { isUnknown, listOf, numberOf, objectOf, stringOf } from "./known-values";

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const SECURITY_GROUP_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
export const MANAGED_PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
export const MANAGED_PREFIX_LIST_ENTRY = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";
/** Resources whose address outputs are public IPv4 addresses: an Elastic IP, a Lightsail static IP. */
export const PUBLIC_IP_TYPES = ["aws:ec2/eip:Eip", "aws:lightsail/staticIp:StaticIp"];

/** Every resource type that can open a security group to a source; `aws.ec2.DefaultSecurityGroup` manages the VPC's default group. */
export const INGRESS_TYPES = [SECURITY_GROUP, DEFAULT_SECURITY_GROUP, SECURITY_GROUP_RULE, SECURITY_GROUP_INGRESS_RULE] as const;

/** One ingress permission, whichever resource type declares it. */
export interface Ingress {
    /** Where it is declared, for messages: `ingress[0]` of a group, or the rule resource itself. */
    where: string;
    protocol: unknown;
    fromPort: unknown;
    toPort: unknown;
    /** IPv4 and IPv6 source blocks; unknown entries stay UNKNOWN. */
    cidrs: unknown[];
    /** Managed prefix list ids, each admitting every CIDR of the list. */
    prefixListIds: unknown[];
    /** Source security group ids. */
    sourceGroups: unknown[];
    /** The input properties the CIDRs, prefix lists and source groups are read from, for property dependencies. */
    properties: { cidrs: string[]; prefixLists: string[]; groups: string[] };
}

const present = (values: unknown[]) => values.filter((v) => v !== undefined && v !== null && v !== "");

/** The ingress permissions a resource declares: inline on a group, or as a standalone rule. */
export function ingressOf(resource: ResourceView): Ingress[] {
    const { props } = resource;
    switch (resource.type) {
        case SECURITY_GROUP:
        case DEFAULT_SECURITY_GROUP: {
            const inline = { cidrs: ["ingress"], prefixLists: ["ingress"], groups: ["ingress"] };
            return listOf(props.ingress).map((rule, i) => {
                const entry = objectOf(rule);
                return {
                    where: `ingress[${i}]`,
                    protocol: entry.protocol,
                    fromPort: entry.fromPort,
                    toPort: entry.toPort,
                    cidrs: [...listOf(entry.cidrBlocks), ...listOf(entry.ipv6CidrBlocks)],
                    prefixListIds: listOf(entry.prefixListIds),
                    sourceGroups: listOf(entry.securityGroups),
                    properties: inline,
                };
            });
        }
        case SECURITY_GROUP_RULE:
            if (props.type !== "ingress") return [];
            return [
                {
                    where: "the rule",
                    protocol: props.protocol,
                    fromPort: props.fromPort,
                    toPort: props.toPort,
                    cidrs: [...listOf(props.cidrBlocks), ...listOf(props.ipv6CidrBlocks)],
                    prefixListIds: listOf(props.prefixListIds),
                    sourceGroups: present([props.sourceSecurityGroupId]),
                    properties: {
                        cidrs: ["cidrBlocks", "ipv6CidrBlocks"],
                        prefixLists: ["prefixListIds"],
                        groups: ["sourceSecurityGroupId"],
                    },
                },
            ];
        case SECURITY_GROUP_INGRESS_RULE:
            return [
                {
                    where: "the rule",
                    protocol: props.ipProtocol,
                    fromPort: props.fromPort,
                    toPort: props.toPort,
                    cidrs: present([props.cidrIpv4, props.cidrIpv6]),
                    prefixListIds: present([props.prefixListId]),
                    sourceGroups: present([props.referencedSecurityGroupId]),
                    properties: { cidrs: ["cidrIpv4", "cidrIpv6"], prefixLists: ["prefixListId"], groups: ["referencedSecurityGroupId"] },
                },
            ];
        default:
            return [];
    }
}

const ALL_PROTOCOLS = new Set(["-1", "all"]);
const TCP = new Set(["tcp", "6"]);

/** True when the permission admits TCP on the port, false when it does not, undefined while unknown. */
export function admitsTcpPort(ingress: Ingress, port: number): boolean | undefined {
    if (isUnknown(ingress.protocol)) return undefined;
    const protocol = String(stringOf(ingress.protocol) ?? numberOf(ingress.protocol) ?? "").toLowerCase();
    if (ALL_PROTOCOLS.has(protocol)) return true;
    if (!TCP.has(protocol)) return false;
    const from = numberOf(ingress.fromPort);
    const to = numberOf(ingress.toPort);
    if (from === undefined || to === undefined) return undefined;
    return from <= port && port <= to;
}

/**
 * One address source of a permission, as far as the program shows it:
 * - `cidr`: a known block, directly or as an entry of a managed prefix list (`via` names the list);
 * - `public-ip`: a value unknown during preview that comes from a public IP resource such as an Elastic IP;
 * - `not-judged`: a value the program does not show (unknown, or a prefix list defined elsewhere).
 */
export type IngressSource =
    { kind: "cidr"; cidr: string; via?: string } | { kind: "public-ip"; from: StackResourceView } | { kind: "not-judged"; what: string };

const describe = (resource: StackResourceView) => `${resource.type.split(":").pop()} "${resource.name}"`;

function dependenciesOf(
    stack: StackView,
    resource: StackResourceView,
    properties: string[],
    types: readonly string[],
): StackResourceView[] {
    return [...new Set(properties.flatMap((property) => stack.sourcesOf(resource, property, types)))];
}

/** The CIDRs of a managed prefix list: its inline entries and the `aws.ec2.ManagedPrefixListEntry` resources that add to it. */
function prefixListSources(stack: StackView, list: StackResourceView): IngressSource[] {
    const via = describe(list);
    const added = stack
        .ofType(MANAGED_PREFIX_LIST_ENTRY)
        .filter((entry) => stack.sourcesOf(entry, "prefixListId", [MANAGED_PREFIX_LIST]).includes(list));
    const cidrs = [
        ...(isUnknown(list.props.entries) ? [list.props.entries] : listOf(list.props.entries).map((entry) => objectOf(entry).cidr)),
        ...added.map((entry) => entry.props.cidr),
    ];
    return cidrs.map((cidr): IngressSource =>
        typeof cidr === "string" ? { kind: "cidr", cidr, via } : { kind: "not-judged", what: `the entries of ${via}` },
    );
}

/**
 * Every address source a permission admits, with the managed prefix lists of the program resolved
 * into their entries (AWS admits every CIDR of a referenced list) and unknown values traced through
 * property dependencies.
 */
export function ingressSources(stack: StackView, resource: StackResourceView, ingress: Ingress): IngressSource[] {
    const sources: IngressSource[] = [];
    const publicIps = dependenciesOf(stack, resource, ingress.properties.cidrs, PUBLIC_IP_TYPES);
    for (const cidr of ingress.cidrs) {
        if (typeof cidr === "string") sources.push({ kind: "cidr", cidr });
        else if (isUnknown(cidr) && publicIps.length > 0) publicIps.forEach((from) => sources.push({ kind: "public-ip", from }));
        else if (isUnknown(cidr)) sources.push({ kind: "not-judged", what: "a source CIDR block" });
    }
    const lists =
        ingress.prefixListIds.length === 0 ? [] : dependenciesOf(stack, resource, ingress.properties.prefixLists, [MANAGED_PREFIX_LIST]);
    lists.forEach((list) => sources.push(...prefixListSources(stack, list)));
    // Ids beyond the lists the program defines name lists it does not show, such as AWS-managed ones.
    for (const id of ingress.prefixListIds.slice(lists.length)) {
        sources.push({
            kind: "not-judged",
            what: typeof id === "string" ? `prefix list ${id}, which the program does not define` : "a prefix list id",
        });
    }
    return sources;
}

/** The security groups a cache is placed in that the program defines, found by property dependency. */
export function groupsOfCache(stack: StackView, cache: StackResourceView): StackResourceView[] {
    return stack.sourcesOf(cache, "securityGroupIds", [SECURITY_GROUP, DEFAULT_SECURITY_GROUP]);
}

/** The ingress permissions of the program that open the group: inline on it, or rules whose securityGroupId comes from it. */
export function ingressesInto(stack: StackView, group: StackResourceView): { resource: StackResourceView; ingress: Ingress }[] {
    const rules = stack
        .ofType(SECURITY_GROUP_RULE, SECURITY_GROUP_INGRESS_RULE)
        .filter((rule) => stack.sourcesOf(rule, "securityGroupId", [group.type]).includes(group));
    return [group, ...rules].flatMap((resource) => ingressOf(resource).map((ingress) => ({ resource, ingress })));
}

/** The security groups of the program that a permission admits as sources, found by property dependency. */
export function sourceGroupsOf(stack: StackView, resource: StackResourceView, ingress: Ingress): StackResourceView[] {
    return dependenciesOf(stack, resource, ingress.properties.groups, [SECURITY_GROUP, DEFAULT_SECURITY_GROUP]);
}

/** The `redisPorts` setting of the rules that guard Redis ports. */
export const REDIS_PORTS_SCHEMA = {
    type: "array",
    items: { type: "integer", minimum: 1, maximum: 65535 },
    uniqueItems: true,
    default: [6379, 6380],
    description: "Ports treated as Redis ports in every security group, besides each cache's own port.",
} as const;

/** The Redis ports to guard: 6379, the configured ones and every node-based cache's own port, ascending. */
export function redisPortsOf(stack: StackView, configured: number[]): number[] {
    const cachePorts = stack
        .ofType(REPLICATION_GROUP, CACHE_CLUSTER)
        .map(cachePort)
        .filter((p): p is number => typeof p === "number");
    return [...new Set([REDIS_DEFAULT_PORT, ...configured, ...cachePorts])].sort((a, b) => a - b);
}
