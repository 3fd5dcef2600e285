/**
 * The users a redis-server starts with, as Redis 7.0 builds them from its configuration (checked on
 * the real server in the tests):
 * - with a non-empty `aclfile`, the users are the file's `user` lines; a file without a `default`
 *   line leaves the built-in `default` user on with no password and every command, and `requirepass`
 *   is then ignored; a line that is not a `user` line, a repeated user, or `user` directives beside
 *   an ACL file stop the server from starting;
 * - without it, the `user` directives of the config files and the command line (a repeated user or
 *   one without a name stops the server), and a built-in `default` user that `requirepass` gives a password.
 */
import { ConfigEntry, ConfigFileReader, Directive, effectiveDirective, splitArgs } from "./redis-config";
import { ServerProcess } from "./redis-server";

/** One ACL user: its rules as Redis reads them, and where they were written. */
export interface ServerUser {
    name: string;
    rules: string[];
    source: string;
}

export type ServerUsers =
    /** The users the server runs with. */
    | { state: "known"; users: ServerUser[] }
    /** Redis refuses this configuration, so the server does not start; the reason says why. */
    | { state: "does not start"; reason: string }
    /** The users depend on configuration the gate cannot read; the reason names it. */
    | { state: "unknown"; reason: string };

const ALL_ACCESS = ["~*", "&*", "+@all"];
const OPEN_DEFAULT = ["on", "nopass", ...ALL_ACCESS];

/**
 * The built-in default user beside config `user` directives: open, or with requirepass's password.
 * A requirepass value not known before deployment still sets a password (none the gate can read).
 */
function builtInDefault(entries: readonly ConfigEntry[]): ServerUser {
    const requirepass = effectiveDirective(entries, "requirepass");
    if (requirepass === undefined || ("args" in requirepass && requirepass.args[0] === "")) {
        return { name: "default", rules: OPEN_DEFAULT, source: "Redis's built-in default user (no requirepass)" };
    }
    if ("unread" in requirepass) return { name: "default", rules: ["on", ...ALL_ACCESS], source: requirepass.unread };
    return { name: "default", rules: ["on", `>${requirepass.args[0]}`, ...ALL_ACCESS], source: requirepass.source };
}

/** The users of `user` lines (an ACL file's, or `user` directives), or why Redis refuses them. */
function usersOf(lines: { args: string[] | undefined; source: string }[]): ServerUser[] | string {
    const users: ServerUser[] = [];
    for (const { args, source } of lines) {
        if (args === undefined) return `${source} has unbalanced quotes`;
        const [name, ...rules] = args;
        if (name === undefined) return `${source} names no user`;
        if (users.some((u) => u.name === name)) return `user "${name}" is defined twice (${source})`;
        users.push({ name, rules, source });
    }
    return users;
}

/** The users of an ACL file: every non-blank line must be `user <name> ...`. */
function aclFileUsers(text: string, source: string): ServerUser[] | string {
    const lines = text
        .split("\n")
        .map((raw, i) => ({ line: raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, ""), source: `${source} line ${i + 1}` }));
    const written = lines.filter(({ line }) => line !== "").map(({ line, source }) => ({ words: splitArgs(line), source }));
    const other = written.find(({ words }) => words !== undefined && words[0] !== "user");
    if (other) return `${other.source} is not a "user <name> ..." line`;
    return usersOf(written.map(({ words, source }) => ({ args: words?.slice(1), source })));
}

function known(users: ServerUser[], builtIn: ServerUser): ServerUsers {
    return { state: "known", users: users.some((u) => u.name === "default") ? users : [builtIn, ...users] };
}

/** The users a server starts with from these configuration entries, its files read through `read`. */
export function serverUsersOf(entries: readonly ConfigEntry[], read: ConfigFileReader): ServerUsers {
    const aclfile = effectiveDirective(entries, "aclfile");
    if (aclfile !== undefined && "unread" in aclfile) return { state: "unknown", reason: aclfile.unread };
    const userEntries = entries.filter((e) => ("unread" in e ? (e.only ?? "user") === "user" : e.name === "user"));
    const directives = userEntries.filter((e): e is Directive => "name" in e);
    if (aclfile !== undefined && aclfile.args[0] !== "") {
        if (directives.length > 0)
            return { state: "does not start", reason: `it defines users both in ${directives[0].source} and in an ACL file` };
        const file = read(aclfile.args[0]);
        if ("unread" in file) return { state: "unknown", reason: file.unread };
        const users = aclFileUsers(file.text, file.source);
        if (typeof users === "string") return { state: "does not start", reason: users };
        return known(users, {
            name: "default",
            rules: OPEN_DEFAULT,
            source: "Redis's built-in default user (the ACL file has no default line)",
        });
    }
    const unread = userEntries.find((e) => "unread" in e);
    if (unread !== undefined && "unread" in unread) return { state: "unknown", reason: unread.unread };
    const users = usersOf(directives);
    return typeof users === "string" ? { state: "does not start", reason: users } : known(users, builtInDefault(entries));
}

/** The users after the ACL SETUSER commands sent at run time: rules appended to a user's, or a new user. */
function afterChanges(users: ServerUsers, changes: ServerProcess["userChanges"]): ServerUsers {
    if (users.state !== "known") return users;
    const unread = changes.find((change) => "unread" in change);
    if (unread !== undefined && "unread" in unread) return { state: "unknown", reason: unread.unread };
    const result = [...users.users];
    for (const change of changes) {
        if ("unread" in change) continue;
        const i = result.findIndex((u) => u.name === change.name);
        if (i < 0) result.push({ name: change.name, rules: change.rules, source: change.source });
        else
            result[i] = {
                name: change.name,
                rules: [...result[i].rules, ...change.rules],
                source: `${result[i].source}, then ${change.source}`,
            };
    }
    return { state: "known", users: result };
}

/** The users of each way the server may start (a refused start does not start), after the ACL changes sent at run time. */
export function startUsersOf(process: ServerProcess): ServerUsers[] {
    return process.starts.map((start) =>
        "rejected" in start
            ? { state: "does not start", reason: start.rejected }
            : afterChanges(serverUsersOf(start.entries, process.read), process.userChanges),
    );
}

/** The users of every start whose users are known, each once; unread and refused starts are the not-judged rule's. */
export function knownUsersOf(process: ServerProcess): ServerUser[] {
    const users = new Map<string, ServerUser>();
    for (const start of startUsersOf(process)) {
        if (start.state === "known") start.users.forEach((user) => users.set(JSON.stringify([user.name, user.rules, user.source]), user));
    }
    return [...users.values()];
}

/** True when a rule sets a password written out where it was found: `>secret` outside a Secret, not a `$(VAR)`/`$VAR` reference. */
export function literalPasswordRule(rule: string, source: string): boolean {
    return rule.startsWith(">") && rule.length > 1 && !source.startsWith('Secret "') && !rule.includes("$");
}
