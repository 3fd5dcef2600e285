/**
 * Redis ACL rules (`on ~app:* &* +@all -@dangerous`, the syntax of ElastiCache access strings and of
 * `user` lines in an ACL file) applied the way redis-server applies them (src/acl.c, `ACLSetUser` and
 * `ACLSetSelector` of Redis 7.0 and Valkey 7.2/8.0): left to right, against the real category
 * membership of every command and subcommand of a command table. The tests check the result against
 * `ACL DRYRUN` of Debian's redis-server, command by command.
 */
import { COMMAND_TABLES, CommandTable, containerOf } from "./command-table";

/**
 * Commands that let a non-administrator wipe, dump, block or reconfigure the server: every member of
 * the table's `@dangerous` category (which Redis gives every admin command, plus KEYS, SORT, SORT_RO,
 * SWAPDB, FLUSHALL, FLUSHDB, MIGRATE, RESTORE, INFO and the CLIENT subcommands that act on other
 * clients), and these, named even if a release were to drop them from `@dangerous`: each deletes or
 * replaces every key (FLUSHALL, FLUSHDB, SWAPDB, RESTORE with REPLACE), copies keys off the server
 * (MIGRATE), or blocks it for a scan of the whole keyspace (KEYS, SORT BY).
 */
export const NAMED_DANGEROUS_COMMANDS: readonly string[] = ["flushall", "flushdb", "keys", "swapdb", "migrate", "restore", "sort"];

/** The `adminUserNames` setting of the dangerous-commands rules: users that may hold dangerous commands. */
export const ADMIN_USER_NAMES_SCHEMA = {
    type: "array",
    items: { type: "string" },
    uniqueItems: true,
    default: ["admin"],
    description: "ACL user names that may hold dangerous commands.",
} as const;

/** One selector's commands: the root permissions of a user, or one `( ... )` selector of Redis 7. */
export interface CommandGrant {
    /** Commands and subcommands (`config|set`) and containers whose ACL bit is set. */
    allowed: Set<string>;
    /** First-argument grants such as `+select|0` on commands that have no subcommands. */
    firstArgs: Map<string, Set<string>>;
    /** For each allowed command, the rule that last allowed it (`+@write`, `+keys`). */
    grantedBy: Map<string, string>;
}

/** A user as a list of ACL rules leaves it, starting from a new user (off, no password, `-@all`). */
export interface AclUser {
    enabled: boolean;
    nopass: boolean;
    /** `>password` rules in effect: passwords written in the rules themselves. */
    plaintextPasswords: number;
    /** `#<sha256>` rules in effect. */
    hashedPasswords: number;
    /** The root permissions, then each selector. */
    grants: CommandGrant[];
}

/** A rule the server rejects: `ACL SETUSER` fails and an ACL file with it stops the server from starting. */
export class AclRuleError extends Error {}

/** Splits rules on whitespace, keeping each Redis 7 selector `( ... )` together as the server merges it. */
export function aclRules(text: string): string[] {
    return text.match(/\([^)]*\)|\S+/g) ?? [];
}

const HASH = /^#[0-9a-f]{64}$/;

function newGrant(): CommandGrant {
    return { allowed: new Set(), firstArgs: new Map(), grantedBy: new Map() };
}

/** The commands of a table, with each container's subcommands. */
class CommandIndex {
    readonly subcommands = new Map<string, string[]>();

    constructor(readonly table: CommandTable) {
        for (const name of Object.keys(table.commands)) {
            const container = containerOf(name);
            if (container !== undefined) this.subcommands.set(container, [...(this.subcommands.get(container) ?? []), name]);
        }
    }

    has(name: string): boolean {
        return name in this.table.commands;
    }

    /** Commands that take no subcommand, and subcommands: what a client actually runs. */
    leaves(): string[] {
        return Object.keys(this.table.commands).filter((name) => !this.subcommands.has(name));
    }
}

const indexes = new WeakMap<CommandTable, CommandIndex>();

