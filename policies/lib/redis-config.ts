import { argvOf } from "./kubernetes";

/** One Redis configuration directive, and where it was found (never its value, for messages). */
export interface Directive {
    name: string;
    args: string[];
    source: string;
}

/** Splits a line into words as a POSIX shell (and Redis's config reader) would: quotes group, backslashes escape. */
export function shellWords(text: string): string[] {
    const words: string[] = [];
    let word: string | undefined;
    let quote: string | undefined;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quote) {
            if (ch === quote) quote = undefined;
            else if (ch === "\\" && quote === '"' && i + 1 < text.length) word += text[++i];
            else word += ch;
        } else if (ch === "'" || ch === '"') {
            quote = ch;
            word = word ?? "";
        } else if (ch === "\\" && i + 1 < text.length) {
            word = (word ?? "") + text[++i];
        } else if (/\s/.test(ch)) {
            if (word !== undefined) words.push(word);
            word = undefined;
        } else {
            word = (word ?? "") + ch;
        }
    }
    if (word !== undefined) words.push(word);
    return words;
}

/** The directives of a redis.conf text, one per non-comment line. */
export function parseConfigFile(text: string, source: string): Directive[] {
    return text.split(/\r?\n/).flatMap((line, i) => {
        const trimmed = line.trim();
        if (trimmed === "" || trimmed.startsWith("#")) return [];
        const [name, ...args] = shellWords(trimmed);
        return name ? [{ name: name.toLowerCase(), args, source: `${source} line ${i + 1}` }] : [];
    });
}

const SHELLS = /(^|\/)(sh|bash|ash|dash|zsh)$/;
const SERVER = /(^|\/)(redis|valkey)-(server|sentinel)$/;
const SHELL_OPERATORS = new Set(["&&", "||", ";", "|", "&"]);

/**
 * Every word a container runs with: its command and args, plus the words of any `sh -c` script among
 * them, since those reach the process list just the same.
 */
export function commandWords(container: Record<string, any>): string[] {
    const argv = argvOf(container);
    const scriptIndex = SHELLS.test(argv[0] ?? "") ? argv.indexOf("-c") + 1 : 0;
    const script = scriptIndex > 0 ? argv[scriptIndex] : undefined;
    return script === undefined ? argv : [...argv.slice(0, scriptIndex), ...shellWords(script), ...argv.slice(scriptIndex + 1)];
}

/**
 * The directives on redis-server's command line (`--tls-port 6379 --port 0`). Words before the first
 * `--` option (the binary and a config file path) are skipped. The official images pass args that start
 * with `-` straight to redis-server, so args without an explicit binary count too.
 */
export function commandLineDirectives(container: Record<string, any>, source: string): Directive[] {
    const words = commandWords(container);
    const server = words.findIndex((w) => SERVER.test(w));
    const start = server >= 0 ? server + 1 : 0;
    const end = words.findIndex((w, i) => i >= start && SHELL_OPERATORS.has(w));
    const serverWords = words.slice(start, end < 0 ? undefined : end);
    const directives: Directive[] = [];
    for (const word of serverWords) {
        if (word.startsWith("--")) directives.push({ name: word.slice(2).toLowerCase(), args: [], source });
        else directives.at(-1)?.args.push(word);
    }
    return directives;
}
