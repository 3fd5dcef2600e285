import { redisSecurity, securityHub } from "../lib/controls";
import { widerThanVpc } from "../lib/cidr";
import { INGRESS_TYPES, REDIS_PORTS_SCHEMA, admitsTcpPort, ingressOf, ingressSources, redisPortsOf } from "../lib/security-groups";
import { stackRule } from "../lib/rule";

export interface WidePrivateSettings {
    redisPorts: number[];
}

export const redisPortOpenToWidePrivateRange = stackRule<WidePrivateSettings>(
    {
        name: "redis-port-open-to-wide-private-range",
        description:
            "No security group should open a Redis port (all-protocol rules included) to a private range wider than one VPC, such as 10.0.0.0/8 or 172.16.0.0/12: " +
            "such a range also admits every peered VPC, VPN and office network that shares the address space.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [
            securityHub("EC2.18", "Security groups should only allow unrestricted incoming traffic for authorized ports"),
            redisSecurity("Network security", "Only the clients that need Redis should reach it", "#network-security"),
        ],
        remediation:
            "Admit Redis clients by security group (referencedSecurityGroupId / sourceSecurityGroupId), or by the CIDR blocks of the subnets they run in, on the cache port only.",
        configSchema: { properties: { redisPorts: REDIS_PORTS_SCHEMA } },
    },
    (stack, report, { redisPorts }) => {
        const ports = redisPortsOf(stack, redisPorts);
        for (const resource of stack.ofType(...INGRESS_TYPES)) {
            for (const ingress of ingressOf(resource)) {
                const open = ports.filter((port) => admitsTcpPort(ingress, port) === true);
                if (open.length === 0) continue;
                for (const source of ingressSources(stack, resource, ingress)) {
                    if (source.kind !== "cidr" || !widerThanVpc(source.cidr)) continue;
                    report(
                        `${resource.type.split(":").pop()} "${resource.name}" (${ingress.where}) opens Redis port ${open.join(", ")} to ${source.cidr}` +
                            `${source.via ? ` (an entry of ${source.via})` : ""}, a private range wider than any one VPC. Admit clients by security group or subnet CIDR.`,
                        resource.urn,
                    );
                }
            }
        }
    },
);
