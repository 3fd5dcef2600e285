/**
 * The users a redis-server on Kubernetes starts with, as Redis 7.0 builds them from its configuration
 * (checked on the real server in the tests):
 * - with `aclfile`, the users are the file's `user` lines; a file without a `default` line leaves the
 *   built-in `default` user on with no password and every command, and `requirepass` is then ignored;
 *   a line that is not a `user` line, a repeated user, or `user` directives in redis.conf beside an
 *   ACL file stop the server from starting;
 * - without it, the `user` directives of redis.conf and of the command line (each starting from a
 *   reset user), and a built-in `default` user that `requirepass` gives a password.
 */
import { basename } from "node:path";
import { shellWords } from "./redis-config";
import { ServerConfig } from "./redis-server";

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
    /** A file or value the users depend on is outside the program or not known yet. */
    | { state: "unknown"; reason: string };

const BUILT_IN_DEFAULT = ["on", "nopass", "~*", "&*", "+@all"];

/** The built-in default user, with requirepass's password when one is set. */
function builtInDefault(config: ServerConfig): ServerUser {
    const requirepass = config.directives.get("requirepass");
    const password = requirepass?.args[0];
    if (requirepass && password) return { name: "default", rules: ["on", `>${password}`, "~*", "&*", "+@all"], source: requirepass.source };
    return { name: "default", rules: BUILT_IN_DEFAULT, source: "Redis's built-in default user (no requirepass)" };
}

function withDefault(users: ServerUser[], config: ServerConfig, useRequirepass: boolean): ServerUser[] {
    if (users.some((u) => u.name === "default")) return users;
    const builtIn = useRequirepass ? builtInDefault(config) : { name: "default", rules: BUILT_IN_DEFAULT, source: "Redis's built-in default user (the ACL file has no default line)" };
    return [builtIn, ...users];
}

/** The `user` lines of an ACL file, or why Redis refuses the file. */
function aclFileUsers(text: string, source: string): ServerUser[] | string {
    const users: ServerUser[] = [];
    const lines = text.split(/\r?\n/);
    for (const [i, line] of lines.entries()) {
        if (line.trim() === "") continue;
        const [keyword, name, ...rules] = shellWords(line);
        if (keyword !== "user" || !name) return `line ${i + 1} of ${source} is not a "user <name> ..." line`;
        if (users.some((u) => u.name === name)) return `user "${name}" appears twice in ${source}`;
        users.push({ name, rules, source: `${source} line ${i + 1}` });
    }
    return users;
}

/** The users of a server container, from its configuration and mounted files. */
export function serverUsersOf(config: ServerConfig): ServerUsers {
    const userDirectives = config.all.filter((d) => d.name === "user");
    const aclfile = config.directives.get("aclfile");
    if (!aclfile) {
        if (!config.complete) return { state: "unknown", reason: "part of its configuration is outside the program or not known yet" };
        const users = userDirectives.map((d) => ({ name: d.args[0] ?? "", rules: d.args.slice(1), source: d.source }));
        return { state: "known", users: withDefault(users, config, true) };
    }
    if (userDirectives.length > 0) return { state: "does not start", reason: `it defines users both in ${userDirectives[0].source} and in an ACL file` };
    const path = aclfile.args[0] ?? "";
    const file = config.files.find((f) => f.key === basename(path));
    if (!file) return { state: "unknown", reason: `its ACL file ${path} (${aclfile.source}) is not a mounted ConfigMap or Secret key of the program` };
    const users = aclFileUsers(file.text, file.source);
    return typeof users === "string" ? { state: "does not start", reason: users } : { state: "known", users: withDefault(users, config, false) };
}

/** True when a rule sets a password written out where it was found: `>secret` outside a Secret, not a `$(VAR)`/`$VAR` reference. */
export function literalPasswordRule(rule: string, source: string): boolean {
    return rule.startsWith(">") && rule.length > 1 && !source.startsWith('Secret "') && !rule.includes("$");
}
