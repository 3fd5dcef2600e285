import * as pulumi from "@pulumi/pulumi";
import { isPrivileged, roleRules } from "../shared/access";
import { POD_FILES } from "./pod-files";
import { AclUser, INTERNAL_USERS, InternalUserName, renderAclFile } from "./render/acl";
import { renderReplicationAuth } from "./render/redis-conf";
import { KubernetesRedisSettings } from "./kubernetes-redis-settings";
import {
    SENTINEL_ADMIN_RULES,
    SENTINEL_CLIENT_RULES,
    SENTINEL_MONITORING_RULES,
    SENTINEL_PEER_RULES,
    SENTINEL_USER,
    renderSentinelAuth,
} from "./sentinel/render";

/** The readiness probe only reads INFO, so it runs as the monitoring user. */
export const PROBE_USER: InternalUserName = "monitoring";
const REPLICATION_USER: InternalUserName = "replication";

/** The generated password of each internal user the deployment runs, by user name. */
export type InternalPasswords = Partial<Record<InternalUserName, pulumi.Output<string>>>;

/** Each application user with its generated password. */
export type ApplicationUsers = { user: KubernetesRedisSettings["users"][number]; password: pulumi.Output<string> }[];

/** The Redis Secret's files, as a secret: the ACL file, the replicas' credentials include and the probe's password. */
export function renderAuthFiles(
    settings: KubernetesRedisSettings,
    internalPasswords: InternalPasswords,
    applicationUsers: ApplicationUsers,
): pulumi.Output<Record<string, string>> {
    const passwords = pulumi.all([pulumi.all(internalPasswords), pulumi.all(applicationUsers.map((u) => u.password))]);
    return pulumi.secret(
        passwords.apply(([internal, application]): Record<string, string> => {
            const aclUsers: AclUser[] = [
                ...(Object.keys(internal) as InternalUserName[]).map((user) => ({
                    name: user,
                    rules: INTERNAL_USERS[user],
                    password: internal[user],
                })),
                ...settings.users.map((user, i) => ({
                    name: user.name,
                    rules: roleRules(user.role, user.keyPatterns),
                    password: application[i],
                })),
            ];
            return {
                [POD_FILES.acl]: renderAclFile(aclUsers),
                [POD_FILES.replicationAuth]: renderReplicationAuth(REPLICATION_USER, internal[REPLICATION_USER]),
                [POD_FILES.monitoringPassword]: internal[PROBE_USER],
                ...(internal[SENTINEL_USER] ? { [POD_FILES.sentinelPassword]: internal[SENTINEL_USER] } : {}),
            };
        }),
    );
}

/**
 * The sentinel Secret's files, as a secret. On the sentinels every application user may ask where the
 * primary is, with its own password; admins may also fail over by hand; the monitoring user reads INFO.
 */
export function renderSentinelAuthFiles(
    settings: KubernetesRedisSettings,
    internalPasswords: InternalPasswords,
    applicationUsers: ApplicationUsers,
): pulumi.Output<Record<string, string>> {
    const passwords = pulumi.all([
        internalPasswords[SENTINEL_USER]!,
        internalPasswords[PROBE_USER]!,
        pulumi.all(applicationUsers.map((u) => u.password)),
    ]);
    return pulumi.secret(
        passwords.apply(([sentinelPassword, monitoringPassword, application]): Record<string, string> => {
            const users: AclUser[] = [
                { name: SENTINEL_USER, rules: SENTINEL_PEER_RULES, password: sentinelPassword },
                { name: PROBE_USER, rules: SENTINEL_MONITORING_RULES, password: monitoringPassword },
                ...settings.users.map((user, i) => ({
                    name: user.name,
                    rules: isPrivileged(user.role) ? SENTINEL_ADMIN_RULES : SENTINEL_CLIENT_RULES,
                    password: application[i],
                })),
            ];
            return {
                [POD_FILES.sentinelAuth]: renderSentinelAuth(settings.base, sentinelPassword, users),
                [POD_FILES.sentinelPassword]: sentinelPassword,
                [POD_FILES.monitoringPassword]: monitoringPassword,
            };
        }),
    );
}
