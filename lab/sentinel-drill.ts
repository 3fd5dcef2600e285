/**
 * The Sentinel failover drill: three redis-servers and three redis-sentinels started from the
 * rendered files and start scripts, with only paths and addresses changed (every pod's stable
 * name becomes 127.0.0.1 and a free port), and an ioredis Sentinel client over TLS. Used by the
 * tests and by bench/.
 */
import Redis from "ioredis";
import { MockDeployment, unwrapSecret } from "./mock-deployment";
import { RenderedFiles, renderedFiles } from "./rendered";
import { ADMIN_USER, TEST_CLIENTS, TEST_NAMESPACE, passwordOf } from "./rendered-pods";
import {
    RedisProcess,
    ServerDirs,
    TempDirs,
    TestPki,
    freePort,
    relocateNetwork,
    relocatePaths,
    serverDirs,
    sleep,
    writeFiles,
} from "./redis-process";

export const SENTINEL_INSTALL = "apt-get install redis-server redis-tools redis-sentinel";
export const WRITER = { name: "orders", role: "readwrite" };
/** The writer's concurrent requests: at most this many are in flight at any moment. */
export const WRITER_CONCURRENCY = 4;

/** What the component rendered for the sentinels. */
function renderedSentinelFiles(deployment: MockDeployment, name: string) {
    const container = deployment.one("kubernetes:apps/v1:StatefulSet", `${name}-sentinel`).inputs.spec.template.spec.containers[0];
    return {
        startScript: container.command[2] as string,
        auth: unwrapSecret(deployment.one("kubernetes:core/v1:Secret", `${name}-sentinel-auth`).inputs.stringData) as Record<
            string,
            string
        >,
    };
}

/** The rendered start script with each pod's name:port replaced by 127.0.0.1 and its local port, and the pod's own address set. */
export function relocateAddresses(script: string, addresses: Map<string, number>, self: number): string {
    let result = script.replace(/^self_host=.*$/m, 'self_host="127.0.0.1"').replace(/^self_port=\d+$/m, `self_port=${self}`);
    for (const [address, port] of addresses) result = result.replaceAll(address, `127.0.0.1:${port}`);
    return result;
}

export interface Node {
    hostname: string;
    port: number;
    dirs: ServerDirs;
    process: RedisProcess;
}

/** One deployment's three Redis pods and three sentinels, on loopback. */
export class SentinelCluster {
    readonly redis: Node[] = [];
    readonly sentinels: Node[] = [];
    private readonly clients: Redis[] = [];
    private readonly processes: RedisProcess[] = [];
    /** The start script each pod ran, by hostname, as relocated. */
    readonly startScripts = new Map<string, string>();
    private files!: RenderedFiles;
    private sentinelFiles!: ReturnType<typeof renderedSentinelFiles>;
    private addresses = new Map<string, number>();

    constructor(
        readonly name: string,
        private readonly temp: TempDirs,
        readonly pki: TestPki,
    ) {}

    /** Renders the component under the mocks (after `deployment.reset()`), keeping its files. */
    async render(deployment: MockDeployment, args: Record<string, unknown>): Promise<RenderedFiles> {
        deployment.reset();
        const components = await import("hardened-redis");
        const redis = new components.KubernetesRedis(this.name, {
            namespace: TEST_NAMESPACE,
            allowedClients: TEST_CLIENTS,
            users: [ADMIN_USER, WRITER],
            ...args,
        } as any);
        await deployment.settle(redis);
        this.files = renderedFiles(deployment, this.name);
        this.sentinelFiles = renderedSentinelFiles(deployment, this.name);
        return this.files;
    }

    /** The start scripts as rendered, for the Redis pods and the sentinels. */
    get renderedStartScripts(): { redis: string; sentinel: string } {
        return { redis: this.files.startScript, sentinel: this.sentinelFiles.startScript };
    }

