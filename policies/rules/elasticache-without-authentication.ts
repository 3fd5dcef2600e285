import { awsConfig, checkov, securityHub } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, cacheKind, describeCache } from "../lib/elasticache";
import { isAbsent, isUnknown } from "../lib/known-values";
import { resourceRule, unknownDuringPreview, unknownFields } from "../lib/rule";

export const elastiCacheWithoutAuthentication = resourceRule(
    {
        name: "elasticache-without-authentication",
        description: "ElastiCache Redis and Valkey must authenticate every client, with RBAC user groups or an AUTH token.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            securityHub(
                "ElastiCache.6",
                "ElastiCache (Redis OSS) replication groups of earlier versions should have Redis OSS AUTH enabled",
            ),
            awsConfig("elasticache-rbac-auth-enabled", "ElastiCache replication groups have RBAC authentication enabled"),
            checkov(
                "CKV_AWS_31",
                "Ensure all data stored in the ElastiCache Replication Group is securely encrypted at transit and has auth token",
            ),
        ],
        remediation:
            "Attach an RBAC user group (userGroupIds on a replication group, userGroupId on a serverless cache) whose default user is " +
            "disabled, with one aws.elasticache.User per client and a generated password.",
    },
    [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE],
    (cache, report, _, notJudged) => {
        const { props } = cache;
        switch (cacheKind(cache)) {
            case "standalone-cluster":
                report(
                    `${describeCache(cache)} runs Redis as a standalone cache cluster, which cannot require authentication. Create an aws.elasticache.ReplicationGroup with an RBAC user group instead.`,
                );
                return;
            case "replication-group":
                if (isUnknown(props.userGroupIds) && isAbsent(props.authToken) && isAbsent(props.authTokenWo))
                    notJudged(unknownDuringPreview(describeCache(cache), "userGroupIds"));
                else if (isAbsent(props.userGroupIds) && isAbsent(props.authToken) && isAbsent(props.authTokenWo)) {
                    report(
                        `${describeCache(cache)} lets any client that reaches it run every command without a password. Attach an RBAC user group with userGroupIds.`,
                    );
                }
                return;
            case "serverless":
                if (unknownFields(notJudged, describeCache(cache), props, ["userGroupId"])) return;
                if (isAbsent(props.userGroupId)) {
                    report(
                        `${describeCache(cache)} has no user group, so its default user admits every client without a password. Set userGroupId to an RBAC user group.`,
                    );
                }
                return;
            default:
                return;
        }
    },
);
