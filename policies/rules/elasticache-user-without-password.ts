import { awsDocs, redisSecurity } from "../lib/controls";
import { analyzeAccessString } from "../lib/access-string";
import { ELASTICACHE_USER } from "../lib/elasticache";
import { booleanOf, isAbsent, isUnknown, objectOf, stringOf } from "../lib/known-values";
import { resourceRule, unknownFields } from "../lib/rule";

export const elastiCacheUserWithoutPassword = resourceRule(
    {
        name: "elasticache-user-without-password",
        description: "Enabled ElastiCache RBAC users must authenticate with passwords or IAM, never nopass.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            awsDocs(
                "Clusters.RBAC",
                "Role-Based Access Control (RBAC)",
                "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html",
            ),
            redisSecurity("ACL nopass", "Users without a password let anyone who knows the user name in", "acl/"),
        ],
        remediation:
            'Give the user authenticationMode { type: "password", passwords: [a random.RandomPassword result] } (or type "iam"), and remove noPasswordRequired and nopass.',
    },
    [ELASTICACHE_USER],
    (user, report, _, notJudged) => {
        const { props } = user;
        const accessString = stringOf(props.accessString);
        if (
            unknownFields(notJudged, `ElastiCache user "${stringOf(props.userName) ?? user.name}"`, props, ["accessString"]) ||
            accessString === undefined
        )
            return;
        const access = analyzeAccessString(accessString);
        if (!access.enabled) return;
        const name = `user "${stringOf(props.userName) ?? user.name}"`;
        const mode = objectOf(props.authenticationMode);
        if (access.nopass) {
            report(
                `ElastiCache ${name} is enabled with nopass in its access string, so anyone can log in as it. Remove nopass and give it a generated password.`,
            );
        } else if (booleanOf(props.noPasswordRequired) === true || mode.type === "no-password-required") {
            report(
                `ElastiCache ${name} is enabled and needs no password. Set authenticationMode to type "password" with a generated password, or type "iam".`,
            );
        } else if (
            mode.type !== "iam" &&
            !isUnknown(props.authenticationMode) &&
            !isUnknown(mode.passwords) &&
            isAbsent(mode.passwords) &&
            isAbsent(props.passwords) &&
            isAbsent(props.passwordsWo)
        ) {
            report(
                `ElastiCache ${name} is enabled but has no password. Set authenticationMode to type "password" with a generated password, or type "iam".`,
            );
        }
    },
);
