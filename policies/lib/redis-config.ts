/**
 * How redis-server reads its configuration, ported from Redis 7.0 (`sdssplitargs` in src/sds.c,
 * `main` and `loadServerConfigFromString` in src/server.c and src/config.c): the argv, the config
 * file with its includes, and which line takes effect. Directive values never reach messages.
 */

import type { Known } from "./kubelet";

/** One configuration directive, and where it was found. */
export interface Directive {
    name: string;
    args: string[];
    source: string;
}

/** A stretch of configuration the gate cannot read (a file baked into the image, stdin, an unknown value). */
export interface UnreadConfig {
    unread: string;
    /** The one directive it can set, when that is known (a value not known before deployment). */
    only?: string;
}

/** The configuration in the order Redis applies it: a later directive of the same name wins. */
export type ConfigEntry = Directive | UnreadConfig;

/** Why redis-server would refuse to start with this configuration. */
export class ConfigRejected extends Error {}

const SPACE = /[ \t\n\r\v\f]/;
const HEX = /^[0-9a-fA-F]{2}$/;
const ESCAPES: Record<string, string> = { n: "\n", r: "\r", t: "\t", b: "\b", a: "\x07" };

/**
 * Splits a line into arguments exactly as Redis's `sdssplitargs` does: "double quotes" with
 * backslash escapes (`\n`, `\xHH`, ...), 'single quotes' with only `\'`, a backslash outside quotes
 * is an ordinary character, and a closing quote must be followed by a space. Undefined when Redis
 * rejects the line (unbalanced quotes).
 */
export function splitArgs(line: string): string[] | undefined {
    const args: string[] = [];
    let i = 0;
    for (;;) {
        while (i < line.length && SPACE.test(line[i])) i++;
        if (i >= line.length) return args;
        let current = "";
        let quote: '"' | "'" | undefined;
        for (let done = false; !done; i++) {
            const ch = line[i];
            if (quote) {
                if (ch === undefined) return undefined;
                if (ch === quote) {
                    if (i + 1 < line.length && !SPACE.test(line[i + 1])) return undefined;
                    done = true;
                } else if (quote === '"' && ch === "\\" && line[i + 1] === "x" && HEX.test(line.slice(i + 2, i + 4))) {
                    current += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
                    i += 3;
                } else if (quote === '"' && ch === "\\" && i + 1 < line.length) {
                    i++;
                    current += ESCAPES[line[i]] ?? line[i];
                } else if (quote === "'" && ch === "\\" && line[i + 1] === "'") {
                    i++;
                    current += "'";
                } else current += ch;
            } else if (ch === undefined || SPACE.test(ch)) {
                done = true;
            } else if (ch === '"' || ch === "'") {
                quote = ch;
            } else current += ch;
        }
        args.push(current);
    }
}

/** Reads a file the server names (config file or include), or says why the gate cannot. */
export type ConfigFileReader = (path: string) => { text: string; source: string } | UnreadConfig;

