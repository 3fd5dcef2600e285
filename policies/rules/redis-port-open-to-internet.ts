import { cidrReach } from "../lib/cidr";
import { redisSecurity, securityHub } from "../lib/controls";
import { CACHE_CLUSTER, REDIS_DEFAULT_PORT, REPLICATION_GROUP, cachePort } from "../lib/elasticache";
import { INGRESS_TYPES, admitsTcpPort, ingressOf } from "../lib/security-groups";
import { isUnknown } from "../lib/read";
import { stackRule } from "../lib/rule";

export interface RedisPortSettings {
    redisPorts: number[];
}

export const redisPortOpenToInternet = stackRule<RedisPortSettings>(
    {
        name: "redis-port-open-to-internet",
        description:
            "No security group may open a Redis port (6379, 6380, the configured ports, or any cache's own port) to 0.0.0.0/0, ::/0 or another public range, " +
            "whether inline, through aws.ec2.SecurityGroupRule or through aws.vpc.SecurityGroupIngressRule.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            securityHub("EC2.18", "Security groups should only allow unrestricted incoming traffic for authorized ports"),
            redisSecurity("Network security", "Redis must not be reachable from the internet", "#network-security"),
        ],
        remediation:
            "Admit Redis clients by security group (referencedSecurityGroupId / sourceSecurityGroupId) or by private CIDR blocks inside your VPC, " +
            "on the cache port only.",
        configSchema: {
            properties: {
                redisPorts: {
                    type: "array",
                    items: { type: "integer", minimum: 1, maximum: 65535 },
                    uniqueItems: true,
                    default: [6379, 6380],
                    description: "Ports treated as Redis ports in every security group, besides each cache's own port.",
                },
            },
        },
    },
    (stack, report, { redisPorts }) => {
        const cachePorts = stack.ofType(REPLICATION_GROUP, CACHE_CLUSTER).map(cachePort).filter((p): p is number => typeof p === "number");
        const ports = [...new Set([REDIS_DEFAULT_PORT, ...redisPorts, ...cachePorts])].sort((a, b) => a - b);
        for (const resource of stack.ofType(...INGRESS_TYPES)) {
            for (const ingress of ingressOf(resource)) {
                const open = ports.filter((port) => admitsTcpPort(ingress, port) === true);
                if (open.length === 0) continue;
                for (const cidr of ingress.cidrs) {
                    if (isUnknown(cidr) || typeof cidr !== "string") continue;
                    const reach = cidrReach(cidr);
                    if (reach === "private") continue;
                    const who = reach === "internet" ? "the whole internet" : "a public address range";
                    report(
                        `${resource.type.split(":").pop()} "${resource.name}" (${ingress.where}) opens Redis port ${open.join(", ")} to ${cidr}, ${who}. ` +
                            "Admit clients by security group or private CIDR only.",
                        resource.urn,
                    );
                }
            }
        }
    },
);
