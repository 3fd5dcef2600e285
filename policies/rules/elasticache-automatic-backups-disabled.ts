import { awsConfig, checkov, securityHub, trivy } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, cacheKind, describeCache } from "../lib/elasticache";
import { numberOf, stringOf } from "../lib/known-values";
import { resourceRule, unknownFields } from "../lib/rule";

const T1_MICRO = "cache.t1.micro";

export interface BackupSettings {
    minimumRetentionDays: number;
}

export const elastiCacheAutomaticBackupsDisabled = resourceRule<BackupSettings>(
    {
        name: "elasticache-automatic-backups-disabled",
        description: "ElastiCache Redis and Valkey caches must keep automatic daily snapshots for at least the configured number of days.",
        enforcementLevel: "advisory",
        severity: "high",
        controls: [
            securityHub("ElastiCache.1", "ElastiCache (Redis OSS) clusters should have automatic backups enabled"),
            awsConfig("elasticache-redis-cluster-automatic-backup-check", "ElastiCache Redis clusters have automatic backup turned on"),
            checkov("CKV_AWS_134", "Ensure that Amazon ElastiCache Redis clusters have automatic backup turned on"),
            trivy("AWS-0050", "Redis cluster should have backup retention turned on"),
        ],
        remediation:
            "Set snapshotRetentionLimit to at least the configured minimum (1 to 35 days) and a snapshotWindow outside the maintenance window.",
        configSchema: {
            properties: {
                minimumRetentionDays: {
                    type: "integer",
                    minimum: 1,
                    maximum: 35,
                    default: 7,
                    description: "The fewest days of automatic snapshots a cache may keep.",
                },
            },
        },
    },
    [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    (cache, report, { minimumRetentionDays }, notJudged) => {
        const kind = cacheKind(cache);
        if (kind !== "replication-group" && kind !== "standalone-cluster" && kind !== "serverless" && kind !== "global-secondary") return;
        if (unknownFields(notJudged, describeCache(cache), cache.props, ["snapshotRetentionLimit"])) return;
        const days = numberOf(cache.props.snapshotRetentionLimit) ?? 0;
        if (days >= minimumRetentionDays || unknownFields(notJudged, describeCache(cache), cache.props, ["nodeType"])) return;
        // ElastiCache takes no snapshots of cache.t1.micro nodes (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups.html#backups-constraints).
        if (stringOf(cache.props.nodeType)?.trim().toLowerCase() !== T1_MICRO) {
            const now =
                days === 0
                    ? "has automatic backups turned off (snapshotRetentionLimit 0 or unset)"
                    : `keeps automatic snapshots for only ${days} day(s)`;
            report(`${describeCache(cache)} ${now}. Set snapshotRetentionLimit to at least ${minimumRetentionDays}.`);
        }
    },
);
