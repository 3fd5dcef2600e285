import { awsConfig, awsDocs } from "../lib/controls";
import { REPLICATION_GROUP, cacheKind, compareVersions, describeCache, parseVersion } from "../lib/elasticache";
import { isAbsent } from "../lib/known-values";
import { resourceRule } from "../lib/rule";

const RBAC_SINCE = [6];

export const elastiCacheAuthTokenInsteadOfRbac = resourceRule(
    {
        name: "elasticache-auth-token-instead-of-rbac",
        description: "ElastiCache Redis 6 and later, and Valkey, should use RBAC users rather than one shared AUTH token.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [
            awsConfig("elasticache-rbac-auth-enabled", "ElastiCache replication groups have RBAC authentication enabled"),
            awsDocs(
                "Clusters.RBAC",
                "Role-Based Access Control (RBAC)",
                "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
            ),
        ],
        remediation:
            "Replace authToken with userGroupIds: one aws.elasticache.User per client with the least access string it needs, so that " +
            "each client has its own password and no client can run dangerous commands.",
    },
    [REPLICATION_GROUP],
    (cache, report) => {
        const { props } = cache;
        if (cacheKind(cache) !== "replication-group" || !isAbsent(props.userGroupIds)) return;
        if (isAbsent(props.authToken) && isAbsent(props.authTokenWo)) return;
        const version = parseVersion(props.engineVersion);
        if (version && compareVersions(version, RBAC_SINCE) < 0) return;
        report(
            `${describeCache(cache)} authenticates with a single AUTH token, which gives every client full access including dangerous commands. Use RBAC users through userGroupIds instead.`,
        );
    },
);
