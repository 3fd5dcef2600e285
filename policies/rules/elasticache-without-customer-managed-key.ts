import { checkov, securityHub } from "../lib/controls";
import { REPLICATION_GROUP, SERVERLESS_CACHE, cacheKind, describeCache } from "../lib/elasticache";
import { booleanOf, isAbsent } from "../lib/known-values";
import { resourceRule } from "../lib/rule";

export const elastiCacheWithoutCustomerManagedKey = resourceRule(
    {
        name: "elasticache-without-customer-managed-key",
        description:
            "ElastiCache data at rest should be encrypted with a customer-managed KMS key, whose use is logged and whose access can be revoked.",
        enforcementLevel: "advisory",
        severity: "low",
        controls: [
            checkov("CKV_AWS_191", "Ensure ElastiCache replication group is encrypted by KMS using a customer managed Key (CMK)"),
            securityHub("ElastiCache.4", "ElastiCache replication groups should be encrypted at rest"),
        ],
        remediation: "Create an aws.kms.Key with rotation enabled and set kmsKeyId on the replication group or serverless cache.",
    },
    [REPLICATION_GROUP, SERVERLESS_CACHE],
    (cache, report) => {
        const kind = cacheKind(cache);
        const encrypted =
            kind === "serverless" || (kind === "replication-group" && booleanOf(cache.props.atRestEncryptionEnabled) === true);
        if (encrypted && isAbsent(cache.props.kmsKeyId)) {
            report(
                `${describeCache(cache)} is encrypted at rest with an AWS-owned key. Set kmsKeyId to a customer-managed KMS key with rotation.`,
            );
        }
    },
);
