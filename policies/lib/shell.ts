/**
 * The programs a container's argv ends up running when it starts a POSIX shell (`sh -c`, `-ec`,
 * `bash -lc`, a script file): the script's simple commands, with variables from the environment,
 * earlier assignments, `case` branches and positional parameters. Words come from `shell-quote`.
 * Unquoted expansions are split into words at blanks. Not modelled (their commands come out with
 * UNKNOWN words): loops, functions, globbing, here-documents, and command substitution other than
 * `$(command -v NAME ...)`. The output of `cat`, `echo` and `printf` (a format without `%`) is followed
 * into the stdin of the command they pipe into.
 */
import { parse } from "shell-quote";
import { Known } from "./kubelet";
import { UNKNOWN, isUnknown } from "./known-values";

/**
 * A command the container may run: its words, any of which may be UNKNOWN, and what the script feeds its
 * stdin when that is modelled (a pipe from `cat`, `echo` or `printf`, or a `{ ...; }` group of them, or `< file`).
 */
export type Invocation = Known<string>[] & { stdin?: Known<string> };

/** Reads a script file the shell is given; UNKNOWN when the gate cannot see it. */
export type ScriptReader = (path: string) => Known<string>;

const SHELL = /^(sh|bash|ash|dash|zsh|ksh|busybox-sh)$/;
const OPTION_WITH_VALUE = new Set(["-o", "+o", "-O", "+O", "--rcfile", "--init-file"]);
/** Programs that run the rest of their argv, and how many of their own words to skip. */
const WRAPPERS: Record<string, (words: Invocation) => number> = {
    exec: (w) => 1 + (w[1] === "-a" ? 2 : 0),
    command: (w) => 1 + (w[1] === "-p" ? 1 : 0),
    nice: (w) => (w[1] === "-n" ? 3 : 1),
    gosu: () => 2,
    "su-exec": () => 2,
    env: (w) => 1 + skipWhile(w.slice(1), (x) => typeof x === "string" && (x.startsWith("-") || x.includes("="))),
    tini: (w) => 1 + skipUntilDashes(w),
    "dumb-init": (w) => 1 + skipUntilDashes(w),
};
const KEYWORDS = new Set(["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done", "time"]);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
const MAX_DEPTH = 4;
const MAX_WORLDS = 16;

function skipWhile(words: Invocation, test: (word: Known<string>) => boolean): number {
    const index = words.findIndex((w) => !test(w));
    return index < 0 ? words.length : index;
}

function skipUntilDashes(words: Invocation): number {
    const flags = skipWhile(words.slice(1), (x) => typeof x === "string" && x.startsWith("-") && x !== "--");
    return flags + (words[1 + flags] === "--" ? 1 : 0);
}

export function baseName(word: Known<string>): string | undefined {
    return typeof word === "string" ? word.split("/").pop() : undefined;
}

/** The invocation with wrappers such as `exec`, `env X=1` or `gosu redis` taken off. */
export function unwrap(words: Invocation): Invocation {
    let rest = words;
    for (let name = baseName(rest[0]); name !== undefined && name in WRAPPERS && rest.length > 1; name = baseName(rest[0])) {
        rest = rest.slice(WRAPPERS[name](rest));
    }
    return rest;
}

/**
 * Every command the argv may run: the argv itself, or, for a shell, each command of its script in
 * every branch. `env` holds the variables the process starts with.
 */
