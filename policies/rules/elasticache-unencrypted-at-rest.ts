import { awsConfig, checkov, securityHub, trivy } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, cacheKind, describeCache } from "../lib/elasticache";
import { isOff } from "../lib/known-values";
import { resourceRule, unknownFields } from "../lib/rule";

export const elastiCacheUnencryptedAtRest = resourceRule(
    {
        name: "elasticache-unencrypted-at-rest",
        description: "ElastiCache Redis and Valkey data, snapshots and swap must be encrypted at rest.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            securityHub("ElastiCache.4", "ElastiCache replication groups should be encrypted at rest"),
            awsConfig("elasticache-repl-grp-encrypted-at-rest", "ElastiCache replication groups encrypted at rest"),
            checkov("CKV_AWS_29", "Ensure all data stored in the ElastiCache Replication Group is securely encrypted at rest"),
            trivy("AWS-0045", "ElastiCache replication groups should be encrypted at rest"),
        ],
        remediation:
            "Set atRestEncryptionEnabled: true on the replication group (it can only be set at creation, so the group is replaced). " +
            "A standalone aws.elasticache.Cluster running Redis cannot encrypt at rest: use an aws.elasticache.ReplicationGroup.",
    },
    [REPLICATION_GROUP, CACHE_CLUSTER],
    (cache, report, _, notJudged) => {
        const kind = cacheKind(cache);
        if (kind === "standalone-cluster") {
            report(
                `${describeCache(cache)} runs Redis as a standalone cache cluster, which cannot encrypt data at rest. Create an aws.elasticache.ReplicationGroup with atRestEncryptionEnabled: true instead.`,
            );
        } else if (
            kind === "replication-group" &&
            unknownFields(notJudged, describeCache(cache), cache.props, ["atRestEncryptionEnabled"])
        ) {
            return;
        } else if (kind === "replication-group" && isOff(cache.props.atRestEncryptionEnabled)) {
            report(`${describeCache(cache)} does not encrypt data at rest. Set atRestEncryptionEnabled: true (this replaces the group).`);
        }
    },
);