    /** Gives every pod name a local port, then starts the Redis pods in order and the sentinels. */
    async start(): Promise<void> {
        const hosts = [...this.files.startScript.matchAll(/^(sentinels|redis_pods)="(.*)"$/gm)].flatMap((m) => m[2].split(" "));
        for (const address of hosts) this.addresses.set(address, await freePort());
        const redisPods = hosts.filter((address) => !address.includes("-sentinel-"));
        for (let i = 0; i < redisPods.length; i++) this.redis.push(await this.startRedis(i));
        for (let i = 0; i < 3; i++) this.sentinels.push(await this.startSentinel(i));
        await waitFor(
            async () => {
                const views = await Promise.all(
                    this.sentinels.map(async (sentinel) =>
                        (await this.connect(sentinel.port, ADMIN_USER.name)).call("SENTINEL", "MASTER", this.name),
                    ),
                );
                return views.every((view) =>
                    /num-other-sentinels,2,.*num-slaves,2\b|num-slaves,2,.*num-other-sentinels,2\b/.test(String(view)),
                );
            },
            30_000,
            "every sentinel knowing the replicas and the other sentinels",
        );
    }

    private portOf(kind: "redis" | "sentinel", ordinal: number): number {
        const pod = kind === "redis" ? `${this.name}-${ordinal}.` : `${this.name}-sentinel-${ordinal}.`;
        return [...this.addresses].find(([address]) => address.startsWith(pod))![1];
    }

    /** Starts (or restarts, on its old directories) a Redis pod. */
    async startRedis(ordinal: number, dirs?: ServerDirs): Promise<Node> {
        const node = await this.startNode(
            `${this.name}-${ordinal}`,
            this.portOf("redis", ordinal),
            this.files,
            /Ready to accept connections/,
            dirs,
        );
        if (dirs) this.redis[ordinal] = node;
        return node;
    }

    private startSentinel(ordinal: number): Promise<Node> {
        return this.startNode(`${this.name}-sentinel-${ordinal}`, this.portOf("sentinel", ordinal), this.sentinelFiles, /Sentinel ID is/);
    }

    /** Writes a pod's files, relocated, and runs its start script until the log shows `ready`. */
    private async startNode(
        hostname: string,
        port: number,
        files: { auth: Record<string, string>; startScript: string },
        ready: RegExp,
        dirs?: ServerDirs,
    ): Promise<Node> {
        const podDirs = dirs ?? serverDirs(this.temp.make(hostname), this.pki);
        writeFiles(
            podDirs.config,
            Object.fromEntries(
                Object.entries(this.files.config).map(([file, text]) => [file, relocateNetwork(relocatePaths(text, podDirs), { port })]),
            ),
        );
        writeFiles(podDirs.auth, files.auth);
        const script = relocateAddresses(relocatePaths(files.startScript, podDirs), this.addresses, port);
        this.startScripts.set(hostname, script);
        const process = new RedisProcess(script, { HOSTNAME: hostname });
        this.processes.push(process);
        await process.ready(20_000, ready);
        return { hostname, port, dirs: podDirs, process };
    }

    /** A plain TLS connection to one node as `user` (the component's generated password); no retries. */
    async connect(port: number, user?: string): Promise<Redis> {
        const client = new Redis({
            host: "127.0.0.1",
            port,
            ...(user ? { username: user, password: passwordOf(this.name, user) } : {}),
            tls: { ca: this.pki.ca, servername: "localhost" },
            lazyConnect: true,
            enableReadyCheck: false,
            maxRetriesPerRequest: 0,
            enableOfflineQueue: false,
            retryStrategy: () => null,
            commandTimeout: 2000,
        });
        this.clients.push(client);
        // Failures show as rejected commands; the error events would only repeat them.
        client.on("error", () => undefined);
        await client.connect();
        return client;
    }

    /** The Sentinel-aware client applications use: it asks the sentinels for the primary, over TLS, as `user`. */
    sentinelClient(user: string, options: { offlineQueue: boolean }): Redis {
        const password = passwordOf(this.name, user);
        const tls = { ca: this.pki.ca, servername: "localhost" };
        const client = new Redis({
            sentinels: this.sentinels.map((sentinel) => ({ host: "127.0.0.1", port: sentinel.port })),
            name: this.name,
            sentinelUsername: user,
            sentinelPassword: password,
            username: user,
            password,
            enableTLSForSentinelMode: true,
            sentinelTLS: tls,
            tls,
            sentinelRetryStrategy: () => 100,
            retryStrategy: () => 50,
            maxRetriesPerRequest: 0,
            // The ready check runs INFO, which application users may not.
            enableReadyCheck: false,
            enableOfflineQueue: options.offlineQueue,
            lazyConnect: true,
        });
        this.clients.push(client);
        client.on("error", () => undefined);
        return client;
    }