export function commandsRun(argv: Invocation, env: ReadonlyMap<string, Known<string>>, readScript: ScriptReader, depth = 0): Invocation[] {
    const words = unwrap(argv);
    const program = baseName(words[0]);
    if (program === undefined || !SHELL.test(program) || depth > MAX_DEPTH) return [words];
    let i = 1;
    let inline = false;
    for (; i < words.length; i++) {
        const word = words[i];
        if (isUnknown(word)) return [[UNKNOWN]];
        if (word === "--" || word === "-") {
            i++;
            break;
        }
        if (!/^[-+]/.test(word)) break;
        if (OPTION_WITH_VALUE.has(word)) i++;
        else if (/^-[A-Za-z]*c[A-Za-z]*$/.test(word)) inline = true;
    }
    const operand = words[i];
    if (operand === undefined && !inline) return [[UNKNOWN]];
    if (isUnknown(operand)) return [[UNKNOWN]];
    const script = inline ? operand : readScript(operand);
    if (isUnknown(script)) return [[UNKNOWN]];
    // After `-c SCRIPT` the next word is $0; after a script file, the file is $0.
    const positional = words.slice(i + (inline ? 2 : 1));
    return scriptCommands(script, env, positional, readScript, depth);
}

type Token = string | { op: string };

/** Text joined where either part may be UNKNOWN. */
function concat(a: Known<string>, b: Known<string>): Known<string> {
    return isUnknown(a) || isUnknown(b) ? UNKNOWN : a + b;
}

/** printf's escapes in a format without conversions; UNKNOWN for a format with `%`. */
function printfText(format: string): Known<string> {
    if (format.includes("%")) return UNKNOWN;
    const escapes: Record<string, string> = { n: "\n", r: "\r", t: "\t", "\\": "\\" };
    return format.replace(/\\([nrt\\])/g, (_, ch: string) => escapes[ch]);
}

/** What `cat`, `echo` or `printf` writes to stdout, its files read through `readScript`; UNKNOWN for any other program. */
function outputOf(words: Invocation, stdin: Known<string> | undefined, readScript: ScriptReader): Known<string> {
    const [program, ...args] = unwrap(words);
    if (args.some(isUnknown)) return UNKNOWN;
    const text = args as string[];
    switch (baseName(program)) {
        case "echo":
            return text[0] === "-n" ? text.slice(1).join(" ") : `${text.join(" ")}\n`;
        case "printf":
            return text.length === 1 ? printfText(text[0]) : UNKNOWN;
        case "cat":
            return text.length === 0
                ? (stdin ?? UNKNOWN)
                : text.map((file) => (file === "-" ? (stdin ?? UNKNOWN) : readScript(file))).reduce<Known<string>>(concat, "");
        default:
            return UNKNOWN;
    }
}

/** A shell state: the variables set so far in one branch of the script. */
type World = Map<string, Known<string>>;

/** Splits a script into lines at newlines that are outside quotes and not escaped. */
function logicalLines(script: string): string[] {
    const lines: string[] = [];
    let current = "";
    let quote: string | undefined;
    for (let i = 0; i < script.length; i++) {
        const ch = script[i];
        if (ch === "\\" && quote !== "'" && i + 1 < script.length) {
            if (script[i + 1] !== "\n") current += ch + script[i + 1];
            i++;
            continue;
        }
        if (quote ? ch === quote : ch === "'" || ch === '"') quote = quote ? undefined : ch;
        if (ch === "\n" && !quote) {
            lines.push(current);
            current = "";
        } else current += ch;
    }
    return [...lines, current];
}

/* eslint-disable no-control-regex -- from here on, expansions in words are marked with the control characters U+0000 to U+0002. */
const MARK = /\u0000([^\u0001]*)\u0001/g;
/** Marks a variable expanded outside quotes, whose value the shell splits into words. */
const SPLIT = "\u0002";

/**
 * Walks a line as the shell quotes it (backslash escapes, single quotes that stop expansion, double quotes
 * that do not) and lets `expand` rewrite each `$` expansion: it gets the text from the `$` on and the open
 * quote, and returns the replacement and how many characters it replaces, or undefined to keep them.
 */
function rewriteExpansions(line: string, expand: (rest: string, quote: string | undefined) => [string, number] | undefined): string {
    let out = "";
    let quote: string | undefined;
    for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (ch === "\\" && quote !== "'") {
            out += ch + (line[++i] ?? "");
            continue;
        }
        if (quote ? ch === quote : ch === "'" || ch === '"') quote = quote ? undefined : ch;
        const rewritten = ch === "$" && quote !== "'" ? expand(line.slice(i), quote) : undefined;
        if (rewritten) {
            out += rewritten[0];
            i += rewritten[1] - 1;
        } else out += ch;
    }
    return out;
}

