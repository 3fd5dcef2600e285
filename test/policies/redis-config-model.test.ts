import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { quote } from "shell-quote";
import { UNKNOWN, isUnknown } from "../../policies/lib/known-values";
import { ConfigEntry, ConfigRejected, effectiveDirective, serverArgvConfig } from "../../policies/lib/redis-config";
import { commandsRun } from "../../policies/lib/shell";
import { RedisProcess, TempDirs, createTestPki, freePort, sleep } from "../../lab/redis-process";
import { haveCommand, itWhen } from "../support/tools";

/**
 * The model of how redis-server reads its argv and config files, checked against Debian's real
 * redis-server: for each argv and set of files, the settings the model says take effect are the
 * ones CONFIG GET returns from the running server (or both agree the server refuses to start).
 */
const REDIS_INSTALL = "apt-get install redis-server redis-tools";
const run = itWhen(
    haveCommand("redis-server", REDIS_INSTALL) &&
        haveCommand("redis-cli", REDIS_INSTALL) &&
        haveCommand("openssl", "apt-get install openssl", ["version"]),
);

const SETTINGS = ["protected-mode", "port", "tls-port", "requirepass", "aclfile"] as const;
/** Redis 7.0's defaults for the settings, as CONFIG GET reports them. */
const DEFAULTS: Record<(typeof SETTINGS)[number], string> = {
    "protected-mode": "yes",
    port: "6379",
    "tls-port": "0",
    requirepass: "",
    aclfile: "",
};

interface ModelCase {
    title: string;
    /** Files in the case's directory; `{dir}` and `{port}` are filled in. */
    files?: Record<string, string>;
    /** redis-server's argv after the binary, or a shell script that starts it (run with sh -ec). */
    argv?: string[];
    script?: string;
    env?: Record<string, string>;
}

const TLS = ["--tls-cert-file", "{pki}/tls.crt", "--tls-key-file", "{pki}/tls.key", "--tls-ca-cert-file", "{pki}/ca.crt"];

const CASES: ModelCase[] = [
    { title: "Redis's defaults", argv: ["--port", "{port}"] },
    {
        title: 'one argv word "--protected-mode no" after the config file',
        files: { "redis.conf": "protected-mode yes\nport 1\n" },
        argv: ["{dir}/redis.conf", "--protected-mode no", "--port {port}"],
    },
    { title: "--protected-mode and no as two words, name and value in any case", argv: ["--PROTECTED-MODE", "No", "--port", "{port}"] },
    { title: "a newline inside one option word starts another directive", argv: ["--port {port}\nprotected-mode no"] },
    { title: "--save with no value before the next option", argv: ["--save", "--protected-mode", "no", "--port", "{port}"] },
    { title: "a value that starts with -- after an option without one", argv: ["--port", "{port}", "--requirepass", "--not-an-option"] },
    { title: "a value with spaces and quotes stays one value", argv: ["--port", "{port}", "--requirepass", "p \"w' d"] },
    {
        title: "the command line overrides the file",
        files: { "redis.conf": "protected-mode no\nrequirepass from-file\n" },
        argv: ["{dir}/redis.conf", "--protected-mode", "yes", "--port", "{port}"],
    },
    {
        title: "a later line of the file wins",
        files: { "redis.conf": "port {port}\nprotected-mode no\nprotected-mode yes\nprotected-mode no\n" },
        argv: ["{dir}/redis.conf"],
    },
    {
        title: "an include read in place, before the lines after it",
        files: { "redis.conf": "protected-mode no\ninclude {dir}/extra.conf\n", "extra.conf": "protected-mode yes\nport {port}\n" },
        argv: ["{dir}/redis.conf"],
    },
    {
        title: "lines after an include override it",
        files: { "redis.conf": "include {dir}/extra.conf\nprotected-mode no\nport {port}\n", "extra.conf": "protected-mode yes\n" },
        argv: ["{dir}/redis.conf"],
    },
    {
        title: "quoted values with escapes, comments and indentation",
        files: { "redis.conf": '  # comment\n\tprotected-mode "no"\nrequirepass "a b\\x41\\n"\nport {port}\n' },
        argv: ["{dir}/redis.conf"],
    },
    {
        title: "single quotes keep backslashes",
        files: { "redis.conf": "requirepass 'a\\nb\\'c'\nport {port}\n" },
        argv: ["{dir}/redis.conf"],
    },
    {
        title: "a backslash outside quotes is an ordinary character",
        files: { "redis.conf": 'requirepass a\\"b\nport {port}\n' },
        argv: ["{dir}/redis.conf"],
    },
    {
        title: "an ACL file",
        files: { "redis.conf": "aclfile {dir}/users.acl\nport {port}\n", "users.acl": "user default on nopass ~* +@all\n" },
        argv: ["{dir}/redis.conf"],
    },
    { title: "TLS only, from the command line", argv: ["--port", "0", "--tls-port", "{port}", ...TLS] },
    {
        title: "unbalanced quotes: Redis refuses to start",
        files: { "redis.conf": 'protected-mode "no\nport {port}\n' },
        argv: ["{dir}/redis.conf"],
    },
    {
        title: "a quote not followed by a space: Redis refuses to start",
        files: { "redis.conf": 'requirepass "a"b\nport {port}\n' },
        argv: ["{dir}/redis.conf"],
    },
    { title: "two values for protected-mode: Redis refuses to start", argv: ["--port", "{port}", "--protected-mode", "no", "yes"] },
    {
        title: "sh -ec with exec and an environment variable",
        files: { "redis.conf": "protected-mode yes\n" },
        script: 'exec redis-server "$CONF" --port {port} --protected-mode no',
        env: { CONF: "{dir}/redis.conf" },
    },
    {
        title: "a start script with case branches and command -v, as KubernetesRedis writes it",
        files: { "primary.conf": "port {port}\nprotected-mode yes\n", "replica.conf": "port {port}\nprotected-mode no\n" },
        script: 'set -eu\ncase "${HOSTNAME##*-}" in\n  0) conf=primary.conf ;;\n  *) conf=replica.conf ;;\nesac\nserver="$(command -v redis-server || command -v valkey-server)"\nexec "$server" "{dir}/$conf"',
        env: { HOSTNAME: "cache-1" },
    },
    {
        title: "an unquoted variable split into words, a quoted one kept whole",
        script: 'OPTS="$FLAGS"\nexec redis-server $OPTS --requirepass "$PW"',
        env: { FLAGS: "--port {port}  --protected-mode no", PW: "a  b" },
    },
    {
        title: "positional parameters after sh -c's $0",
        script: 'exec redis-server "$@"',
        argv: ["--port", "{port}", "--protected-mode", "no"],
    },
    // The server must be the shell's own process (exec), so stdin comes from a redirect here; the shell model's pipes are tested with the shells.
    {
        title: "redis-server - with stdin redirected from a file",
        files: { "in.conf": "port {port}\nprotected-mode no\n" },
        script: "exec redis-server - < {dir}/in.conf",
    },
    {
        title: "stdin read between the config file and the options",
        files: {
            "redis.conf": "port 1\nprotected-mode no\nrequirepass from-file\n",
            "in.conf": "port {port}\nprotected-mode yes\nrequirepass from-stdin\n",
        },
        script: "exec redis-server {dir}/redis.conf --protected-mode no - < {dir}/in.conf",
    },
];