    /** The primary the sentinels agree on, as a local port. */
    async primaryPort(): Promise<number> {
        const sentinel = await this.connect(this.sentinels[0].port, WRITER.name);
        const [, port] = (await sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", this.name)) as [string, string];
        sentinel.disconnect();
        return Number(port);
    }

    /** Each running Redis node's role, by port; a stopped one is left out. */
    async roles(): Promise<Map<number, string>> {
        const roles = new Map<number, string>();
        await Promise.all(
            this.redis
                .filter((node) => node.process.running)
                .map(async (node) => {
                    try {
                        const admin = await this.connect(node.port, ADMIN_USER.name);
                        roles.set(node.port, ((await admin.call("ROLE")) as [string])[0]);
                        admin.disconnect();
                    } catch {
                        // not accepting connections (yet)
                    }
                }),
        );
        return roles;
    }

    async stop(): Promise<void> {
        for (const client of this.clients.splice(0)) client.disconnect();
        await Promise.all(this.processes.splice(0).map((process) => process.stop("SIGKILL")));
    }
}

/** Writes numbered keys through one client until stopped, recording each acknowledged write and its time. */
export class Writer {
    readonly acknowledged: { key: string; at: number; port?: number }[] = [];
    readonly errors: string[] = [];
    private running = true;
    private readonly loops: Promise<void>[];

    constructor(client: Redis, prefix: string, workers = WRITER_CONCURRENCY) {
        this.loops = Array.from({ length: workers }, async (_, worker) => {
            for (let i = 0; this.running; i++) {
                const key = `orders:${prefix}:${worker}:${i}`;
                try {
                    await client.set(key, String(i));
                    this.acknowledged.push({ key, at: Date.now() });
                } catch (error) {
                    this.errors.push((error as Error).message);
                    await sleep(20);
                }
            }
        });
    }

    /** The first acknowledgement after `time`, in ms after it; undefined when none. */
    firstAckAfter(time: number): number | undefined {
        const next = this.acknowledged.find((write) => write.at > time);
        return next && next.at - time;
    }

    async stop(): Promise<void> {
        this.running = false;
        await Promise.all(this.loops);
    }

    /** The acknowledged writes the node at `port` does not hold. */
    async lost(cluster: SentinelCluster, port: number): Promise<{ key: string; at: number }[]> {
        const reader = await cluster.connect(port, ADMIN_USER.name);
        const missing: { key: string; at: number }[] = [];
        for (let i = 0; i < this.acknowledged.length; i += 1000) {
            const batch = this.acknowledged.slice(i, i + 1000);
            const values = await reader.mget(...batch.map((write) => write.key));
            batch.forEach((write, j) => values[j] === null && missing.push(write));
        }
        reader.disconnect();
        return missing;
    }
}

export async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
        await sleep(100);
    }
}

/** What `kill -9` of the primary under write load did. */
export interface KillDrillResult {
    oldPrimary: number;
    newPrimary: number;
    /** From the kill to the first write acknowledged after it, on the new primary. */
    recoveryMs: number;
    acknowledged: number;
    lost: number;
    /** The most Redis nodes that reported the primary role at one time, polled every 100 ms. */
    mostPrimaries: number;
}