function indexOf(table: CommandTable): CommandIndex {
    let index = indexes.get(table);
    if (!index) indexes.set(table, (index = new CommandIndex(table)));
    return index;
}

/** `ACLChangeSelectorPerm`: a command's bit, its first-arg grants, and all its subcommands' bits. */
function changePerm(grant: CommandGrant, index: CommandIndex, name: string, allow: boolean, rule: string): void {
    for (const target of [name, ...(index.subcommands.get(name) ?? [])]) {
        if (allow) {
            grant.allowed.add(target);
            grant.grantedBy.set(target, rule);
        } else grant.allowed.delete(target);
    }
    grant.firstArgs.delete(name);
}

function setAll(grant: CommandGrant, index: CommandIndex, allow: boolean, rule: string): void {
    grant.allowed.clear();
    grant.firstArgs.clear();
    grant.grantedBy.clear();
    if (allow) Object.keys(index.table.commands).forEach((name) => changePerm(grant, index, name, true, rule));
}

/** One command rule (`+@cat`, `-cmd`, `+cmd|sub`, `allcommands`...) applied to a selector; false when it is not a command rule. */
function applyCommandRule(grant: CommandGrant, index: CommandIndex, rule: string, unknown?: string[]): boolean {
    const lower = rule.toLowerCase();
    if (lower === "allcommands" || lower === "+@all") setAll(grant, index, true, rule);
    else if (lower === "nocommands" || lower === "-@all") setAll(grant, index, false, rule);
    else if ((lower[0] === "+" || lower[0] === "-") && lower[1] === "@") {
        const category = lower.slice(2);
        if (!index.table.categories.includes(category)) throw new AclRuleError(`unknown ACL category "${category}" in "${rule}"`);
        for (const [name, categories] of Object.entries(index.table.commands)) {
            if (categories.includes(category)) changePerm(grant, index, name, lower[0] === "+", rule);
        }
    } else if (lower[0] === "+" || lower[0] === "-") applyCommandName(grant, index, lower.slice(1), lower[0] === "+", rule, unknown);
    else return false;
    return true;
}

function applyCommandName(grant: CommandGrant, index: CommandIndex, name: string, allow: boolean, rule: string, unknown?: string[]): void {
    if (index.has(name)) {
        changePerm(grant, index, name, allow, rule);
        return;
    }
    // `+cmd|arg` on a command without subcommands allows one first argument; `-cmd|arg` is rejected.
    const parts = name.split("|");
    const [command, firstArg] = parts;
    const plainCommand = index.has(command) && !index.subcommands.has(command);
    if (parts.length === 2 && allow && plainCommand && firstArg !== "") {
        grant.firstArgs.set(command, new Set([...(grant.firstArgs.get(command) ?? []), firstArg]));
        grant.grantedBy.set(name, rule);
    } else if (unknown && parts.length <= 2 && !plainCommand && parts.every((part) => part !== "")) {
        unknown.push(rule);
    } else {
        throw new AclRuleError(`"${rule}" names no command or subcommand of ${index.table.engine} ${index.table.version}`);
    }
}

const KEY_OR_CHANNEL_RULE = /^(~|%r~|%w~|%rw~|&)|^(allkeys|resetkeys|allchannels|resetchannels)$/;

/**
 * The user that a list of rules makes, from a new user, against one command table.
 * Throws `AclRuleError` for a rule the server would reject. With `unknown`, a rule that names a
 * command the table does not have (one of a later release) is collected there instead of rejected.
 */
