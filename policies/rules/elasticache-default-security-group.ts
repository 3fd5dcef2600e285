import { awsDocs } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, cacheKind, cachePort, describeCache } from "../lib/elasticache";
import { isAbsent, isUnknown, listOf } from "../lib/known-values";
import { stackRule, unknownDuringPreview } from "../lib/rule";
import { DEFAULT_SECURITY_GROUP, admitsTcpPort, groupsOfCache, ingressesInto, sourceGroupsOf } from "../lib/security-groups";

const describeGroup = (group: { type: string; name: string }) => `${group.type.split(":").pop()} "${group.name}"`;

export const elastiCacheDefaultSecurityGroup = stackRule(
    {
        name: "elasticache-default-security-group",
        description:
            "ElastiCache caches must have their own security groups, never the VPC's default security group (left out, or managed as aws.ec2.DefaultSecurityGroup), " +
            "and their groups must not admit the default security group as a source.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            awsDocs(
                "SecurityPillar SEC 1",
                "Control network access to the cache with security groups",
                "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SecurityPillar.html",
            ),
        ],
        remediation:
            "Create a security group for the cache that admits only its clients on the cache port, and set securityGroupIds. " +
            "The default security group admits every resource that shares it, on every port, and every resource launched without a group of its own shares it.",
    },
    (stack, report, _, notJudged) => {
        for (const cache of stack.ofType(REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE)) {
            const kind = cacheKind(cache);
            if (kind !== "replication-group" && kind !== "global-secondary" && kind !== "standalone-cluster" && kind !== "serverless")
                continue;
            const ids = cache.props.securityGroupIds;
            if (isAbsent(ids)) {
                report(
                    `${describeCache(cache)} has no securityGroupIds, so it gets the VPC's default security group, which every resource without its own group shares. Create a dedicated security group and set securityGroupIds.`,
                    cache.urn,
                );
                continue;
            }
            const groups = groupsOfCache(stack, cache);
            if ((isUnknown(ids) || listOf(ids).some(isUnknown)) && groups.length === 0)
                notJudged(unknownDuringPreview(describeCache(cache), "securityGroupIds"), cache.urn);
            for (const group of groups.filter((g) => g.type === DEFAULT_SECURITY_GROUP)) {
                report(
                    `${describeCache(cache)} is placed in the VPC's default security group (${describeGroup(group)}). Create a dedicated security group and set securityGroupIds.`,
                    cache.urn,
                );
            }
            const port = cachePort(cache);
            for (const group of groups) {
                for (const { resource, ingress } of ingressesInto(stack, group)) {
                    const admits = typeof port === "number" ? admitsTcpPort(ingress, port) : undefined;
                    const defaults = sourceGroupsOf(stack, resource, ingress).filter((source) => source.type === DEFAULT_SECURITY_GROUP);
                    if (defaults.length === 0 || admits === false) continue;
                    if (admits === undefined) {
                        notJudged(
                            unknownDuringPreview(`${describeGroup(resource)} (${ingress.where})`, "the cache port, protocol or port range"),
                            resource.urn,
                        );
                        continue;
                    }
                    report(
                        `${describeCache(cache)} admits the VPC's default security group (${describeGroup(defaults[0])}) through ${describeGroup(resource)} (${ingress.where}), ` +
                            "so every resource that shares the default group reaches it. Admit the clients' own security groups instead.",
                        cache.urn,
                    );
                }
            }
        }
    },
);
