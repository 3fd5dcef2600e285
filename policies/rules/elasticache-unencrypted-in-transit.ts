import { awsConfig, checkov, securityHub, trivy } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, cacheKind, describeCache } from "../lib/elasticache";
import { isOff } from "../lib/known-values";
import { resourceRule, unknownFields } from "../lib/rule";

export const elastiCacheUnencryptedInTransit = resourceRule(
    {
        name: "elasticache-unencrypted-in-transit",
        description: "ElastiCache Redis and Valkey must require TLS for every connection.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            securityHub("ElastiCache.5", "ElastiCache replication groups should be encrypted in transit"),
            awsConfig("elasticache-repl-grp-encrypted-in-transit", "ElastiCache replication groups encrypted in transit"),
            checkov("CKV_AWS_30", "Ensure all data stored in the ElastiCache Replication Group is securely encrypted at transit"),
            trivy("AWS-0051", "ElastiCache replication groups should be encrypted in transit"),
        ],
        remediation:
            'Set transitEncryptionEnabled: true and transitEncryptionMode: "required" on the replication group, and connect clients with TLS. ' +
            'The "preferred" mode is for migrating clients only, since it still accepts plaintext.',
    },
    [REPLICATION_GROUP, CACHE_CLUSTER],
    (cache, report, _, notJudged) => {
        const kind = cacheKind(cache);
        if (kind === "standalone-cluster") {
            report(
                `${describeCache(cache)} runs Redis as a standalone cache cluster, which cannot require TLS. Create an aws.elasticache.ReplicationGroup with transitEncryptionEnabled: true instead.`,
            );
        } else if (
            kind === "replication-group" &&
            unknownFields(notJudged, describeCache(cache), cache.props, ["transitEncryptionEnabled", "transitEncryptionMode"])
        ) {
            return;
        } else if (kind === "replication-group" && isOff(cache.props.transitEncryptionEnabled)) {
            report(
                `${describeCache(cache)} accepts plaintext connections. Set transitEncryptionEnabled: true and transitEncryptionMode: "required".`,
            );
        } else if (kind === "replication-group" && cache.props.transitEncryptionMode === "preferred") {
            report(
                `${describeCache(cache)} has transitEncryptionMode "preferred", which still accepts plaintext connections. Set it to "required" once clients use TLS.`,
            );
        }
    },
);