export function applyAclRules(rules: readonly string[], table: CommandTable, unknown?: string[]): AclUser {
    const index = indexOf(table);
    const user: AclUser = { enabled: false, nopass: false, plaintextPasswords: 0, hashedPasswords: 0, grants: [newGrant()] };
    const root = user.grants[0];
    for (const [position, rule] of rules.entries()) {
        const lower = rule.toLowerCase();
        if (lower === "on" || lower === "off") user.enabled = lower === "on";
        else if (lower === "nopass") Object.assign(user, { nopass: true, plaintextPasswords: 0, hashedPasswords: 0 });
        else if (lower === "resetpass") Object.assign(user, { nopass: false, plaintextPasswords: 0, hashedPasswords: 0 });
        else if (rule.startsWith(">")) Object.assign(user, { nopass: false, plaintextPasswords: user.plaintextPasswords + 1 });
        else if (rule.startsWith("#")) {
            if (!HASH.test(rule)) throw new AclRuleError("a # rule must be a lower-case hex SHA-256 of 64 characters");
            Object.assign(user, { nopass: false, hashedPasswords: user.hashedPasswords + 1 });
        } else if (rule.startsWith("<") || rule.startsWith("!")) continue;
        else if (lower === "reset") {
            Object.assign(user, { enabled: false, nopass: false, plaintextPasswords: 0, hashedPasswords: 0 });
            setAll(root, index, false, rule);
            user.grants.length = 1;
        } else if (lower === "clearselectors") user.grants.length = 1;
        else if (rule.startsWith("(") && rule.endsWith(")")) {
            const selector = newGrant();
            for (const inner of aclRules(rule.slice(1, -1))) {
                if (!applyCommandRule(selector, index, inner, unknown) && !KEY_OR_CHANNEL_RULE.test(inner.toLowerCase()))
                    throw new AclRuleError(`selector ${position + 1} holds a rule that is not a command, key or channel rule`);
            }
            user.grants.push(selector);
        } else if (
            !applyCommandRule(root, index, rule, unknown) &&
            !KEY_OR_CHANNEL_RULE.test(lower) &&
            !["sanitize-payload", "skip-sanitize-payload"].includes(lower)
        ) {
            // Not echoed: a password written without its ">" would otherwise reach the message.
            throw new AclRuleError(`rule ${position + 1} is not an ACL rule`);
        }
    }
    return user;
}

/** Every command a user may run (a subcommand as `config|set`, a first-argument grant as `select|0`), sorted. */
export function grantedCommands(user: AclUser, table: CommandTable): string[] {
    const leaves = indexOf(table).leaves();
    const granted = new Set<string>();
    for (const grant of user.grants) {
        leaves.filter((name) => grant.allowed.has(name)).forEach((name) => granted.add(name));
        for (const [command, args] of grant.firstArgs)
            if (!grant.allowed.has(command)) args.forEach((arg) => granted.add(`${command}|${arg}`));
    }
    return [...granted].sort();
}

/** The dangerous commands of a table: its `@dangerous` category and the named ones it has. */
export function dangerousCommandsOf(table: CommandTable): Set<string> {
    const members = Object.keys(table.commands).filter((name) => table.commands[name].includes("dangerous"));
    return new Set([...members, ...NAMED_DANGEROUS_COMMANDS.filter((name) => name in table.commands)]);
}

/** A dangerous command a user may run, and the rule that allowed it. */
export interface DangerousGrant {
    command: string;
    rule: string;
}

/** The dangerous commands a user may run, each once, with the rule that granted it. */
export function dangerousGrantsOf(user: AclUser, table: CommandTable): DangerousGrant[] {
    const dangerous = dangerousCommandsOf(table);
    const grants = new Map<string, string>();
    for (const command of grantedCommands(user, table)) {
        const base = command.includes("|") && !(command in table.commands) ? command.split("|")[0] : command;
        if (!dangerous.has(base) && !dangerous.has(containerOf(command) ?? "")) continue;
        const rule = user.grants.map((g) => g.grantedBy.get(command)).find((r) => r !== undefined) ?? "";
        if (!grants.has(command)) grants.set(command, rule);
    }
    return [...grants].map(([command, rule]) => ({ command, rule }));
}

