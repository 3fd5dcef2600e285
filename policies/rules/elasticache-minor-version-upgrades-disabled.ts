import { awsConfig, checkov, securityHub } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, cacheKind, describeCache } from "../lib/elasticache";
import { booleanOf } from "../lib/known-values";
import { resourceRule, unknownFields } from "../lib/rule";

export const elastiCacheMinorVersionUpgradesDisabled = resourceRule(
    {
        name: "elasticache-minor-version-upgrades-disabled",
        description: "ElastiCache Redis and Valkey caches should receive minor engine versions, which carry security fixes, automatically.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [
            securityHub("ElastiCache.2", "ElastiCache clusters should have automatic minor version upgrades enabled"),
            awsConfig("elasticache-auto-minor-version-upgrade-check", "ElastiCache clusters have auto minor version upgrades enabled"),
            checkov("CKV_AWS_322", "Ensure ElastiCache for Redis cache clusters have auto minor version upgrades enabled"),
        ],
        remediation:
            "Remove autoMinorVersionUpgrade: false (the default is true), and keep a weekly maintenance window in which upgrades may run.",
    },
    [REPLICATION_GROUP, CACHE_CLUSTER],
    (cache, report, _, notJudged) => {
        const kind = cacheKind(cache);
        if (kind !== "replication-group" && kind !== "standalone-cluster") return;
        if (unknownFields(notJudged, describeCache(cache), cache.props, ["autoMinorVersionUpgrade"])) return;
        if (booleanOf(cache.props.autoMinorVersionUpgrade) === false) {
            report(
                `${describeCache(cache)} sets autoMinorVersionUpgrade to false, so security fixes in minor engine versions are never applied. Remove the setting or set it to true.`,
            );
        }
    },
);