/** The line with each unquoted `$NAME` / `${NAME}` rewritten as `${NAME<SPLIT>}`, for `shell-quote` to hand back marked. */
function markUnquoted(line: string): string {
    return rewriteExpansions(line, (rest, quote) => {
        const name = quote ? null : /^\$(?:\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*|[0-9@*#]))/.exec(rest);
        return name ? [`\${${name[1] ?? name[2]}${SPLIT}}`, name[0].length] : undefined;
    });
}

/** A variable no script sets: the value of an expansion the model does not compute, which is therefore unknown. */
const UNREAD_EXPANSION = "${__unread_expansion__}";

/**
 * Replaces parameter expansions with an operator (`${a:-b}`, `${a%:*}`, `${#a}`), nested ones included,
 * by an unknown value: shell-quote cannot parse them, and their value is not modelled.
 */
function withoutOperatorExpansions(line: string): string {
    return rewriteExpansions(line, (rest) => {
        if (!rest.startsWith("${") || /^\$\{([A-Za-z_][A-Za-z0-9_]*|[0-9@*#])\}/.test(rest)) return undefined;
        let depth = 0;
        for (let end = 0; end < rest.length; end++) {
            if (rest.startsWith("${", end)) depth++;
            else if (rest[end] === "}" && --depth === 0) return [UNREAD_EXPANSION, end + 1];
        }
        return [UNREAD_EXPANSION, rest.length];
    });
}

function lineTokens(line: string): Token[] {
    try {
        return parse(markUnquoted(withoutOperatorExpansions(line)), (name: string) => `\u0000${name}\u0001`).flatMap((entry): Token[] => {
            if (typeof entry === "string") return [entry];
            if ("comment" in entry) return [];
            return entry.op === "glob" ? [(entry as { pattern: string }).pattern] : [{ op: entry.op }];
        });
    } catch {
        // A line shell-quote cannot read runs a command the model cannot know.
        return ["\u0000__unread_expansion__\u0001"];
    }
}

function tokens(script: string): Token[] {
    return logicalLines(script).flatMap((line) => [...lineTokens(line), { op: "\n" }]);
}

function scriptCommands(
    script: string,
    env: ReadonlyMap<string, Known<string>>,
    positional: Invocation,
    readScript: ScriptReader,
    depth: number,
): Invocation[] {
    const run: Invocation[] = [];
    let worlds: World[] = [new Map()];
    const cases: { base: World[]; done: World[][] }[] = [];
    let expectPattern = false;
    let segment: string[] = [];
    const lookup = (world: World, name: string): Known<string> | string[] => {
        if (name === "@" || name === "*") return positional.some(isUnknown) ? UNKNOWN : (positional as string[]);
        if (/^\d+$/.test(name)) return positional[Number(name) - 1] ?? "";
        if (name === "#") return String(positional.length);
        return world.has(name) ? world.get(name)! : env.has(name) ? env.get(name)! : UNKNOWN;
    };
    const resolve = (world: World, word: string): Invocation => {
        const whole = /^\u0000([^\u0001]*)\u0001$/.exec(word);
        if (whole && /^[@*]\u0002?$/.test(whole[1])) {
            const value = lookup(world, whole[1][0]);
            return Array.isArray(value) ? value : [value];
        }
        const split = word.includes(SPLIT);
        if (word.includes("`")) return [UNKNOWN];
        const substituted = word.replace(/\u0000\u0001\(([^)]*)\)/g, (_, inner: string) => {
            const found = /^\s*(?:command\s+-v|which)\s+(\S+)/.exec(inner);
            return found ? found[1] : "\u0000\u0001";
        });
        let unknown = false;
        const value = substituted.replace(MARK, (_, marked: string) => {
            const name = marked.replace(SPLIT, "");
            const v = name === "" || /[^A-Za-z0-9_@*#]/.test(name) ? UNKNOWN : lookup(world, name);
            if (isUnknown(v)) unknown = true;
            return Array.isArray(v) ? v.join(" ") : isUnknown(v) ? "" : v;
        });
        if (unknown) return [UNKNOWN];
        return split ? value.split(/[ \t\n]+/).filter((w) => w !== "") : [value];
    };
    /** Per shell state, what a pipe or the `{ ...; }` group being written feeds the next command. */
    const streams = new WeakMap<World, { pipe?: Known<string>; group?: Known<string> }>();
    const execute = (world: World, words: string[], op: string, stdinFile: string | undefined) => {
        const stream = streams.get(world) ?? {};
        streams.set(world, stream);
        const piped = stream.pipe;
        stream.pipe = undefined;
        if (words[0] === "{") stream.group = "";
        if (words[0] === "}") {
            if (op === "|") stream.pipe = stream.group;
            stream.group = undefined;
            return;
        }
        let start = 0;
        while (start < words.length && KEYWORDS.has(words[start])) start++;
        const rest = words.slice(start);
        if (rest[0] === "export" || rest[0] === "readonly" || rest[0] === "local") rest.shift();
        const assignments = rest.slice(
            0,
            skipWhile(rest, (w) => typeof w === "string" && ASSIGNMENT.test(w)),
        );
        const command = rest.slice(assignments.length);
        if (command.length === 0 || ["export", "readonly", "local"].includes(words[start])) {
            for (const assignment of assignments) {
                const [, name, raw] = ASSIGNMENT.exec(assignment)!;
                // No word splitting in an assignment: its parts join again.
                const parts = resolve(world, raw);
                world.set(name, parts.some(isUnknown) ? UNKNOWN : parts.join(" "));
            }
        }
        if (command.length === 0) return;
        const resolved = command.flatMap((w) => resolve(world, w));
        const file = stdinFile === undefined ? undefined : resolve(world, stdinFile);
        const stdin = file === undefined ? piped : file.length === 1 && typeof file[0] === "string" ? readScript(file[0]) : UNKNOWN;
        const invocations = commandsRun(resolved, new Map([...env, ...world]), readScript, depth + 1);
        if (stdin !== undefined) invocations.forEach((invocation) => (invocation.stdin ??= stdin));
        run.push(...invocations);
        if (stream.group !== undefined) stream.group = concat(stream.group, outputOf(resolved, stdin, readScript));
        else if (op === "|") stream.pipe = outputOf(resolved, stdin, readScript);
    };
    let redirecting = false;
    let stdinFile: string | undefined;
    for (const token of tokens(script)) {
        if (typeof token === "string") {
            if (redirecting) stdinFile = token;
            else segment.push(token);
            redirecting = false;
            continue;
        }
        if (token.op === "<") {
            redirecting = true;
            continue;
        }
        const [words, file] = [segment, stdinFile];
        segment = [];
        stdinFile = undefined;
        if (words[0] === "case") {
            cases.push({ base: worlds, done: [] });
            expectPattern = true;
        }
        const open = cases.at(-1);
        if (open && token.op === ")" && expectPattern) {
            if (words[0] !== "case" && worlds !== open.base) open.done.push(worlds);
            worlds = open.base.map((w) => new Map(w));
            expectPattern = false;
            continue;
        }
        if (open && words[0] === "esac") {
            open.done.push(worlds);
            worlds = open.done.flat();
            if (worlds.length > MAX_WORLDS) {
                run.push([UNKNOWN]);
                worlds = worlds.slice(0, MAX_WORLDS);
            }
            cases.pop();
            continue;
        }
        if (words[0] !== "case" && words.length > 0) worlds.forEach((world) => execute(world, words, token.op, file));
        if (token.op === ";;") expectPattern = true;
    }
    return run;
}