/** What an access string does on every server version the pack knows. */
export interface AccessAnalysis {
    /** The last `on`/`off` says `on`; a new user, and so a string with neither, is off. */
    enabled: boolean;
    /** The rules end with `nopass` in effect (not taken back by `resetpass` or a password). */
    nopass: boolean;
    /** The dangerous commands granted on any version, in command order. */
    dangerousGrants: DangerousGrant[];
    /** The versions whose server rejects the string, with the reason. */
    rejectedBy: string[];
    /** True when every version rejects the string, so nothing about it can be judged. */
    rejectedByAll: boolean;
    /** Rules naming a command that no known version has (a later release's): what they grant is not judged. */
    unknownCommands: string[];
}

/** Describes a grant for messages: `CONFIG SET (through +@admin)`; `SELECT 0` for a first-argument grant. */
export function grantLabel(grant: DangerousGrant): string {
    return `${grant.command.split("|").join(" ").toUpperCase()} (through ${grant.rule})`;
}

const LISTED = 8;

/** The first grants, then how many more: `+@all` alone grants over a hundred dangerous commands. */
export function summary(grants: readonly string[]): string {
    const more = grants.length - LISTED;
    return grants.slice(0, LISTED).join(", ") + (more > 0 ? ` and ${more} more` : "");
}

/** Applies an access string on each command table (Redis 7.0/7.1, Valkey 7.2, Valkey 8.0). */
export function analyzeAccessString(accessString: string, tables: readonly CommandTable[] = COMMAND_TABLES): AccessAnalysis {
    const rules = aclRules(accessString);
    const rejectedBy: string[] = [];
    const dangerous = new Map<string, string>();
    const unknownIn: string[][] = [];
    let user: AclUser | undefined;
    for (const table of tables) {
        try {
            const unknown: string[] = [];
            const applied = applyAclRules(rules, table, unknown);
            unknownIn.push(unknown);
            user = user ?? applied;
            dangerousGrantsOf(applied, table).forEach((g) => dangerous.set(g.command, g.rule));
        } catch (error) {
            if (!(error instanceof AclRuleError)) throw error;
            rejectedBy.push(`${table.engine} ${table.version}: ${error.message}`);
        }
    }
    return {
        enabled: user?.enabled ?? false,
        nopass: user?.nopass ?? false,
        dangerousGrants: [...dangerous].sort(([a], [b]) => a.localeCompare(b)).map(([command, rule]) => ({ command, rule })),
        rejectedBy,
        rejectedByAll: user === undefined,
        unknownCommands: [...new Set(unknownIn[0] ?? [])].filter((rule) => unknownIn.every((unknown) => unknown.includes(rule))),
    };
}

/**
 * What is wrong with a non-administrator's access string, as sentences that follow the user's name:
 * rejected by every version, dangerous commands granted (other than the `allowed` ones, such as
 * `psync` for a replication user; a container such as `config` allows all its subcommands), or
 * commands granted that no known version has.
 */
export function accessFindings(access: AccessAnalysis, allowed: ReadonlySet<string> = new Set()): string[] {
    if (access.rejectedByAll) {
        return [
            `has ACL rules that no known Redis or Valkey version accepts (${access.rejectedBy.join("; ")}), so what they grant cannot be judged. Fix the rules.`,
        ];
    }
    if (!access.enabled) return [];
    const findings: string[] = [];
    const dangerous = access.dangerousGrants.filter(
        (grant) => !allowed.has(grant.command) && !allowed.has(containerOf(grant.command) ?? ""),
    );
    if (dangerous.length > 0) {
        findings.push(
            `is not an administrator but its ACL rules grant ${dangerous.length} dangerous command(s): ${summary(dangerous.map(grantLabel))}. ` +
                "End the rules with -@dangerous (and take back single commands granted after it), or name the user as an administrator if it really is one.",
        );
    }
    const unknownGrants = access.unknownCommands.filter((rule) => rule.startsWith("+"));
    if (unknownGrants.length > 0) {
        findings.push(
            `is granted ${unknownGrants.join(", ")}, which no release the pack knows (Redis 7.0/7.1, Valkey 7.2/8.0) has, so whether it is dangerous cannot be judged. ` +
                "Grant it only to an administrator, or check it against the server's ACL CAT dangerous.",
        );
    }
    return findings;
}