/** Configs that take exactly one argument; Redis refuses another count. The ones the rules read. */
const SINGLE_ARGUMENT = new Set([
    "protected-mode",
    "port",
    "tls-port",
    "requirepass",
    "masterauth",
    "aclfile",
    "tls-auth-clients",
    "tls-replication",
    "tls-cluster",
]);
const GLOB = /[*?[]/;
const MAX_INCLUDE_DEPTH = 16;

/**
 * The entries of a configuration text, as `loadServerConfigFromString` reads it: one directive per
 * line (trimmed, `#` comments skipped, the name lower-cased), `include` expanded in place.
 * Throws ConfigRejected where Redis would refuse to start.
 */
export function parseConfig(text: string, source: string, read: ConfigFileReader, depth = 0, numbered = true): ConfigEntry[] {
    const entries: ConfigEntry[] = [];
    text.split("\n").forEach((raw, i) => {
        const line = raw.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
        if (line === "" || line.startsWith("#")) return;
        const where = numbered ? `${source} line ${i + 1}` : source;
        const args = splitArgs(line);
        if (args === undefined) throw new ConfigRejected(`${where}: unbalanced quotes`);
        if (args.length === 0) return;
        const [name, ...values] = [args[0].toLowerCase(), ...args.slice(1)];
        if (SINGLE_ARGUMENT.has(name) && values.length !== 1) throw new ConfigRejected(`${where}: ${name} takes one argument`);
        if (name === "include" && values.length === 1) entries.push(...readFile(values[0], read, depth + 1));
        else entries.push({ name, args: values, source: where });
    });
    return entries;
}

function readFile(path: string, read: ConfigFileReader, depth: number): ConfigEntry[] {
    if (depth > MAX_INCLUDE_DEPTH) throw new ConfigRejected(`includes nested deeper than ${MAX_INCLUDE_DEPTH}`);
    if (GLOB.test(path)) return [{ unread: `the config files matching ${path}` }];
    const file = read(path);
    return "unread" in file ? [file] : parseConfig(file.text, file.source, read, depth);
}

/** Stands for an argv word not known before deployment while the options are parsed. */
const UNKNOWN_WORD = "\u0000unknown";

/**
 * The configuration redis-server builds from its argv (argv[0] is the binary), as Redis 7.0's `main`
 * does: a first argument not starting with `-` is the config file; every `--name` word starts a new
 * line made of the word itself (so `"--protected-mode no"` in one word is a whole directive); the
 * words after it are appended quoted, as its values; a lone `-` first or last reads stdin. The
 * options come after the file, so they win. A word that is not known (UNKNOWN) leaves its directive
 * unread when it is a value; anywhere else it could be any option, so everything from it on is unread.
 * `stdin` is the text the server reads for `-`, when the script that starts it gives it; otherwise unread.
 */
export function serverArgvConfig(
    argv: readonly Known<string>[],
    read: ConfigFileReader,
    source: string,
    stdin?: Known<string>,
): ConfigEntry[] {
    const args = argv.slice(1);
    const entries: ConfigEntry[] = [];
    const unknownFrom: UnreadConfig[] = [];
    let j = 0;
    if (typeof args[0] === "string" && !args[0].startsWith("-")) {
        entries.push(...readFile(args[0], read, 0));
        j = 1;
    }
    const lines: string[] = [];
    let lastHasValue = true;
    for (; j < args.length; j++) {
        const word = args[j];
        if (typeof word !== "string") {
            if (lastHasValue) {
                unknownFrom.push({ unread: `${source}, from a word not known before deployment` });
                break;
            }
            lines[lines.length - 1] += `${quoted(UNKNOWN_WORD)} `;
            lastHasValue = true;
        } else if (word === "-" && (j === 0 || j === args.length - 1)) {
            entries.push(
                ...(typeof stdin === "string"
                    ? parseConfig(stdin, `the configuration piped into ${source}`, read, 0)
                    : [{ unread: "configuration read from stdin" }]),
            );
        } else if (lastHasValue && word.startsWith("--")) {
            lines.push(`${word.slice(2)} `);
            lastHasValue = (splitArgs(word) ?? []).length !== 1;
            const next = args[j + 1];
            if (
                !lastHasValue &&
                word.toLowerCase() === "--save" &&
                (next === undefined || (typeof next === "string" && next.startsWith("--")))
            ) {
                lines[lines.length - 1] += '""';
                lastHasValue = true;
            }
        } else {
            if (lines.length === 0) lines.push("");
            lines[lines.length - 1] += `${quoted(word)} `;
            lastHasValue = true;
        }
    }
    const options = parseConfig(lines.join("\n"), source, read, 0, false).map((entry): ConfigEntry =>
        "name" in entry && entry.args.includes(UNKNOWN_WORD)
            ? { unread: `the value of ${entry.name} on ${source}, not known before deployment`, only: entry.name }
            : entry,
    );
    return [...entries, ...options, ...unknownFrom];
}

/** A value as Redis's `sdscatrepr` writes it: double-quoted, with escapes that `splitArgs` reads back. */
function quoted(value: string): string {
    const body = [...value]
        .map((ch) => {
            if (ch === "\\" || ch === '"') return `\\${ch}`;
            const escape = Object.entries(ESCAPES).find(([, v]) => v === ch);
            if (escape) return `\\${escape[0]}`;
            const code = ch.charCodeAt(0);
            return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, "0")}` : ch;
        })
        .join("");
    return `"${body}"`;
}

/** The directive that takes effect for `name`: the last one, unless an unread stretch follows it. Undefined: Redis's default. */
export function effectiveDirective(entries: readonly ConfigEntry[], name: string): Directive | UnreadConfig | undefined {
    for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if ("unread" in entry ? (entry.only ?? name) === name : entry.name === name) return entry;
    }
    return undefined;
}
