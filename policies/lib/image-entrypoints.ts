/**
 * The configuration that two well-known Redis images' entrypoints build from the container's environment,
 * when the pod runs the image's own command:
 * - Bitnami `bitnami/redis`: `setup.sh` validates the `REDIS_*` variables (and their `*_FILE` variants) and
 *   writes redis.conf, unless a redis.conf is mounted at /opt/bitnami/redis/mounted-etc; `run.sh` then starts
 *   `redis-server <conf> --daemonize no $REDIS_EXTRA_FLAGS "$@"`. Source: bitnami/containers,
 *   bitnami/redis/7.4/debian-12/rootfs/opt/bitnami/scripts/{redis-env.sh,libredis.sh,redis/run.sh}.
 * - Redis Stack `redis/redis-stack-server` and `redis/redis-stack`: `entrypoint.sh` starts
 *   `redis-server [/redis-stack.conf] --dir ... --protected-mode no --daemonize no --loadmodule ... ${REDIS_ARGS}`,
 *   REDIS_ARGS split into words. Source: redis-stack/redis-stack, etc/scripts/entrypoint.sh and dockers/dockerfile.tmpl.
 * Any other image, or these images given another command, stays unread.
 */
import { ANY_VARIABLE, EnvVariable, Known } from "./kubelet";
import { repositoryOf } from "./kubernetes";
import { PodFile } from "./pod-files";
import { UNKNOWN, isUnknown } from "./known-values";
import { ConfigEntry, parseConfig, serverArgvConfig } from "./redis-config";

/** How the image's entrypoint starts the server: its configuration, or why it exits first. */
export type EntrypointStart = { entries: ConfigEntry[] } | { rejected: string };

type Environment = ReadonlyMap<string, EnvVariable>;
type PodFileReader = (path: string) => PodFile;

const BITNAMI = "the Bitnami redis entrypoint";
const REDIS_STACK = "the Redis Stack entrypoint";

/** A variable as the script reads it: its value, the default when it is not set, UNKNOWN when envFrom may set it. */
function variable(env: Environment, name: string, fallback: Known<string> = ""): Known<string> {
    const value = env.get(name)?.value;
    if (value !== undefined) return value === "" ? fallback : value;
    return env.has(ANY_VARIABLE) ? UNKNOWN : fallback;
}

/** Words of an unquoted expansion, as the shell splits them. */
function words(value: Known<string>): Known<string>[] {
    return isUnknown(value) ? [UNKNOWN] : value.split(/[ \t\n]+/).filter((w) => w !== "");
}

/** Bitnami's `is_boolean_yes`: 1, yes or true in any case. */
function isYes(value: Known<string>): Known<boolean> {
    return isUnknown(value) ? UNKNOWN : /^(1|yes|true)$/i.test(value);
}

/** The text of a file the pod provides; undefined when no volume holds it (the image has none there); UNKNOWN when it cannot be told. */
function podFile(read: PodFileReader, path: Known<string>): Known<{ text: string; source: string } | undefined> {
    if (isUnknown(path)) return UNKNOWN;
    const file = read(path);
    if ("text" in file) return file;
    return file.ofImage ? undefined : UNKNOWN;
}

/** redis-env.sh: `NAME_FILE` names a readable file whose content (its trailing newlines cut, as `$(< file)` does) replaces NAME. */
function bitnamiVariable(env: Environment, read: PodFileReader, name: string, fallback: Known<string> = ""): Known<string> {
    const path = variable(env, `${name}_FILE`);
    if (path === "") return variable(env, name, fallback);
    const file = podFile(read, path);
    if (isUnknown(file)) return UNKNOWN;
    return file === undefined ? variable(env, name, fallback) : file.text.replace(/\n+$/, "") || fallback;
}

