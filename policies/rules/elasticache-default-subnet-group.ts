import { awsConfig, checkov, securityHub } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, cacheKind, describeCache } from "../lib/elasticache";
import { isAbsent, stringOf } from "../lib/known-values";
import { resourceRule, unknownFields } from "../lib/rule";

export const elastiCacheDefaultSubnetGroup = resourceRule(
    {
        name: "elasticache-default-subnet-group",
        description:
            "ElastiCache caches must run in a subnet group of chosen private subnets, never the default subnet group of the default VPC.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            securityHub("ElastiCache.7", "ElastiCache clusters should not use the default subnet group"),
            awsConfig("elasticache-subnet-group-check", "ElastiCache clusters are configured with a custom subnet group"),
            checkov("CKV_AWS_323", "Ensure ElastiCache clusters do not use the default subnet group"),
        ],
        remediation: "Create an aws.elasticache.SubnetGroup of private subnets and set subnetGroupName (subnetIds on a serverless cache).",
    },
    [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    (cache, report, _, notJudged) => {
        const kind = cacheKind(cache);
        const { props } = cache;
        if (kind === "serverless") {
            if (unknownFields(notJudged, describeCache(cache), props, ["subnetIds"])) return;
            if (isAbsent(props.subnetIds)) {
                report(
                    `${describeCache(cache)} has no subnetIds, so it runs in the default VPC's subnets. Set subnetIds to private subnets.`,
                );
            }
        } else if (kind === "replication-group" || kind === "global-secondary" || kind === "standalone-cluster") {
            if (unknownFields(notJudged, describeCache(cache), props, ["subnetGroupName"])) return;
            if (isAbsent(props.subnetGroupName) || stringOf(props.subnetGroupName)?.toLowerCase() === "default") {
                report(
                    `${describeCache(cache)} uses the default subnet group, whose subnets belong to the default VPC. Create an aws.elasticache.SubnetGroup of private subnets and set subnetGroupName.`,
                );
            }
        }
    },
);
