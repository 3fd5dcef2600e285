import { awsConfig, checkov, securityHub } from "../lib/controls";
import { REPLICATION_GROUP, cacheKind, describeCache } from "../lib/elasticache";
import { isOff } from "../lib/known-values";
import { resourceRule, unknownFields } from "../lib/rule";

export const elastiCacheAutomaticFailoverDisabled = resourceRule(
    {
        name: "elasticache-automatic-failover-disabled",
        description: "ElastiCache replication groups should fail over automatically to a replica in another Availability Zone.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [
            securityHub("ElastiCache.3", "ElastiCache replication groups should have automatic failover enabled"),
            awsConfig("elasticache-repl-grp-auto-failover-enabled", "ElastiCache replication groups have automatic failover enabled"),
            checkov("CKV2_AWS_50", "Ensure Amazon ElastiCache Redis clusters have automatic failover enabled"),
        ],
        remediation:
            "Run at least one replica (numCacheClusters of 2 or more, or replicasPerNodeGroup of 1 or more) and set automaticFailoverEnabled: true and multiAzEnabled: true.",
    },
    [REPLICATION_GROUP],
    (cache, report, _, notJudged) => {
        const kind = cacheKind(cache);
        if (kind !== "replication-group" && kind !== "global-secondary") return;
        if (unknownFields(notJudged, describeCache(cache), cache.props, ["automaticFailoverEnabled", "multiAzEnabled"])) return;
        if (isOff(cache.props.automaticFailoverEnabled)) {
            report(
                `${describeCache(cache)} does not fail over automatically, so losing the primary node stops writes until someone intervenes. Add a replica and set automaticFailoverEnabled: true and multiAzEnabled: true.`,
            );
        } else if (isOff(cache.props.multiAzEnabled)) {
            report(
                `${describeCache(cache)} fails over automatically but is not Multi-AZ, so a replica may share the primary's Availability Zone. Set multiAzEnabled: true.`,
            );
        }
    },
);
