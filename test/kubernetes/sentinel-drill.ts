/**
 * The Sentinel failover drill: three redis-servers and three redis-sentinels started from the
 * rendered files and start scripts, with only paths and addresses changed (every pod's stable
 * name becomes 127.0.0.1 and a free port), and an ioredis Sentinel client over TLS. Used by the
 * tests and by bench/.
 */
import Redis from "ioredis";
import { MockHarness, unwrapSecret } from "../harness";
import { RenderedFiles, renderedFiles } from "./rendered";
import { ADMIN_USER, TEST_CLIENTS, TEST_NAMESPACE, passwordOf } from "./rendered-pods";
import { RedisProcess, ServerDirs, TempDirs, TestPki, freePort, relocateNetwork, relocatePaths, serverDirs, sleep, writeFiles } from "./redis-process";

export const SENTINEL_INSTALL = "apt-get install redis-server redis-tools redis-sentinel";
export const WRITER = { name: "orders", role: "readwrite" };

/** What the component rendered for the sentinels. */
function renderedSentinelFiles(harness: MockHarness, name: string) {
    const container = harness.one("kubernetes:apps/v1:StatefulSet", `${name}-sentinel`).inputs.spec.template.spec.containers[0];
    return { startScript: container.command[2] as string, auth: unwrapSecret(harness.one("kubernetes:core/v1:Secret", `${name}-sentinel-auth`).inputs.stringData) as Record<string, string> };
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
    private files!: RenderedFiles;
    private sentinelFiles!: ReturnType<typeof renderedSentinelFiles>;
    private addresses = new Map<string, number>();

    constructor(readonly name: string, private readonly temp: TempDirs, readonly pki: TestPki) {}

    /** Renders the component under the mocks (after `harness.reset()`), keeping its files. */
    async render(harness: MockHarness, args: Record<string, unknown>): Promise<RenderedFiles> {
        harness.reset();
        const components = await import("hardened-redis");
        const redis = new components.KubernetesRedis(this.name, { namespace: TEST_NAMESPACE, allowedClients: TEST_CLIENTS, users: [ADMIN_USER, WRITER], ...args } as any);
        await harness.settle(redis);
        this.files = renderedFiles(harness, this.name);
        this.sentinelFiles = renderedSentinelFiles(harness, this.name);
        return this.files;
    }

    get renderedSentinelStartScript(): string {
        return this.sentinelFiles.startScript;
    }

    /** Gives every pod name a local port, then starts the Redis pods in order and the sentinels. */
    async start(): Promise<void> {
        const hosts = [...this.files.startScript.matchAll(/^(sentinels|redis_pods)="(.*)"$/gm)].flatMap((m) => m[2].split(" "));
        for (const address of hosts) this.addresses.set(address, await freePort());
        const redisPods = hosts.filter((address) => !address.includes("-sentinel-"));
        for (let i = 0; i < redisPods.length; i++) this.redis.push(await this.startRedis(i));
        for (let i = 0; i < 3; i++) this.sentinels.push(await this.startSentinel(i));
    }

    private portOf(kind: "redis" | "sentinel", ordinal: number): number {
        const pod = kind === "redis" ? `${this.name}-${ordinal}.` : `${this.name}-sentinel-${ordinal}.`;
        return [...this.addresses].find(([address]) => address.startsWith(pod))![1];
    }

    /** Starts (or restarts, on its old directories) a Redis pod. */
    async startRedis(ordinal: number, dirs?: ServerDirs): Promise<Node> {
        const hostname = `${this.name}-${ordinal}`;
        const port = this.portOf("redis", ordinal);
        const podDirs = dirs ?? serverDirs(this.temp.make(hostname), this.pki);
        writeFiles(podDirs.config, Object.fromEntries(Object.entries(this.files.config).map(([file, text]) => [file, relocateNetwork(relocatePaths(text, podDirs), { port })])));
        writeFiles(podDirs.auth, this.files.auth);
        const process = new RedisProcess(relocateAddresses(relocatePaths(this.files.startScript, podDirs), this.addresses, port), { HOSTNAME: hostname });
        this.processes.push(process);
        await process.ready();
        const node = { hostname, port, dirs: podDirs, process };
        if (dirs) this.redis[ordinal] = node;
        return node;
    }

    private async startSentinel(ordinal: number): Promise<Node> {
        const hostname = `${this.name}-sentinel-${ordinal}`;
        const port = this.portOf("sentinel", ordinal);
        const dirs = serverDirs(this.temp.make(hostname), this.pki);
        writeFiles(dirs.config, Object.fromEntries(Object.entries(this.files.config).map(([file, text]) => [file, relocateNetwork(relocatePaths(text, dirs), { port })])));
        writeFiles(dirs.auth, this.sentinelFiles.auth);
        const process = new RedisProcess(relocateAddresses(relocatePaths(this.sentinelFiles.startScript, dirs), this.addresses, port), { HOSTNAME: hostname });
        this.processes.push(process);
        await process.ready(20_000, /Sentinel ID is/);
        return { hostname, port, dirs, process };
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
            failoverDetector: true,
            sentinelRetryStrategy: () => 100,
            retryStrategy: () => 50,
            maxRetriesPerRequest: 0,
            enableOfflineQueue: options.offlineQueue,
            lazyConnect: true,
        });
        this.clients.push(client);
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

    constructor(private readonly client: Redis, prefix: string, workers = 4) {
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
