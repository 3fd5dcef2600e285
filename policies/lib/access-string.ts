/**
 * Reads Redis ACL rules as ElastiCache access strings use them (`on ~app:* &* +@all -@dangerous`).
 * Rules apply left to right, so a later `-@dangerous` takes back what `+@all` granted, and a later
 * `+@all` grants it again.
 */

/** Commands of Redis 7's `@dangerous` category that let a client wipe, reconfigure or stop the server. */
export const DANGEROUS_COMMANDS = new Set([
    "acl", "bgrewriteaof", "bgsave", "client", "cluster", "config", "debug", "failover", "flushall", "flushdb",
    "keys", "latency", "migrate", "module", "monitor", "psync", "replconf", "replicaof", "restore", "save",
    "shutdown", "slaveof", "slowlog", "sort", "swapdb", "sync",
]);

/** Categories whose grant includes dangerous commands: `@admin` is wholly inside `@dangerous`. */
const DANGEROUS_CATEGORIES = new Set(["@all", "@dangerous", "@admin"]);

export interface AccessAnalysis {
    /** The last `on`/`off` switch says `on`; ElastiCache treats a string with neither as `off`. */
    enabled: boolean;
    /** The rules include `nopass` (not taken back by `resetpass`). */
    nopass: boolean;
    /** The rules that leave dangerous commands granted at the end, such as `+@all` or `+flushall`. */
    dangerousGrants: string[];
}

interface PermissionSet {
    /** The rule that granted a dangerous category and was not taken back, if any. */
    category?: string;
    commands: Set<string>;
}

/** Splits rules on spaces, keeping each Redis 7 selector `( ... )` together. */
function tokens(accessString: string): string[] {
    return accessString.match(/\([^)]*\)|\S+/g) ?? [];
}

function applyCommandRule(set: PermissionSet, rule: string): void {
    const lower = rule.toLowerCase();
    const sign = lower[0];
    const target = lower === "allcommands" ? "@all" : lower === "nocommands" ? "@all" : lower.slice(1);
    const granting = lower === "allcommands" || sign === "+";
    const revoking = lower === "nocommands" || sign === "-";
    if (!granting && !revoking) return;
    if (target.startsWith("@")) {
        if (granting && DANGEROUS_CATEGORIES.has(target)) set.category = rule;
        if (revoking && (target === "@all" || target === "@dangerous")) {
            set.category = undefined;
            set.commands.clear();
        }
        return;
    }
    const command = target.split("|")[0];
    if (!DANGEROUS_COMMANDS.has(command)) return;
    if (granting) set.commands.add(rule);
    else [...set.commands].filter((c) => c.toLowerCase().slice(1).split("|")[0] === command).forEach((c) => set.commands.delete(c));
}

function grantsOf(set: PermissionSet): string[] {
    return set.category ? [set.category] : [...set.commands];
}

export function analyzeAccessString(accessString: string): AccessAnalysis {
    let enabled = false;
    let nopass = false;
    const root: PermissionSet = { commands: new Set() };
    const selectors: PermissionSet[] = [];
    for (const token of tokens(accessString)) {
        const lower = token.toLowerCase();
        if (lower === "on" || lower === "off") enabled = lower === "on";
        else if (lower === "nopass") nopass = true;
        else if (lower === "resetpass") nopass = false;
        else if (lower === "reset") {
            enabled = false;
            nopass = false;
            root.category = undefined;
            root.commands.clear();
            selectors.length = 0;
        } else if (lower === "clearselectors") selectors.length = 0;
        else if (token.startsWith("(")) {
            const selector: PermissionSet = { commands: new Set() };
            tokens(token.slice(1, -1)).forEach((rule) => applyCommandRule(selector, rule));
            selectors.push(selector);
        } else applyCommandRule(root, token);
    }
    return { enabled, nopass, dangerousGrants: [root, ...selectors].flatMap(grantsOf) };
}