/** Kills the primary with SIGKILL while a Sentinel-aware client writes, and waits for writes to succeed on the new primary. */
export async function killDrill(cluster: SentinelCluster, writeMs = 2000): Promise<KillDrillResult> {
    const oldPrimary = await cluster.primaryPort();
    const client = cluster.sentinelClient(WRITER.name, { offlineQueue: false });
    await client.connect();
    let mostPrimaries = 0;
    let polling = true;
    const poller = (async () => {
        while (polling) {
            const roles = await cluster.roles();
            mostPrimaries = Math.max(mostPrimaries, [...roles.values()].filter((role) => role === "master").length);
            await sleep(100);
        }
    })();
    const writer = new Writer(client, `kill${oldPrimary}`);
    await sleep(writeMs);
    const killedAt = Date.now();
    await cluster.redis.find((node) => node.port === oldPrimary)!.process.stop("SIGKILL");
    // Replies read before the process ended may resolve a moment after the kill: count from its exit.
    const exitedAt = Date.now();
    await waitFor(async () => writer.firstAckAfter(exitedAt) !== undefined, 60_000, "writes on a new primary");
    await sleep(500);
    await writer.stop();
    polling = false;
    await poller;
    const newPrimary = await cluster.primaryPort();
    await waitForReplicasInSync(cluster, newPrimary);
    const lost = await writer.lost(cluster, newPrimary);
    client.disconnect();
    return {
        oldPrimary,
        newPrimary,
        recoveryMs: writer.firstAckAfter(exitedAt)! + exitedAt - killedAt,
        acknowledged: writer.acknowledged.length,
        lost: lost.length,
        mostPrimaries,
    };
}

/** What SIGSTOP of the primary beyond down-after-milliseconds, then SIGCONT, did to a client that kept writing to it. */
export interface PauseDrillResult {
    /** Writes the resumed old primary acknowledged before it was demoted, and how many of them the new primary lacks. */
    acknowledgedByOldPrimary: number;
    lost: number;
    /** Writes acknowledged before SIGSTOP that had not reached a replica yet (asynchronous replication), lost too. */
    lostBeforeFreeze: number;
    /** The old primary's refusals while it was cut off from its replicas (NOREPLICAS). */
    refused: number;
    /** From SIGCONT until the old primary reported the replica role. */
    demotedAfterMs: number;
}

/**
 * Stops the primary with SIGSTOP until the sentinels promote a replica, resumes it with SIGCONT,
 * and keeps a client that only knows the old primary (as a client cut off from the sentinels
 * would) writing to it until Sentinel demotes it.
 */
export async function pauseDrill(cluster: SentinelCluster): Promise<PauseDrillResult> {
    const oldPrimary = await cluster.primaryPort();
    const node = cluster.redis.find((n) => n.port === oldPrimary)!;
    const stale = await cluster.connect(oldPrimary, WRITER.name);
    stale.options.commandTimeout = undefined;
    const writer = new Writer(stale, `pause${oldPrimary}`);
    await sleep(500);
    process.kill(node.process.child.pid!, "SIGSTOP");
    await waitFor(async () => (await cluster.primaryPort()) !== oldPrimary, 60_000, "a new primary while the old one is stopped");
    process.kill(node.process.child.pid!, "SIGCONT");
    const resumedAt = Date.now();
    await waitFor(async () => (await cluster.roles()).get(oldPrimary) === "slave", 60_000, "the old primary demoted");
    const demotedAfterMs = Date.now() - resumedAt;
    await writer.stop();
    const newPrimary = await cluster.primaryPort();
    await waitForReplicasInSync(cluster, newPrimary);
    const afterResume = writer.acknowledged.filter((write) => write.at >= resumedAt);
    const lost = await writer.lost(cluster, newPrimary);
    return {
        acknowledgedByOldPrimary: afterResume.length,
        lost: lost.filter((write) => write.at >= resumedAt).length,
        lostBeforeFreeze: lost.filter((write) => write.at < resumedAt).length,
        refused: writer.errors.filter((error) => /^NOREPLICAS/.test(error)).length,
        demotedAfterMs,
    };
}

/** Waits until every running replica follows `primary` with its link up and has its offset. */
async function waitForReplicasInSync(cluster: SentinelCluster, primary: number): Promise<void> {
    const admin = await cluster.connect(primary, ADMIN_USER.name);
    await waitFor(
        async () => {
            const info = await admin.info("replication");
            const offset = /master_repl_offset:(\d+)/.exec(info)![1];
            const replicas = [...info.matchAll(/^slave\d+:.*state=online,offset=(\d+)/gm)];
            return replicas.length > 0 && replicas.every((m) => m[1] === offset);
        },
        30_000,
        "replicas in sync",
    );
    admin.disconnect();
}
