import { ADMIN_USER_NAMES_SCHEMA, accessFindings, analyzeAccessString } from "../lib/access-string";
import { awsDocs, redisSecurity } from "../lib/controls";
import { ELASTICACHE_USER } from "../lib/elasticache";
import { stringOf } from "../lib/known-values";
import { resourceRule } from "../lib/rule";

export interface AdminSettings {
    adminUserNames: string[];
}

export const elastiCacheUserDangerousCommands = resourceRule<AdminSettings>(
    {
        name: "elasticache-user-dangerous-commands",
        description:
            "ElastiCache RBAC users other than the named administrators must not be granted any dangerous command (the @dangerous category, FLUSHALL, FLUSHDB, KEYS, SWAPDB, MIGRATE, RESTORE, SORT), " +
            "whatever rule grants it: the access string is applied as Redis 7.0/7.1 and Valkey 7.2/8.0 apply it, with each command's real categories (+@write alone grants FLUSHALL).",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            awsDocs(
                "Clusters.RBAC",
                "Specifying permissions using an access string",
                "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
            ),
            redisSecurity("ACL categories", "Deny the @dangerous category to application users", "acl/"),
        ],
        remediation:
            'End application access strings with -@dangerous (for example "on ~app:* &* +@all -@dangerous"), or grant only the categories the client needs. ' +
            "Name real administrators in this rule's adminUserNames.",
        configSchema: {
            properties: {
                adminUserNames: ADMIN_USER_NAMES_SCHEMA,
            },
        },
    },
    [ELASTICACHE_USER],
    (user, report, { adminUserNames }) => {
        const accessString = stringOf(user.props.accessString);
        const userName = stringOf(user.props.userName);
        if (accessString === undefined || (userName !== undefined && adminUserNames.includes(userName))) return;
        const access = analyzeAccessString(accessString);
        const name = userName ?? user.name;
        for (const finding of accessFindings(access)) report(`ElastiCache user "${name}" ${finding}`);
    },
);
