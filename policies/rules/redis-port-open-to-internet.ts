import { cidrReach } from "../lib/cidr";
import { redisSecurity, securityHub } from "../lib/controls";
import { INGRESS_TYPES, REDIS_PORTS_SCHEMA, admitsTcpPort, ingressOf, ingressSources, redisPortsOf } from "../lib/security-groups";
import { stackRule, unknownDuringPreview } from "../lib/rule";

export interface RedisPortSettings {
    redisPorts: number[];
}

export const redisPortOpenToInternet = stackRule<RedisPortSettings>(
    {
        name: "redis-port-open-to-internet",
        description:
            "No security group may open a Redis port (6379, 6380, the configured ports, or any cache's own port) to 0.0.0.0/0, ::/0 or another public range, " +
            "whether inline (aws.ec2.SecurityGroup, aws.ec2.DefaultSecurityGroup), through aws.ec2.SecurityGroupRule or aws.vpc.SecurityGroupIngressRule, " +
            "through the entries of an aws.ec2.ManagedPrefixList, or to an Elastic IP's public address.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            securityHub("EC2.18", "Security groups should only allow unrestricted incoming traffic for authorized ports"),
            redisSecurity("Network security", "Redis must not be reachable from the internet", "#network-security"),
        ],
        remediation:
            "Admit Redis clients by security group (referencedSecurityGroupId / sourceSecurityGroupId) or by private CIDR blocks inside your VPC, " +
            "on the cache port only.",
        configSchema: { properties: { redisPorts: REDIS_PORTS_SCHEMA } },
    },
    (stack, report, { redisPorts }, notJudged) => {
        const ports = redisPortsOf(stack, redisPorts);
        for (const resource of stack.ofType(...INGRESS_TYPES)) {
            for (const ingress of ingressOf(resource)) {
                const subject = `${resource.type.split(":").pop()} "${resource.name}" (${ingress.where})`;
                const open = ports.filter((port) => admitsTcpPort(ingress, port) === true);
                const unsure = ports.some((port) => admitsTcpPort(ingress, port) === undefined);
                for (const source of ingressSources(stack, resource, ingress)) {
                    const reach = source.kind === "cidr" ? cidrReach(source.cidr) : undefined;
                    if (reach === "private") continue;
                    if (source.kind === "not-judged") {
                        if (open.length > 0 || unsure) notJudged(unknownDuringPreview(subject, source.what), resource.urn);
                        continue;
                    }
                    if (open.length === 0) {
                        if (unsure) notJudged(unknownDuringPreview(subject, "the protocol or port range"), resource.urn);
                        continue;
                    }
                    const who =
                        source.kind === "public-ip"
                            ? `the public address of ${source.from.type.split(":").pop()} "${source.from.name}"`
                            : `${source.cidr}${source.via ? ` (an entry of ${source.via})` : ""}, ${reach === "internet" ? "the whole internet" : "a public address range"}`;
                    report(
                        `${subject} opens Redis port ${open.join(", ")} to ${who}. Admit clients by security group or private CIDR only.`,
                        resource.urn,
                    );
                }
            }
        }
    },
);
