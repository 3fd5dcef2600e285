import { ResourceView } from "./rule";
import { isUnknown, listOf, numberOf, objectOf, stringOf } from "./read";

export const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
export const SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
export const SECURITY_GROUP_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** Every resource type that can open a security group to a source. */
export const INGRESS_TYPES = [SECURITY_GROUP, SECURITY_GROUP_RULE, SECURITY_GROUP_INGRESS_RULE] as const;

/** One ingress permission, whichever resource type declares it. */
export interface Ingress {
    /** Where it is declared, for messages: `ingress[0]` of a group, or the rule resource itself. */
    where: string;
    protocol: unknown;
    fromPort: unknown;
    toPort: unknown;
    /** IPv4 and IPv6 source blocks; unknown entries stay UNKNOWN. */
    cidrs: unknown[];
}

/** The ingress permissions a resource declares: inline on a group, or as a standalone rule. */
export function ingressOf(resource: ResourceView): Ingress[] {
    const { props } = resource;
    switch (resource.type) {
        case SECURITY_GROUP:
            return listOf(props.ingress).map((rule, i) => {
                const entry = objectOf(rule);
                return { where: `ingress[${i}]`, protocol: entry.protocol, fromPort: entry.fromPort, toPort: entry.toPort, cidrs: [...listOf(entry.cidrBlocks), ...listOf(entry.ipv6CidrBlocks)] };
            });
        case SECURITY_GROUP_RULE:
            if (props.type !== "ingress") return [];
            return [{ where: "the rule", protocol: props.protocol, fromPort: props.fromPort, toPort: props.toPort, cidrs: [...listOf(props.cidrBlocks), ...listOf(props.ipv6CidrBlocks)] }];
        case SECURITY_GROUP_INGRESS_RULE:
            return [{ where: "the rule", protocol: props.ipProtocol, fromPort: props.fromPort, toPort: props.toPort, cidrs: [props.cidrIpv4, props.cidrIpv6].filter((c) => c !== undefined && c !== null) }];
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
