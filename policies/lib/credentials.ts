import { parseConfigFile, shellWords } from "./redis-config";

/**
 * Recognises Redis credentials in command lines, environment and files. Every function returns what
 * KIND of credential it found and where, never the value, so that no message can leak a secret.
 */

/** Options of redis-server, redis-cli and redis_exporter that take a password as their value. */
const PASSWORD_OPTIONS = new Set(["--requirepass", "--masterauth", "-a", "--pass", "--password", "--redis.password"]);
const URI_WITH_PASSWORD = /\b(rediss?|valkeys?):\/\/[^\s:@/]*:[^\s@/]+@/i;
const PASSWORD_NAME = /pass(word)?|secret|credential|auth|token/i;
const FILE_REFERENCE = /[-_.]?(file|path|dir)$/i;

/** True for names such as `REDIS_PASSWORD` or `requirepass`, but not `REDIS_PASSWORD_FILE`. */
export function isPasswordName(name: string): boolean {
    return PASSWORD_NAME.test(name) && !FILE_REFERENCE.test(name);
}

/** The credential-bearing options among command words, such as `--requirepass` or a `redis://user:pass@` URI. */
export function passwordOptions(words: readonly string[]): string[] {
    return words.flatMap((word, i) => {
        const option = word.split("=")[0].toLowerCase();
        if (PASSWORD_OPTIONS.has(option) && (word.includes("=") || i + 1 < words.length)) return [option];
        if (URI_WITH_PASSWORD.test(word)) return ["a URI with a password"];
        if (word.startsWith(">") && word.length > 1) return ["an ACL password rule (>...)"];
        return [];
    });
}

/** A literal value: not empty and not a reference that the shell or kubelet expands from elsewhere. */
function isLiteral(value: string | undefined): boolean {
    return value !== undefined && value !== "" && !value.startsWith("$");
}

/**
 * Credentials written into a file: `requirepass`/`masterauth` with a value, ACL `user` lines with a
 * password or hash, URIs with a password, `NAME=value` assignments of password-like names, and
 * password options given a literal value in a script.
 */
export function credentialsInText(text: string, source: string): string[] {
    const found: string[] = [];
    for (const directive of parseConfigFile(text, source)) {
        if ((directive.name === "requirepass" || directive.name === "masterauth") && isLiteral(directive.args[0])) {
            found.push(`${directive.source} sets ${directive.name}`);
        }
        if (directive.name === "user" && directive.args.some((rule) => /^[>#]./.test(rule))) {
            found.push(`${directive.source} gives ACL user "${directive.args[0] ?? ""}" a password or password hash`);
        }
    }
    text.split(/\r?\n/).forEach((line, i) => {
        const where = `${source} line ${i + 1}`;
        if (URI_WITH_PASSWORD.test(line)) found.push(`${where} holds a URI with a password`);
        const words = shellWords(line.replace(/^\s*export\s+/, ""));
        for (const [j, word] of words.entries()) {
            const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(word);
            if (assignment && isPasswordName(assignment[1]) && isLiteral(assignment[2])) found.push(`${where} assigns ${assignment[1]}`);
            if (PASSWORD_OPTIONS.has(word.toLowerCase()) && isLiteral(words[j + 1])) found.push(`${where} passes ${word.toLowerCase()} a literal password`);
        }
    });
    return [...new Set(found)];
}
