import { ADMIN_USER_NAMES_SCHEMA, accessFindings, analyzeAccessString } from "../lib/access-string";
import { redisSecurity } from "../lib/controls";
import { redisServersOf } from "../lib/redis-server";
import { knownUsersOf } from "../lib/redis-users";
import { stackRule } from "../lib/rule";

export interface KubernetesAdminSettings {
    adminUserNames: string[];
    serviceUserCommands: Record<string, string[]>;
}

export const k8sRedisUserDangerousCommands = stackRule<KubernetesAdminSettings>(
    {
        name: "k8s-redis-user-dangerous-commands",
        description:
            "ACL users of a Redis server on Kubernetes, other than the named administrators, must not be granted a dangerous command (the @dangerous category, " +
            "FLUSHALL, FLUSHDB, KEYS, SWAPDB, MIGRATE, RESTORE, SORT), as Redis 7.0 and Valkey 7.2/8.0 apply their rules; service users may hold the few they need.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [redisSecurity("ACL categories", "Deny the @dangerous category to application users", "acl/")],
        remediation:
            'End application users\' rules with -@dangerous (for example "user app on #<sha256> ~app:* &* +@all -@dangerous"). ' +
            "Name real administrators in this rule's adminUserNames, and service users' needs in serviceUserCommands.",
        configSchema: {
            properties: {
                adminUserNames: ADMIN_USER_NAMES_SCHEMA,
                serviceUserCommands: {
                    type: "object",
                    additionalProperties: { type: "array", items: { type: "string" } },
                    // The internal users of KubernetesRedis, each with the dangerous commands its job takes.
                    default: {
                        replication: ["psync", "replconf"],
                        monitoring: ["info", "latency|latest", "latency|histogram", "slowlog|get", "slowlog|len"],
                        backup: ["replconf", "sync"],
                        // What Sentinel sends to the servers it watches (sentinel.c).
                        sentinel: ["client|kill", "config|rewrite", "info", "slaveof"],
                    },
                    description:
                        "For each service user, the dangerous commands (lower case, subcommands as container|subcommand) it may hold.",
                },
            },
        },
    },
    (stack, report, { adminUserNames, serviceUserCommands }) => {
        for (const { workload, process, where } of redisServersOf(stack)) {
            for (const user of knownUsersOf(process).filter((u) => !adminUserNames.includes(u.name))) {
                const allowed = new Set(serviceUserCommands[user.name] ?? []);
                for (const finding of accessFindings(analyzeAccessString(user.rules.join(" ")), allowed)) {
                    report(`${where}: user "${user.name}" (${user.source}) ${finding}`, workload.urn);
                }
            }
        }
    },
);
