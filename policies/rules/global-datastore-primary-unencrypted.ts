import { awsDocs, securityHub } from "../lib/controls";
import { GLOBAL_REPLICATION_GROUP, REPLICATION_GROUP } from "../lib/elasticache";
import { isOff } from "../lib/known-values";
import { stackRule } from "../lib/rule";

export const globalDatastorePrimaryUnencrypted = stackRule(
    {
        name: "global-datastore-primary-unencrypted",
        description:
            "The primary of an ElastiCache Global Datastore must encrypt at rest and require TLS, since every secondary region inherits its encryption.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            securityHub("ElastiCache.4", "ElastiCache replication groups should be encrypted at rest"),
            securityHub("ElastiCache.5", "ElastiCache replication groups should be encrypted in transit"),
            awsDocs(
                "Redis-Global-Datastore",
                "Replication across AWS Regions using global datastores",
                "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html",
            ),
        ],
        remediation:
            'Create the primary replication group with atRestEncryptionEnabled: true, transitEncryptionEnabled: true and transitEncryptionMode: "required"; ' +
            "secondaries then inherit both.",
    },
    (stack, report, _, notJudged) => {
        for (const global of stack.ofType(GLOBAL_REPLICATION_GROUP)) {
            const primaries = stack.referencedBy(global, "primaryReplicationGroupId", [REPLICATION_GROUP], (group) => [
                group.props.replicationGroupId,
            ]);
            if (primaries.length === 0) {
                notJudged(
                    `Global Datastore "${global.name}": its primary replication group is not defined in the program (or its id is unknown during preview), so its encryption was not judged.`,
                    global.urn,
                );
            }
            for (const primary of primaries) {
                const gaps = [
                    ...(isOff(primary.props.atRestEncryptionEnabled) ? ["at rest"] : []),
                    ...(isOff(primary.props.transitEncryptionEnabled) || primary.props.transitEncryptionMode === "preferred"
                        ? ["in transit (TLS required)"]
                        : []),
                ];
                if (gaps.length > 0) {
                    report(
                        `Global Datastore "${global.name}" has primary ReplicationGroup "${primary.name}", which is not encrypted ${gaps.join(" or ")}; every secondary region inherits that. ` +
                            'Create the primary with atRestEncryptionEnabled: true, transitEncryptionEnabled: true and transitEncryptionMode: "required".',
                        global.urn,
                    );
                }
            }
        }
    },
);
