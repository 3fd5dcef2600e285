import { analyzeAccessString } from "../lib/access-string";
import { awsDocs, redisSecurity } from "../lib/controls";
import { ELASTICACHE_USER, USER_GROUP, USER_GROUP_ASSOCIATION } from "../lib/elasticache";
import { stringOf } from "../lib/known-values";
import { StackResourceView, StackView, stackRule } from "../lib/rule";

/** The id of the default user that ElastiCache creates itself: enabled, without a password, with full access. */
const BUILT_IN_DEFAULT_USER_ID = "default";

const userIdOf = (user: StackResourceView) => [user.props.userId];
const groupIdOf = (group: StackResourceView) => [group.props.userGroupId];

/** The members of a user group, through its userIds and through separate associations, plus literal ids no resource defines. */
function membersOf(stack: StackView, group: StackResourceView): { users: StackResourceView[]; unresolvedIds: string[] } {
    const associations = stack
        .ofType(USER_GROUP_ASSOCIATION)
        .filter((a) => stack.referencedBy(a, "userGroupId", [USER_GROUP], groupIdOf).includes(group));
    const users = [
        ...stack.referencedBy(group, "userIds", [ELASTICACHE_USER], userIdOf),
        ...associations.flatMap((a) => stack.referencedBy(a, "userId", [ELASTICACHE_USER], userIdOf)),
    ];
    const literalIds = [group.props.userIds, ...associations.map((a) => a.props.userId)]
        .flat()
        .filter((id): id is string => typeof id === "string");
    const definedIds = new Set(stack.ofType(ELASTICACHE_USER).map((u) => u.props.userId));
    return { users: [...new Set(users)], unresolvedIds: literalIds.filter((id) => !definedIds.has(id)) };
}

export const elastiCacheDefaultUserEnabled = stackRule(
    {
        name: "elasticache-default-user-enabled",
        description:
            "The default user of every ElastiCache RBAC user group must be switched off, since clients that never authenticate act as it.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            awsDocs(
                "Clusters.RBAC",
                "Applying RBAC to a cache: replace the default user",
                "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
            ),
            redisSecurity("ACL default user", "Disable the default user", "acl/"),
        ],
        remediation:
            'Create your own aws.elasticache.User with userName "default", a generated password and accessString "off -@all", and put its userId in the ' +
            'group instead of ElastiCache\'s built-in "default" user.',
    },
    (stack, report) => {
        for (const group of stack.ofType(USER_GROUP)) {
            const { users, unresolvedIds } = membersOf(stack, group);
            if (unresolvedIds.includes(BUILT_IN_DEFAULT_USER_ID)) {
                report(
                    `ElastiCache user group "${group.name}" includes ElastiCache's built-in "default" user, which is enabled with no password and full access. ` +
                        'Replace it with your own user named "default" with accessString "off -@all".',
                    group.urn,
                );
            }
            for (const user of users) {
                const accessString = stringOf(user.props.accessString);
                if (user.props.userName !== "default" || accessString === undefined || !analyzeAccessString(accessString).enabled) continue;
                report(
                    `ElastiCache user group "${group.name}" includes default user "${user.name}", which is switched on, so clients that never authenticate act as it. ` +
                        'Set its accessString to "off -@all".',
                    group.urn,
                );
            }
        }
    },
);
