/**
 * The backup and restore drill: real redis-servers started from the rendered configuration, the
 * rendered backup and restore scripts, /usr/bin/aws against a local S3-compatible server (s3rver).
 * Only paths, ports and endpoints differ from what the pods run. Used by the tests and by bench/.
 */
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import * as path from "node:path";
import Redis from "ioredis";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- s3rver ships no types.
const S3rver = require("s3rver");
import { BACKUP_TLS_DIR, BACKUP_WORK_DIR, POD_PATHS } from "hardened-redis/renderers";
import { MockDeployment, unwrapSecret } from "./mock-deployment";
import { RenderedPods, RunningPod, passwordOf } from "./rendered-pods";
import { TempDirs, createTestPki, freePort, tlsClient } from "./redis-process";

export const AWS_CLI = "/usr/bin/aws";
const RENDERED_ENDPOINT = "https://s3.drill.invalid";
const RENDERED_PUSHGATEWAY = "http://pushgateway.drill.invalid:9091";
const BUCKET = "drill-backups";
const VALUE_BYTES = 64 * 1024;
const MB = 2 ** 20;

/** The drill's component: a primary and one replica, backups with monitoring, sized for the data set. */
function drillArgs(memoryLimit: string, restoreFrom?: string) {
    return {
        replicas: 1,
        resources: { requests: { cpu: "500m", memory: memoryLimit }, limits: { cpu: "1", memory: memoryLimit } },
        maxmemoryPolicy: "noeviction",
        monitoring: {},
        backup: {
            bucket: BUCKET,
            region: "eu-west-1",
            endpoint: RENDERED_ENDPOINT,
            credentials: { secretName: "s3-keys" },
            pushgatewayUrl: RENDERED_PUSHGATEWAY,
            restoreFrom,
        },
    };
}

/** A local S3-compatible server and a Pushgateway stand-in that records what the backup job pushes. */
export class DrillServices {
    private s3: any;
    private pushgateway?: http.Server;
    readonly pushes: { url: string; body: string }[] = [];
    s3Endpoint = "";
    pushgatewayUrl = "";

    async start(dir: string): Promise<void> {
        this.s3 = new S3rver({
            address: "127.0.0.1",
            port: await freePort(),
            silent: true,
            directory: dir,
            configureBuckets: [{ name: BUCKET }],
        });
        const address = await this.s3.run();
        this.s3Endpoint = `http://127.0.0.1:${address.port}`;
        this.pushgateway = http.createServer((request, response) => {
            let body = "";
            request.on("data", (chunk) => (body += chunk));
            request.on("end", () => {
                this.pushes.push({ url: `${request.method} ${request.url}`, body });
                response.writeHead(200).end();
            });
        });
        const port = await freePort();
        await new Promise<void>((resolve) => this.pushgateway!.listen(port, "127.0.0.1", resolve));
        this.pushgatewayUrl = `http://127.0.0.1:${port}`;
    }

    async stop(): Promise<void> {
        await this.s3?.close();
        await new Promise((resolve) => (this.pushgateway ? this.pushgateway.close(resolve) : resolve(undefined)));
    }
}

export interface ScriptResult {
    status: number | null;
    output: string;
    seconds: number;
}

