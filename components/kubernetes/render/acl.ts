import { createHash } from "node:crypto";

/**
 * The users the deployment itself needs, each with exactly the commands its job takes, as verified
 * against a real redis-server: no keys, no channels, nothing else.
 */
export const INTERNAL_USERS = {
    /** A replica's handshake and stream: PSYNC, and REPLCONF for its capabilities and offset acknowledgements. */
    replication: ["resetkeys", "resetchannels", "-@all", "+psync", "+replconf"],
    /**
     * What redis_exporter reads. No CONFIG: `CONFIG GET masterauth` would reveal the replication
     * password, so the exporter runs with `--config-command=-` and maxmemory comes from INFO.
     */
    monitoring: [
        "resetkeys",
        "resetchannels",
        "-@all",
        "+info",
        "+client|setname",
        "+latency|latest",
        "+latency|histogram",
        "+slowlog|get",
        "+slowlog|len",
    ],
    /**
     * Redis Sentinel, enabled only with it: PING and INFO to watch, CLIENT SETNAME on connecting, the
     * hello channel (PUBLISH, SUBSCRIBE) to find the other sentinels, SCRIPT KILL for a primary busy in
     * a script, and the failover's MULTI, SLAVEOF, CONFIG REWRITE, CLIENT KILL and EXEC. Exactly the
     * commands sentinel.c sends (Redis 7.0 and Valkey 8.0 alike; no ROLE, and SLAVEOF rather than
     * REPLICAOF); the real-server test shows that each one is needed and that the ACL LOG stays empty.
     */
    sentinel: [
        "resetkeys",
        "resetchannels",
        "-@all",
        "&__sentinel__:hello",
        "+multi",
        "+exec",
        "+slaveof",
        "+ping",
        "+info",
        "+publish",
        "+subscribe",
        "+client|setname",
        "+client|kill",
        "+config|rewrite",
        "+script|kill",
    ],
    /** `redis-cli --rdb`: REPLCONF to ask for the RDB only, then SYNC. Enabled only when backups are. */
    backup: ["resetkeys", "resetchannels", "-@all", "+replconf", "+sync"],
} as const;

export type InternalUserName = keyof typeof INTERNAL_USERS;
export const INTERNAL_USER_NAMES = Object.keys(INTERNAL_USERS) as InternalUserName[];

/** Without this line Redis would create `default` with no password and every permission. */
export const DISABLED_DEFAULT_USER_LINE = "user default off resetkeys resetchannels -@all";

/** One enabled user of the ACL file. */
export interface AclUser {
    name: string;
    rules: readonly string[];
    password: string;
}

/** The ACL form of a password: `#` and its SHA-256, so the file never holds the password itself. */
export function passwordHash(password: string): string {
    return `#${createHash("sha256").update(password).digest("hex")}`;
}

export function aclUserLine(user: AclUser): string {
    return ["user", user.name, "on", passwordHash(user.password), ...user.rules].join(" ");
}

/** The complete ACL file: the disabled default user, then every enabled user. */
export function renderAclFile(users: readonly AclUser[]): string {
    return [DISABLED_DEFAULT_USER_LINE, ...users.map(aclUserLine)].join("\n") + "\n";
}
