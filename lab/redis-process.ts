import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import Redis from "ioredis";
import { POD_PATHS } from "hardened-redis/renderers";

/** A port that was free on 127.0.0.1 a moment ago. */
/** Ports handed out by this process, so that servers started side by side never get the same one. */
const handedOut = new Set<number>();

/**
 * A free loopback port below Linux's ephemeral range (32768 and up), where the outgoing connections of
 * clients take their ports: a port picked there can be taken by a client before its server binds it.
 */
export async function freePort(): Promise<number> {
    for (;;) {
        const port = 20000 + Math.floor(Math.random() * 12000);
        if (handedOut.has(port)) continue;
        const free = await new Promise<boolean>((resolve) => {
            const server = net.createServer();
            server.once("error", () => resolve(false));
            server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
        });
        if (free) {
            handedOut.add(port);
            return port;
        }
    }
}

/** Temporary directories, all removed by `removeAll`. */
export class TempDirs {
    private readonly dirs: string[] = [];

    make(prefix: string): string {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hardened-redis-${prefix}-`));
        this.dirs.push(dir);
        return dir;
    }

    removeAll(): void {
        for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    }
}

function openssl(args: string[], cwd: string): void {
    const result = spawnSync("openssl", args, { cwd, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`openssl ${args.join(" ")} failed: ${result.stderr}`);
}

/** Test PKI in `dir`: a CA (ca.crt), a server certificate for 127.0.0.1 that can also act as a client (tls.crt, tls.key), and client certificates. */
export function createTestPki(dir: string) {
    openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key"], dir);
    openssl(["req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=hardened-redis test CA", "-days", "2", "-out", "ca.crt"], dir);
    const sign = (name: string, subject: string, extensions: string) => {
        openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", `${name}.key`], dir);
        openssl(["req", "-new", "-key", `${name}.key`, "-subj", subject, "-out", `${name}.csr`], dir);
        fs.writeFileSync(path.join(dir, `${name}.ext`), extensions);
        openssl(
            [
                "x509",
                "-req",
                "-in",
                `${name}.csr`,
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                `${name}.ext`,
                "-out",
                `${name}.crt`,
            ],
            dir,
        );
    };
    sign(
        "tls",
        "/CN=localhost",
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\nkeyUsage=digitalSignature,keyEncipherment\n",
    );
    sign("client", "/CN=client", "extendedKeyUsage=clientAuth\nkeyUsage=digitalSignature\n");
    const read = (file: string) => fs.readFileSync(path.join(dir, file));
    return { dir, ca: read("ca.crt"), clientCert: read("client.crt"), clientKey: read("client.key") };
}

export type TestPki = ReturnType<typeof createTestPki>;

/** One server's directories on this machine, standing in for the pod's mounts. */
export interface ServerDirs {
    config: string;
    auth: string;
    tls: string;
    data: string;
}

/** Lays out a server's directories; the TLS directory is the shared test PKI. */
export function serverDirs(root: string, pki: TestPki): ServerDirs {
    const dirs = { config: path.join(root, "conf"), auth: path.join(root, "auth"), tls: pki.dir, data: path.join(root, "data") };
    for (const dir of [dirs.config, dirs.auth, dirs.data]) fs.mkdirSync(dir, { recursive: true });
    return dirs;
}

/** The pod's paths replaced by this machine's; nothing else changes. */
export function relocatePaths(text: string, dirs: ServerDirs): string {
    return text
        .replaceAll(`${POD_PATHS.config}/`, `${dirs.config}/`)
        .replaceAll(`${POD_PATHS.auth}/`, `${dirs.auth}/`)
        .replaceAll(`${POD_PATHS.tls}/`, `${dirs.tls}/`)
        .replaceAll(POD_PATHS.sentinel, dirs.data)
        .replace(new RegExp(`^dir ${POD_PATHS.data}$`, "m"), `dir ${dirs.data}`);
}

/** Listens on loopback only, on `port`, and follows `primary` when it is a replica. */
export function relocateNetwork(text: string, listen: { port: number; primary?: { host: string; port: number } }): string {
    let result = text.replace(/^bind .*$/m, "bind 127.0.0.1").replace(/^tls-port \d+$/m, `tls-port ${listen.port}`);
    if (listen.primary) result = result.replace(/^replicaof \S+ \d+$/m, `replicaof ${listen.primary.host} ${listen.primary.port}`);
    return result;
}

/** Writes files into a directory. */
export function writeFiles(dir: string, files: Record<string, string>): void {
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content, { mode: 0o600 });
}

/** A redis-server started by a shell script (the rendered start script), logging to a buffer. */
export class RedisProcess {
    private log = "";
    private exited: Promise<void>;
    readonly child: ChildProcess;

    constructor(script: string, env: Record<string, string>) {
        this.child = spawn("sh", ["-c", script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
        this.child.stdout!.on("data", (chunk) => (this.log += chunk));
        this.child.stderr!.on("data", (chunk) => (this.log += chunk));
        this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
    }

    get output(): string {
        return this.log;
    }

    get running(): boolean {
        return this.child.exitCode === null && this.child.signalCode === null;
    }

    /** Waits until the log says the server accepts connections (a sentinel: that it has its ID). */
    async ready(timeoutMs = 20_000, pattern = /Ready to accept connections/): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        while (!pattern.test(this.log)) {
            if (!this.running) throw new Error(`redis-server exited:\n${this.log}`);
            if (Date.now() > deadline) throw new Error(`redis-server not ready after ${timeoutMs} ms:\n${this.log}`);
            await sleep(50);
        }
    }

    /** Sends a signal and waits for the process to end. */
    async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
        if (this.running) this.child.kill(signal);
        await this.exited;
    }
}

export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An ioredis client over TLS that neither retries nor queues, so every failure shows. */
export function tlsClient(port: number, pki: TestPki, auth?: { username: string; password: string }, clientCertificate = false): Redis {
    return new Redis({
        host: "127.0.0.1",
        port,
        username: auth?.username,
        password: auth?.password,
        tls: { ca: pki.ca, servername: "localhost", ...(clientCertificate ? { cert: pki.clientCert, key: pki.clientKey } : {}) },
        lazyConnect: true,
        enableReadyCheck: false,
        disconnectTimeout: 100,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
    });
}

/** The error message a promise rejects with, or "" when it resolves. */
export async function errorOf(promise: Promise<unknown>): Promise<string> {
    try {
        await promise;
        return "";
    } catch (error) {
        return (error as Error).message;
    }
}

/** Runs a shell script and returns its exit status and output. */
export function runScript(script: string, env: Record<string, string> = {}): { status: number | null; output: string } {
    const result = spawnSync("sh", ["-c", script], { env: { ...process.env, ...env }, encoding: "utf8", timeout: 15_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Sends a plaintext PING and returns whatever comes back before the server closes or 2 s pass. */
export function plaintextPing(port: number): Promise<string> {
    return new Promise((resolve) => {
        let received = "";
        const socket = net.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
        const finish = () => {
            socket.destroy();
            resolve(received);
        };
        socket.on("data", (chunk) => (received += chunk.toString("latin1")));
        socket.on("close", finish);
        socket.on("error", finish);
        socket.setTimeout(2000, finish);
    });
}