/** Settings as the model says they take effect, for one way the server starts. */
function modelSettings(entries: ConfigEntry[]): Record<string, string> {
    return Object.fromEntries(
        SETTINGS.map((name) => {
            const directive = effectiveDirective(entries, name);
            if (directive !== undefined && "unread" in directive) throw new Error(`the model could not read ${name}: ${directive.unread}`);
            const value = directive?.args[0] ?? DEFAULTS[name];
            return [name, name === "protected-mode" ? value.toLowerCase() : value];
        }),
    );
}

function configGet(port: number, settings: Record<string, string>, pki: string): Record<string, string> {
    const tls =
        settings["tls-port"] !== "0" ? ["--tls", "--cacert", `${pki}/ca.crt`, "--cert", `${pki}/tls.crt`, "--key", `${pki}/tls.key`] : [];
    const auth = settings.requirepass !== "" ? ["--no-auth-warning", "-a", settings.requirepass] : [];
    return Object.fromEntries(
        SETTINGS.map((name) => {
            const result = spawnSync(
                "redis-cli",
                ["-h", "127.0.0.1", "-p", String(port), ...tls, ...auth, "--raw", "CONFIG", "GET", name],
                { encoding: "utf8", timeout: 10_000 },
            );
            return [name, result.stdout.replace(/\n$/, "").split("\n").slice(1).join("\n")];
        }),
    );
}

describe("the redis-server configuration model against Debian's redis-server", () => {
    const dirs = new TempDirs();
    let pki = "";
    beforeAll(() => {
        if (haveCommand("openssl", "apt-get install openssl", ["version"])) pki = createTestPki(dirs.make("model-pki")).dir;
    });
    afterAll(() => dirs.removeAll());

    run.each(CASES.map((c) => [c.title, c] as const))(
        "%s",
        async (_, c) => {
            const dir = dirs.make("model");
            const port = await freePort();
            const fill = (text: string) => text.replaceAll("{dir}", dir).replaceAll("{port}", String(port)).replaceAll("{pki}", pki);
            for (const [name, text] of Object.entries(c.files ?? {})) fs.writeFileSync(path.join(dir, name), fill(text));
            const env = Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, fill(v)]));
            const args = (c.argv ?? []).map(fill);
            const read = (file: string) => (fs.existsSync(file) ? { text: fs.readFileSync(file, "utf8"), source: file } : { unread: file });

            const argv = c.script === undefined ? ["redis-server", ...args] : ["sh", "-ec", fill(c.script), "sh", ...args];
            const servers = commandsRun(argv, new Map(Object.entries(env)), (file) =>
                fs.existsSync(file) ? fs.readFileSync(file, "utf8") : UNKNOWN,
            ).filter((invocation) => invocation[0] === "redis-server");
            expect(servers.length).toBeGreaterThan(0);
            const alternatives = servers.map((invocation) => {
                expect(invocation.some(isUnknown)).toBe(false);
                try {
                    return modelSettings(serverArgvConfig(invocation, read, "argv", invocation.stdin));
                } catch (error) {
                    if (error instanceof ConfigRejected) return "rejected" as const;
                    throw error;
                }
            });

            const server = new RedisProcess(`cd ${quote([dir])} && exec ${quote(argv)}`, env);
            try {
                const started = await server.ready(10_000).then(
                    () => true,
                    () => false,
                );
                if (!started) {
                    await sleep(100);
                    expect({ running: server.running, alternatives }).toEqual({
                        running: false,
                        alternatives: alternatives.map(() => "rejected"),
                    });
                    return;
                }
                // The script may choose one of several branches: the server runs with the settings of one of them.
                const candidates = alternatives.filter((a): a is Record<string, string> => a !== "rejected");
                const readings = candidates.map((a) => configGet(port, a, pki));
                expect(candidates).toContainEqual(readings.find((reading, i) => isDeepStrictEqual(reading, candidates[i])) ?? readings[0]);
            } finally {
                await server.stop();
            }
        },
        30_000,
    );
});