function bitnamiEntries(env: Environment, read: PodFileReader): EntrypointStart {
    const get = (name: string, fallback: Known<string> = "") => bitnamiVariable(env, read, name, fallback);
    const setting = (name: string, value: Known<string>, because: string): ConfigEntry =>
        isUnknown(value)
            ? { unread: `the value of ${name} that ${BITNAMI} writes, from ${because}, not known before deployment`, only: name }
            : { name, args: [value], source: `${BITNAMI} (${because})` };
    const allowEmpty = isYes(get("ALLOW_EMPTY_PASSWORD", "no"));
    const password = get("REDIS_PASSWORD");
    if (allowEmpty === false && password === "")
        return { rejected: `${BITNAMI} exits: REDIS_PASSWORD is empty and ALLOW_EMPTY_PASSWORD is not yes` };
    const tls = isYes(get("REDIS_TLS_ENABLED", "no"));
    if (tls === true) {
        const ca = get("REDIS_TLS_CA_FILE") === "" && get("REDIS_TLS_CA_DIR") !== "" ? [] : ["REDIS_TLS_CA_FILE"];
        const missing = ["REDIS_TLS_CERT_FILE", "REDIS_TLS_KEY_FILE", ...ca].find(
            (name) => get(name) === "" || podFile(read, get(name)) === undefined,
        );
        if (missing) return { rejected: `${BITNAMI} exits: REDIS_TLS_ENABLED is yes and ${missing} names no file of the pod` };
    }
    const mounted = podFile(read, "/opt/bitnami/redis/mounted-etc/redis.conf");
    if (isUnknown(mounted))
        return { entries: [{ unread: `/opt/bitnami/redis/mounted-etc/redis.conf, which ${BITNAMI} copies when it is mounted` }] };
    if (mounted !== undefined) return { entries: parseConfig(mounted.text, mounted.source, read) };

    const entries: ConfigEntry[] = [];
    if (allowEmpty !== false) entries.push(setting("protected-mode", isUnknown(allowEmpty) ? UNKNOWN : "no", "ALLOW_EMPTY_PASSWORD=yes"));
    entries.push(setting("appendonly", get("REDIS_AOF_ENABLED", "yes"), "REDIS_AOF_ENABLED"));
    const port = get("REDIS_PORT_NUMBER", "6379");
    const tlsPort = get("REDIS_TLS_PORT_NUMBER", get("REDIS_TLS_PORT", "6379"));
    entries.push(setting("port", port, "REDIS_PORT_NUMBER"));
    if (tls !== false) {
        const tlsOnly = isUnknown(tls) || isUnknown(port) || isUnknown(tlsPort) ? UNKNOWN : port === "6379" && tlsPort === "6379";
        if (tlsOnly !== false)
            entries.push(setting("port", isUnknown(tlsOnly) ? UNKNOWN : "0", "REDIS_TLS_ENABLED=yes with the default ports"));
        entries.push(setting("tls-port", isUnknown(tls) ? UNKNOWN : tlsPort, "REDIS_TLS_ENABLED=yes"));
        entries.push(setting("tls-auth-clients", get("REDIS_TLS_AUTH_CLIENTS", "yes"), "REDIS_TLS_AUTH_CLIENTS"));
    }
    const user = variable(env, "REDIS_USER");
    const requirepass = isUnknown(user) ? UNKNOWN : get("REDIS_REQUIREPASS", user === "" ? password : "");
    // A password from a Secret or a file is set, but written nowhere the rules look: its value is not theirs to read.
    const written = ["REDIS_REQUIREPASS", "REDIS_PASSWORD"].some(
        (name) => env.get(name)?.literal === true && variable(env, `${name}_FILE`) === "",
    );
    if (requirepass !== "") {
        entries.push(
            written && !isUnknown(requirepass)
                ? setting("requirepass", requirepass, "REDIS_PASSWORD written in the pod spec")
                : { unread: `the password ${BITNAMI} sets from REDIS_PASSWORD`, only: "requirepass" },
        );
    }
    const disabled = get("REDIS_DISABLE_COMMANDS");
    if (isUnknown(disabled))
        entries.push({ unread: `the commands REDIS_DISABLE_COMMANDS renames, not known before deployment`, only: "rename-command" });
    else
        for (const command of words(disabled.replaceAll(",", " ")))
            entries.push({ name: "rename-command", args: [command as string, ""], source: `${BITNAMI} (REDIS_DISABLE_COMMANDS)` });
    const aclfile = get("REDIS_ACLFILE");
    if (aclfile !== "") entries.push(setting("aclfile", aclfile, "REDIS_ACLFILE"));
    const overrides = get("REDIS_OVERRIDES_FILE", "/opt/bitnami/redis/mounted-etc/overrides.conf");
    const included = podFile(read, overrides);
    if (isUnknown(included)) entries.push({ unread: `the overrides file ${BITNAMI} includes when it exists` });
    else if (included !== undefined) entries.push(...parseConfig(included.text, included.source, read));
    return { entries };
}

