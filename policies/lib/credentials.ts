import { parse } from "shell-quote";
import { ConfigRejected, parseConfig } from "./redis-config";

/**
 * Recognises Redis credentials in command lines, environment and files. Every function returns what
 * KIND of credential it found and where, never the value, so that no message can leak a secret.
 */

/** Options of redis-server, redis-cli and redis_exporter that take a password as their value. */
const PASSWORD_OPTIONS = new Set(["--requirepass", "--masterauth", "-a", "--pass", "--password", "--redis.password"]);
/** A Redis URI's user-info password: `rediss://user:password@host`. */
const URI_PASSWORD = /\b(?:rediss?|valkeys?):\/\/[^\s:@/]*:([^\s@/]+)@/gi;
/** The last word of a name that holds a password: `REDIS_PASSWORD`, `REDISCLI_AUTH`, `requirepass`, `redis.password`. */
const PASSWORD_WORDS = new Set([
    "password",
    "passwd",
    "pass",
    "pwd",
    "secret",
    "token",
    "auth",
    "authtoken",
    "requirepass",
    "masterauth",
    "credential",
    "credentials",
]);
/** Values that are switches, not passwords: `REDIS_TLS_AUTH_CLIENTS=yes`. */
const SWITCH_VALUES = /^(yes|no|true|false|on|off|enabled?|disabled?|optional|none|null|nil|-)$/i;
/** References that a template engine, shell or the kubelet fills in: `{{ .Values.redis.password }}`, `${PASS}`, `$(PASS)`, `<password>`. */
const PLACEHOLDER = /^(\{\{.*\}\}|\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_][A-Za-z0-9_]*|<[^<>]+>|%[A-Za-z_]+%|__[A-Z0-9_]+__)$/s;

/** The words of a name, split at `_`, `-`, `.` and camelCase: `redisPassword` is `redis`, `password`. */
function nameWords(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .split(/[\s_.-]+/)
        .filter((w) => w !== "")
        .map((w) => w.toLowerCase());
}

/**
 * True for names such as `REDIS_PASSWORD`, `REDISCLI_AUTH` or `requirepass`, whose last word names a
 * password, but not `REDIS_PASSWORD_FILE`, `AUTH_SECRET_NAME` or `TOKEN_TTL_SECONDS`, which name
 * something about one.
 */
export function isPasswordName(name: string): boolean {
    return PASSWORD_WORDS.has(nameWords(name).at(-1) ?? "");
}

