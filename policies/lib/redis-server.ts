/**
 * The Redis server a container runs and the configuration it runs with, end to end: the kubelet's
 * environment and `$(VAR)` expansion, the image's entrypoint, shell scripts, redis-server's argv,
 * and the config files from the pod's volumes.
 */
import { ContainerView, ServerImage, WORKLOAD_TYPES, longRunningContainersOf, podTemplateOf, serverImageOf } from "./kubernetes";
import { Known, PodContext, containerArgv, containerEnvironment, valuesOf } from "./kubelet";
import { entrypointStart } from "./image-entrypoints";
import { podFileReader } from "./pod-files";
import { UNKNOWN, isUnknown } from "./known-values";
import { StackResourceView, StackView } from "./rule";
import {
    ConfigEntry,
    ConfigFileReader,
    ConfigRejected,
    Directive,
    UnreadConfig,
    effectiveDirective,
    serverArgvConfig,
} from "./redis-config";
import { UserChange, runtimeChangesOf } from "./runtime-config";
import { Invocation, baseName, commandsRun } from "./shell";

const SERVER_BINARIES = new Set(["redis-server", "valkey-server", "redis-sentinel", "valkey-sentinel", "keydb-server"]);
/** Wrapper scripts that start redis-server with a configuration of their own image. */
const SERVER_WRAPPERS = new Set(["redis-stack-server"]);

/** One way the container may start the server (one per branch of its start script). */
export type ServerStart = { entries: ConfigEntry[] } | { rejected: string };

/** A container that runs a Redis server, and the configurations it may run with. */
export interface ServerProcess {
    view: ContainerView;
    starts: ServerStart[];
    /** Reads the container's files, as the server finds the ones its configuration names (an ACL file). */
    read: ConfigFileReader;
    /** ACL SETUSER commands the pod sends to the running server, or why they are unread. */
    userChanges: (UserChange | UnreadConfig)[];
}

/**
 * The official redis and valkey images build redis-server with protected-mode off by default (their
 * Dockerfiles patch `createBoolConfig("protected-mode", ...)` in src/config.c to 0), whatever runs it.
 * Source: https://github.com/docker-library/redis and https://github.com/valkey-io/valkey-container Dockerfiles.
 */
const OFFICIAL_IMAGE_DEFAULTS: Directive[] = [
    { name: "protected-mode", args: ["no"], source: "the image's build default, as nothing sets protected-mode yes" },
];

function startOf(invocation: Invocation, read: ConfigFileReader, where: string): ServerStart {
    if (SERVER_WRAPPERS.has(baseName(invocation[0]) ?? ""))
        return { entries: [{ unread: `the configuration ${baseName(invocation[0])} brings in its image` }] };
    try {
        return { entries: serverArgvConfig(invocation, read, where, invocation.stdin) };
    } catch (error) {
        if (error instanceof ConfigRejected) return { rejected: error.message };
        throw error;
    }
}

/** The argv the container's process starts with, the image's entrypoint applied; UNKNOWN when it is the image's own command. */
function processArgv(image: ServerImage | undefined, argv: Known<string>[], fromImage: boolean): Known<Invocation> {
    if (!fromImage) return argv;
    if (image === undefined || argv.length === 0) return UNKNOWN;
    const first = argv[0];
    const toServer = typeof first === "string" && (first.startsWith("-") || first.endsWith(".conf"));
    if (image === "own-entrypoint") return UNKNOWN;
    return toServer ? ["redis-server", ...argv] : argv;
}

/**
 * The Redis server the container runs, or undefined when it runs none (a client, an exporter, a
 * worker). A server image whose start the gate cannot follow still counts, with its configuration unread.
 */
export function serverProcessOf(context: PodContext, spec: Record<string, any>, view: ContainerView): ServerProcess | undefined {
    const process = startedProcessOf(context, spec, view);
    if (process === undefined) return undefined;
    // What the pod's redis-cli commands change once the server runs applies after what it started with.
    const runtime = runtimeChangesOf(context, spec);
    const starts = process.starts.map((start) => ("entries" in start ? { entries: [...start.entries, ...runtime.entries] } : start));
    return { ...process, starts, userChanges: runtime.users };
}

function startedProcessOf(
    context: PodContext,
    spec: Record<string, any>,
    view: ContainerView,
): Omit<ServerProcess, "userChanges"> | undefined {
    const { container } = view;
    const image = serverImageOf(container.image);
    const env = containerEnvironment(context, container);
    const started = containerArgv(container, env);
    const argv = isUnknown(started) ? UNKNOWN : processArgv(image, started.argv, started.fromImage);
    const read = podFileReader(context, spec, container);
    const modelled =
        !isUnknown(started) && started.fromImage && typeof container.image === "string"
            ? entrypointStart(container.image, started.argv, env, read, `"${view.name}"`)
            : undefined;
    if (modelled !== undefined) return { view, starts: [modelled], read };
    if (isUnknown(argv)) {
        if (image === undefined) return undefined;
        const reason = isUnknown(started) ? "a command not known before deployment" : "the command and configuration of the image itself";
        return { view, starts: [{ entries: [{ unread: reason }] }], read };
    }
    const readScript = (path: string) => {
        const file = read(path);
        return "unread" in file ? UNKNOWN : file.text;
    };
    const commands = commandsRun(argv, valuesOf(env), readScript);
    const where = `the command line of container "${view.name}"`;
    const defaults = image === "docker-entrypoint" ? OFFICIAL_IMAGE_DEFAULTS : [];
    const starts = commands
        .filter((c) => SERVER_BINARIES.has(baseName(c[0]) ?? "") || SERVER_WRAPPERS.has(baseName(c[0]) ?? ""))
        .map((c) => startOf(c, read, where))
        .map((start) => ("entries" in start ? { entries: [...defaults, ...start.entries] } : start));
    if (image !== undefined && commands.some((c) => isUnknown(c[0])))
        starts.push({ entries: [{ unread: "a command in the start script not known before deployment" }] });
    return starts.length > 0 ? { view, starts, read } : undefined;
}

/** What a setting is in each way the server may start: its directive, undefined for Redis's default, or why it is unread. */
export function settingsOf(process: ServerProcess, name: string): (Directive | UnreadConfig | undefined)[] {
    return process.starts.flatMap((start) => ("rejected" in start ? [] : [effectiveDirective(start.entries, name)]));
}

/** Every Redis server container of the program's workloads, with how messages name it. */
export function redisServersOf(stack: StackView): { workload: StackResourceView; process: ServerProcess; where: string }[] {
    return stack.ofType(...WORKLOAD_TYPES).flatMap((workload) => {
        const { spec } = podTemplateOf(workload);
        return longRunningContainersOf(spec).flatMap((view) => {
            const process = serverProcessOf({ stack, workload }, spec, view);
            return process ? [{ workload, process, where: `Redis workload "${workload.name}" container "${view.name}"` }] : [];
        });
    });
}
