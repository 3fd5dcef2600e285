import { awsDocs } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, cacheKind, describeCache } from "../lib/elasticache";
import { isAbsent } from "../lib/read";
import { resourceRule } from "../lib/rule";

export const elastiCacheDefaultSecurityGroup = resourceRule(
    {
        name: "elasticache-default-security-group",
        description: "ElastiCache caches must have their own security groups, never the VPC's default security group.",
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
            "The default security group admits every resource that shares it, on every port.",
    },
    [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    (cache, report) => {
        const kind = cacheKind(cache);
        if (kind !== "replication-group" && kind !== "global-secondary" && kind !== "standalone-cluster" && kind !== "serverless") return;
        if (isAbsent(cache.props.securityGroupIds)) {
            report(`${describeCache(cache)} has no securityGroupIds, so it gets the VPC's default security group, which every resource without its own group shares. Create a dedicated security group and set securityGroupIds.`);
        }
    },
);
