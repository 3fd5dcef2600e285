/** The roles of a Redis user (the schema enum `Role`). */
export const Role = {
    readwrite: "readwrite",
    readonly: "readonly",
    admin: "admin",
} as const;
/** One of the roles of a Redis user. */
export type Role = (typeof Role)[keyof typeof Role];

/**
 * The one mapping from a user's role to Redis ACL rules. ElastiCache access strings and the
 * Kubernetes ACL file are both rendered from it, so a role means the same on both targets.
 */

export const ROLES: readonly Role[] = Object.values(Role);

const ROLE_COMMANDS: Record<Role, string[]> = {
    readwrite: ["+@all", "-@dangerous"],
    readonly: ["-@all", "+@read", "+@connection", "-@dangerous"],
    admin: ["+@all"],
};

/** Key patterns as written in ACL rules: `app:*` becomes `~app:*`. */
export function keyRules(keyPatterns: readonly string[]): string[] {
    return keyPatterns.map((pattern) => `~${pattern}`);
}

/** The ACL rules of a role, without the `on`/`off` switch and without credentials. */
export function roleRules(role: Role, keyPatterns: readonly string[] = ["*"]): string[] {
    return [...keyRules(keyPatterns), "&*", ...ROLE_COMMANDS[role]];
}

/** An ElastiCache RBAC access string for an enabled user of the given role. */
export function elastiCacheAccessString(role: Role, keyPatterns?: readonly string[]): string {
    return ["on", ...roleRules(role, keyPatterns)].join(" ");
}

/** The access string of the mandatory `default` user: switched off, with no commands or keys. */
export const DISABLED_DEFAULT_USER_ACCESS_STRING = "off -@all";

/** True when a role may run administrative and dangerous commands. */
export function isPrivileged(role: Role): boolean {
    return role === "admin";
}
