/**
 * The Redis commands a container's scripts send with redis-cli (or valkey-cli, keydb-cli): the command
 * on its argv after the options, as redis-cli 7.0's `parseOptions` reads it (src/redis-cli.c: the first
 * word that is not an option starts the command), and the lines that `printf` or `echo` write in a
 * script that runs redis-cli, which redis-cli reads from stdin when its argv holds no command.
 * Used both to find passwords on command lines and to apply `CONFIG SET` / `ACL SETUSER` to the server.
 */
import { EnvVariable, Known, containerArgv, valuesOf } from "./kubelet";
import { UNKNOWN, isUnknown, objectOf } from "./known-values";
import { splitArgs } from "./redis-config";
import { Invocation, baseName, commandsRun } from "./shell";

const CLIENTS = new Set(["redis-cli", "valkey-cli", "keydb-cli"]);
/** redis-cli's options that take a value (`redis-cli --help`, 7.0; `-t` from 7.2). */
const WITH_VALUE = new Set([
    "-h",
    "-p",
    "-s",
    "-a",
    "--user",
    "--pass",
    "-u",
    "-r",
    "-i",
    "-n",
    "-X",
    "-d",
    "-D",
    "-t",
    "--sni",
    "--cacert",
    "--cacertdir",
    "--cert",
    "--key",
    "--tls-ciphers",
    "--tls-ciphersuites",
    "--show-pushes",
    "--lru-test",
    "--rdb",
    "--functions-rdb",
    "--pipe-timeout",
    "--memkeys-samples",
    "--pattern",
    "--quoted-pattern",
    "--intrinsic-latency",
    "--eval",
]);
/** Programs whose words a script pipes into redis-cli. */
const WRITERS = new Set(["printf", "echo"]);

/** One redis-cli run: the value of each option it was given (the last one wins), and the Redis command on its argv. */
export interface ClientCall {
    options: Map<string, Known<string>>;
    /** The command's words; empty when redis-cli reads its commands from stdin or runs a mode (`--cluster`, `--scan`). */
    command: Known<string>[];
}

/** The redis-cli run of an invocation, or undefined when it runs another program. */
export function clientCallOf(invocation: Invocation): ClientCall | undefined {
    if (!CLIENTS.has(baseName(invocation[0]) ?? "")) return undefined;
    const options = new Map<string, Known<string>>();
    for (let i = 1; i < invocation.length; i++) {
        const word = invocation[i];
        // A word not known could be an option or the command: what follows it is not known.
        if (isUnknown(word)) return { options, command: [UNKNOWN] };
        if (word === "--cluster") return { options: options.set(word, ""), command: [] };
        if (!word.startsWith("-")) return { options, command: invocation.slice(i) };
        if (WITH_VALUE.has(word)) options.set(word, invocation[++i] ?? UNKNOWN);
        else options.set(word, "");
    }
    return { options, command: [] };
}

/** A Redis command a script sends, the redis-cli run that sends it, and where. */
export interface SentCommand {
    call: ClientCall;
    /** The command's words; an UNKNOWN word stands for what is not known before deployment. */
    command: Known<string>[];
}

/** The lines of text a writer prints, with `\r\n` and `\n` escapes (printf's, `echo -e`'s) taken as line ends. */
function linesOf(words: Known<string>[]): Known<string>[][] {
    const text = words.slice(1).filter((w) => !(typeof w === "string" && /^-[neE]+$/.test(w)));
    if (text.some(isUnknown)) return [[UNKNOWN]];
    return (text as string[])
        .join(" ")
        .split(/\\r\\n|\\n|\r?\n/)
        .map((line): Known<string>[] => splitArgs(line) ?? [UNKNOWN])
        .filter((args) => args.length > 0);
}

/**
 * The Redis commands that the invocations of one script send: each redis-cli's own command, and, when
 * a redis-cli of the script has none on its argv, the lines its `printf` and `echo` write.
 */
export function commandsSent(invocations: Invocation[]): SentCommand[] {
    const calls = invocations.map(clientCallOf).filter((c): c is ClientCall => c !== undefined);
    const fromArgv = calls.filter((call) => call.command.length > 0).map((call) => ({ call, command: call.command }));
    const reader = calls.find((call) => call.command.length === 0 && !call.options.has("--cluster"));
    const fromStdin =
        reader === undefined
            ? []
            : invocations
                  .filter((w) => WRITERS.has(baseName(w[0]) ?? ""))
                  .flatMap(linesOf)
                  .map((command) => ({ call: reader, command }));
    return [...fromArgv, ...fromStdin];
}

/** The probes and lifecycle hooks whose exec commands a container runs beside its own. */
const HOOKS = ["livenessProbe", "readinessProbe", "startupProbe", "postStart", "preStop"] as const;

/** The commands each of the container's scripts runs (its own, each probe's and hook's), with where they run. */
export function containerScripts(
    container: Record<string, any>,
    env: ReadonlyMap<string, EnvVariable>,
): { where: string; invocations: Invocation[] }[] {
    const lifecycle = objectOf(container.lifecycle);
    const sources = [
        { where: "its command", argv: container },
        ...HOOKS.map((hook) => ({
            where: hook.endsWith("Probe") ? `its ${hook}` : `its ${hook} hook`,
            argv: { command: objectOf(objectOf(container[hook] ?? lifecycle[hook]).exec).command },
        })),
    ];
    return sources.flatMap(({ where, argv }) => {
        const started = containerArgv(argv, env);
        return isUnknown(started) ? [] : [{ where, invocations: commandsRun(started.argv, valuesOf(env), () => UNKNOWN) }];
    });
}