/** A value shaped like a literal password: not empty, not a switch such as `yes`, not a placeholder filled in elsewhere. */
export function isPasswordValue(value: string | undefined): boolean {
    const trimmed = value
        ?.trim()
        .replace(/^(['"])(.*)\1$/s, "$2")
        .trim();
    return trimmed !== undefined && trimmed !== "" && !SWITCH_VALUES.test(trimmed) && !PLACEHOLDER.test(trimmed);
}

/** True when the text holds a Redis URI with a literal password (not a `$(VAR)` or `${VAR}` filled in elsewhere). */
export function hasUriPassword(text: string): boolean {
    return [...text.matchAll(URI_PASSWORD)].some((match) => isPasswordValue(decodeURIComponentSafe(match[1])));
}

function decodeURIComponentSafe(text: string): string {
    try {
        return decodeURIComponent(text);
    } catch {
        return text;
    }
}

/**
 * What carries a password in a Redis command a client sends: `AUTH [user] password`, `HELLO ... AUTH user
 * password`, `CONFIG SET requirepass|masterauth value`, `ACL SETUSER name ... >password`. Undefined for none.
 */
export function commandPassword(command: readonly string[]): string | undefined {
    const [name, ...args] = command.map((w) => w.toLowerCase());
    if (name === "auth" && args.length > 0 && isPasswordValue(command.at(-1))) return "AUTH with a password";
    if (name === "hello" && args.includes("auth")) return "HELLO AUTH with a password";
    if (name === "config" && args[0] === "set") {
        const pairs = command.slice(2);
        const set = pairs.filter((_, i) => i % 2 === 0).map((n, i) => [n.toLowerCase(), pairs[2 * i + 1]] as const);
        const secret = set.find(([n, v]) => (n === "requirepass" || n === "masterauth") && isPasswordValue(v));
        if (secret) return `CONFIG SET ${secret[0]}`;
    }
    if (name === "acl" && args[0] === "setuser" && command.slice(3).some((rule) => rule.startsWith(">") && rule.length > 1))
        return "ACL SETUSER with a password";
    return undefined;
}

/** The credential-bearing options among command words, such as `--requirepass` or a `redis://user:pass@` URI. */
export function passwordOptions(words: readonly string[]): string[] {
    return words.flatMap((word, i) => {
        const option = word.split("=")[0].toLowerCase();
        if (PASSWORD_OPTIONS.has(option) && (word.includes("=") || i + 1 < words.length)) return [option];
        if (hasUriPassword(word)) return ["a URI with a password"];
        if (word.startsWith(">") && word.length > 1) return ["an ACL password rule (>...)"];
        return [];
    });
}

/** A `NAME=value` shell assignment, or a `name: value` / `NAME:value` YAML or properties line. */
const ASSIGNMENT_LINE = /^\s*(?:export\s+)?["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(=|:)\s*(.*?)\s*$/;

function configDirectives(text: string, source: string) {
    try {
        return parseConfig(text, source, () => ({ unread: "an included file" }));
    } catch (error) {
        if (error instanceof ConfigRejected) return [];
        throw error;
    }
}

/** Password-named fields with a password-shaped string value in a JSON document, by their path; none when the text is not JSON. */
function jsonPasswordFields(text: string): string[] {
    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch {
        return [];
    }
    const walk = (value: unknown, path: string[]): string[] => {
        if (value === null || typeof value !== "object") return [];
        return Object.entries(value).flatMap(([key, field]) =>
            typeof field === "string" && isPasswordName(key) && isPasswordValue(field)
                ? [[...path, key].join(".")]
                : walk(field, [...path, key]),
        );
    };
    return walk(document, []);
}

/**
 * Credentials written into a file: `requirepass`/`masterauth` with a value, ACL `user` lines with a
 * password or hash, URIs with a password, password-named `NAME=value`, `name: value` and `NAME:value`
 * lines and JSON fields with a password-shaped value, and password options given a literal value in a script.
 */
export function credentialsInText(text: string, source: string): string[] {
    const found = jsonPasswordFields(text).map((path) => `${source} field ${path} holds a password`);
    for (const directive of configDirectives(text, source)) {
        if (!("name" in directive)) continue;
        if ((directive.name === "requirepass" || directive.name === "masterauth") && isPasswordValue(directive.args[0])) {
            found.push(`${directive.source} sets ${directive.name}`);
        }
        if (directive.name === "user" && directive.args.some((rule) => /^[>#]./.test(rule))) {
            found.push(`${directive.source} gives ACL user "${directive.args[0] ?? ""}" a password or password hash`);
        }
    }
    text.split(/\r?\n/).forEach((line, i) => {
        const where = `${source} line ${i + 1}`;
        if (hasUriPassword(line)) found.push(`${where} holds a URI with a password`);
        const assignment = ASSIGNMENT_LINE.exec(line);
        if (assignment && isPasswordName(assignment[1]) && isPasswordValue(assignment[3].replace(/\s+#.*$/, "")))
            found.push(`${where} assigns ${assignment[1]}`);
        const words = parse(line, (name: string) => `$${name}`).filter((w): w is string => typeof w === "string");
        words.forEach((word, j) => {
            if (PASSWORD_OPTIONS.has(word.toLowerCase()) && isPasswordValue(words[j + 1]))
                found.push(`${where} passes ${word.toLowerCase()} a literal password`);
        });
    });
    return [...new Set(found)];
}