/** Runs a rendered script phase asynchronously (the S3 server lives in this process). */
function runPhase(script: string, phase: string, env: Record<string, string>): Promise<ScriptResult> {
    const started = process.hrtime.bigint();
    return new Promise((resolve) => {
        const child = spawn("sh", ["-c", script, "script", phase], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        child.on("exit", (status) => resolve({ status, output, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
    });
}

export interface DrillFigures {
    megabytes: number;
    keys: number;
    backupSeconds: number;
    /** redis-cli --rdb from the replica, gzip and sha256sum. */
    dumpSeconds: number;
    /** Both objects to S3 and the Pushgateway report. */
    uploadSeconds: number;
    backupMegabytesPerSecond: number;
    objectBytes: number;
    rtoSeconds: number;
    rpoSeconds: number;
    verifiedKeys: number;
    /** A key written after the backup: the restore must not have it. */
    lostAfterBackup: boolean;
    /** ACL log entries on the replica after the backup: commands the backup user was denied. */
    deniedDuringBackup: number;
}

/** One drill: load, back up, destroy, restore into a fresh server, verify every key. */
export class BackupDrill {
    private readonly temp = new TempDirs();
    private readonly services = new DrillServices();
    private pods!: RenderedPods;
    private readonly clients: Redis[] = [];
    private binDir = "";
    objectKey = "";
    /** The server the drill restored into, running until tearDown. */
    restored?: RunningPod;

    constructor(private readonly deployment: MockDeployment) {}

    async setUp(): Promise<void> {
        await this.services.start(this.temp.make("s3"));
        this.pods = new RenderedPods(this.deployment, this.temp, createTestPki(this.temp.make("pki")));
        // The scripts call `aws`; this machine's is Debian's at /usr/bin/aws.
        this.binDir = this.temp.make("bin");
        fs.symlinkSync(AWS_CLI, path.join(this.binDir, "aws"));
    }

    async tearDown(): Promise<void> {
        await Promise.all(this.clients.map((client) => client.disconnect()));
        await this.pods?.stopAll();
        await this.services.stop();
        this.temp.removeAll();
    }

    get pushes() {
        return this.services.pushes;
    }

    private awsEnv(): Record<string, string> {
        return {
            PATH: `${this.binDir}:${process.env.PATH}`,
            AWS_ACCESS_KEY_ID: "S3RVER",
            AWS_SECRET_ACCESS_KEY: "S3RVER",
            HOME: this.temp.make("home"),
        };
    }

    private admin(pod: RunningPod): Promise<Redis> {
        return this.connect(pod, "ops");
    }

    /** A client of `pod` as one of the component's users, with its generated password. */
    async connect(pod: RunningPod, user: string): Promise<Redis> {
        const client = tlsClient(pod.port, this.pods.pki, { username: user, password: passwordOf("cache", user) });
        this.clients.push(client);
        await client.connect();
        return client;
    }

    /** The rendered scripts and the backup user's password, for the args given. */
    private async render(memoryLimit: string, restoreFrom?: string) {
        const files = await this.pods.deploy("cache", drillArgs(memoryLimit, restoreFrom));
        const scripts = this.deployment.one("kubernetes:core/v1:ConfigMap", "cache-backup-scripts").inputs.data as Record<string, string>;
        const backupPassword = unwrapSecret(this.deployment.one("kubernetes:core/v1:Secret", "cache-backup-auth").inputs.stringData)
            .password as string;
        return { files, scripts, backupPassword };
    }

    private relocateEndpoints(script: string): string {
        return script
            .replaceAll(RENDERED_ENDPOINT, this.services.s3Endpoint)
            .replaceAll(RENDERED_PUSHGATEWAY, this.services.pushgatewayUrl);
    }

    /** Runs the whole drill with `megabytes` of 64 KiB random values, and returns its figures. */
    async run(megabytes: number, memoryLimit: string): Promise<DrillFigures> {
        const rendered = await this.render(memoryLimit);
        const primary = await this.pods.start(rendered.files, "cache-0");
        const replica = await this.pods.start(rendered.files, "cache-1", primary);
        const writer = await this.admin(primary);

        const digests = new Map<string, string>();
        const keys = Math.ceil((megabytes * MB) / VALUE_BYTES);
        for (let batch = 0; batch < keys; batch += 256) {
            const pipeline = writer.pipeline();
            for (let i = batch; i < Math.min(keys, batch + 256); i++) {
                const value = randomBytes(VALUE_BYTES);
                digests.set(`drill:${i}`, createHash("sha256").update(value).digest("hex"));
                pipeline.set(`drill:${i}`, value);
            }
            for (const [error] of (await pipeline.exec())!) if (error) throw error;
        }
        // The replica has every write once WAIT returns.
        if ((await writer.wait(1, 120_000)) !== 1) throw new Error("the replica did not acknowledge the data set");

        const workDir = this.temp.make("backup-work");
        const backupScript = this.relocateEndpoints(rendered.scripts["backup.sh"])
            .replaceAll(`work=${BACKUP_WORK_DIR}`, `work=${workDir}`)
            .replaceAll(`${BACKUP_TLS_DIR}/`, `${this.pods.pki.dir}/`)
            .replace(/-h \S+ -p \d+ /, `-h 127.0.0.1 -p ${replica.port} `);
        const snapshotAt = Date.now();
        const dump = await runPhase(backupScript, "dump", { REDISCLI_AUTH: rendered.backupPassword });
        if (dump.status !== 0) throw new Error(`backup dump failed:\n${dump.output}`);
        const upload = await runPhase(backupScript, "upload", this.awsEnv());
        if (upload.status !== 0) throw new Error(`backup upload failed:\n${upload.output}`);
        const object = fs.readFileSync(path.join(workDir, "object"), "utf8").trim();
        this.objectKey = `data/cache/${object}`;
        const objectBytes = fs.statSync(path.join(workDir, object)).size;

        const deniedDuringBackup = ((await (await this.admin(replica)).acl("LOG")) as unknown[]).length;
        // Written after the backup: lost in the disaster, which is what the RPO measures.
        await writer.set("drill:after-backup", "lost");
        const destroyedAt = Date.now();
        await this.pods.stopAll();
        for (const pod of [primary, replica]) fs.rmSync(pod.dirs.data, { recursive: true, force: true });

        const fresh = await this.restore(memoryLimit, this.objectKey);
        if (fresh.failure) throw new Error(`restore failed:\n${fresh.failure}`);

        this.restored = fresh.pod;
        const reader = await this.admin(fresh.pod!);
        let verifiedKeys = 0;
        const names = [...digests.keys()];
        for (let batch = 0; batch < names.length; batch += 256) {
            const slice = names.slice(batch, batch + 256);
            const values = await reader.mgetBuffer(...slice);
            values.forEach((value, i) => {
                if (value && createHash("sha256").update(value).digest("hex") === digests.get(slice[i])) verifiedKeys++;
            });
        }
        return {
            megabytes,
            keys,
            backupSeconds: dump.seconds + upload.seconds,
            dumpSeconds: dump.seconds,
            uploadSeconds: upload.seconds,
            backupMegabytesPerSecond: (keys * VALUE_BYTES) / MB / (dump.seconds + upload.seconds),
            objectBytes,
            rtoSeconds: fresh.seconds,
            rpoSeconds: (destroyedAt - snapshotAt) / 1000,
            verifiedKeys: verifiedKeys === keys && (await reader.dbsize()) === keys ? verifiedKeys : -verifiedKeys,
            lostAfterBackup: (await reader.exists("drill:after-backup")) === 0,
            deniedDuringBackup,
        };
    }

    /**
     * Renders the component with `restoreFrom`, runs the restore phases on an empty data directory
     * and starts Redis from it. On a refused object, returns the error and what was left in the directory.
     */
    async restore(
        memoryLimit: string,
        objectKey: string,
    ): Promise<{ pod?: RunningPod; failure?: string; leftInData?: string[]; seconds: number }> {
        const rendered = await this.render(memoryLimit, objectKey);
        let failure: string | undefined;
        let leftInData: string[] = [];
        let pod: RunningPod | undefined;
        let started = 0;
        try {
            pod = await this.pods.start(rendered.files, "cache-0", undefined, async (dirs) => {
                started = Date.now();
                const result = await this.restorePhases(rendered.scripts["restore.sh"], dirs.data);
                if (result.status !== 0) {
                    failure = result.output;
                    leftInData = fs.readdirSync(dirs.data);
                    throw new Error(failure);
                }
            });
        } catch (error) {
            if (!failure) throw error;
        }
        // From the first restore step to Redis accepting connections with the data loaded.
        return { pod, failure, leftInData, seconds: (Date.now() - started) / 1000 };
    }

    /** The rendered restore script's two phases, as pod 0's init containers run them, on `dataDir`. */
    private async restorePhases(rendered: string, dataDir: string): Promise<ScriptResult> {
        // The data volume's mount point, not an S3 key that happens to contain it.
        const script = this.relocateEndpoints(rendered).replace(new RegExp(`(?<![\\w.-])${POD_PATHS.data}(?=[/ ])`, "g"), dataDir);
        const env = { ...this.awsEnv(), HOSTNAME: "cache-0" };
        const download = await runPhase(script, "download", env);
        if (download.status !== 0) return download;
        const place = await runPhase(script, "place", env);
        return { status: place.status, output: download.output + place.output, seconds: download.seconds + place.seconds };
    }

    /** Runs the restore phases on a data directory that already holds `files`. */
    async restoreOnto(
        memoryLimit: string,
        objectKey: string,
        files: Record<string, string>,
    ): Promise<ScriptResult & { leftInData: string[] }> {
        const rendered = await this.render(memoryLimit, objectKey);
        const dataDir = this.temp.make("restore-onto");
        for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dataDir, name), content);
        const result = await this.restorePhases(rendered.scripts["restore.sh"], dataDir);
        return { ...result, leftInData: fs.readdirSync(dataDir) };
    }

    /** Replaces the stored object with `content`, keeping its checksum object. */
    async overwriteObject(key: string, content: (original: Buffer) => Buffer): Promise<void> {
        const file = path.join(this.temp.make("tamper"), "object");
        const aws = (args: string[]) =>
            runPhase(
                `aws --region eu-west-1 --endpoint-url ${this.services.s3Endpoint} --only-show-errors s3 cp ${args.join(" ")}`,
                "",
                this.awsEnv(),
            );
        const download = await aws([`s3://${BUCKET}/${key}`, file]);
        if (download.status !== 0) throw new Error(download.output);
        fs.writeFileSync(file, content(fs.readFileSync(file)));
        const upload = await aws([file, `s3://${BUCKET}/${key}`]);
        if (upload.status !== 0) throw new Error(upload.output);
    }
}
