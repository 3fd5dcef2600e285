import { analyzeAccessString } from "../lib/access-string";
import { cwe, redisSecurity } from "../lib/controls";
import { redisServersOf } from "../lib/redis-server";
import { knownUsersOf, literalPasswordRule } from "../lib/redis-users";
import { stackRule } from "../lib/rule";

export const k8sRedisWithoutAuthentication = stackRule(
    {
        name: "k8s-redis-without-authentication",
        description:
            "A Redis server on Kubernetes must authenticate every client: its default user is off or has a password, no enabled user is nopass, " +
            "and no password is written out in a ConfigMap or on the command line. Judged on the users Redis really builds from the ACL file, " +
            "the user directives and requirepass (an ACL file without a default line leaves default on with no password, whatever requirepass says).",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            redisSecurity("Authentication", "Turn the default user off and give every user a password", "acl/"),
            cwe(306, "Missing Authentication for Critical Function"),
        ],
        remediation:
            'Put "user default off" first in the ACL file, give every other user a password ("#<sha256>" or ">password") in an ACL file mounted from a Secret, ' +
            "and never write requirepass or a password on the command line or in a ConfigMap.",
    },
    (stack, report) => {
        for (const { workload, process, where } of redisServersOf(stack)) {
            for (const user of knownUsersOf(process)) {
                const access = analyzeAccessString(user.rules.join(" "));
                if (access.enabled && access.nopass) {
                    report(
                        `${where} lets anyone in as user "${user.name}": it is on with no password (${user.source}). Turn it off, or give it a password from a Secret.`,
                        workload.urn,
                    );
                }
                if (user.rules.some((rule) => literalPasswordRule(rule, user.source))) {
                    report(
                        `${where} has the password of user "${user.name}" written in ${user.source}. Keep passwords in a Secret-mounted ACL file, as "#<sha256>".`,
                        workload.urn,
                    );
                }
            }
        }
    },
);