/**
 * The configuration the image's entrypoint starts redis-server with, or undefined when the image is
 * not one of these or the pod gives it another command. `args` are the pod's args (no `command`).
 */
export function entrypointStart(
    image: string,
    args: readonly Known<string>[],
    env: Environment,
    read: PodFileReader,
    where: string,
): EntrypointStart | undefined {
    const repository = repositoryOf(image);
    if (repository === "bitnami/redis" && (args.length === 0 || (typeof args[0] === "string" && args[0].endsWith("/run.sh")))) {
        const start = bitnamiEntries(env, read);
        if ("rejected" in start) return start;
        const argv: Known<string>[] = [
            "redis-server",
            "--daemonize",
            "no",
            ...words(bitnamiVariable(env, read, "REDIS_EXTRA_FLAGS")),
            ...args.slice(1),
        ];
        return {
            entries: [
                ...start.entries,
                ...serverArgvConfig(argv, read, `the redis-server command line ${BITNAMI} builds in container ${where}`),
            ],
        };
    }
    if ((repository === "redis/redis-stack-server" || repository === "redis/redis-stack") && args.length === 0) {
        const conf = podFile(read, "/redis-stack.conf");
        const confEntries: ConfigEntry[] = isUnknown(conf)
            ? [{ unread: `/redis-stack.conf, which ${REDIS_STACK} reads when it exists` }]
            : conf === undefined
              ? []
              : parseConfig(conf.text, conf.source, read);
        const modules = ["rediscompat", "redisearch", "redistimeseries", "rejson", "redisbloom", "redisgears"];
        const moduleArgs: Record<string, Known<string>[]> = {
            redisearch: words(variable(env, "REDISEARCH_ARGS", "MAXSEARCHRESULTS 10000 MAXAGGREGATERESULTS 10000")),
            redistimeseries: words(variable(env, "REDISTIMESERIES_ARGS")),
            rejson: words(variable(env, "REDISJSON_ARGS")),
            redisbloom: words(variable(env, "REDISBLOOM_ARGS")),
            redisgears: ["v8-plugin-path", "/opt/redis-stack/lib/libredisgears_v8_plugin.so", ...words(variable(env, "REDISGEARS_ARGS"))],
        };
        const argv: Known<string>[] = [
            "redis-server",
            "--dir",
            ...words(variable(env, "REDIS_DATA_DIR", "/data")),
            ...["--protected-mode", "no", "--daemonize", "no"],
            ...modules.flatMap((module): Known<string>[] => [
                "--loadmodule",
                `/opt/redis-stack/lib/${module}.so`,
                ...(moduleArgs[module] ?? []),
            ]),
            ...words(variable(env, "REDIS_ARGS")),
        ];
        return {
            entries: [
                ...confEntries,
                ...serverArgvConfig(
                    argv,
                    read,
                    `the redis-server command line ${REDIS_STACK} builds in container ${where} (with REDIS_ARGS)`,
                ),
            ],
        };
    }
    return undefined;
}
