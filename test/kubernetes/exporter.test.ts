import { ChildProcess, spawn } from "node:child_process";
import Redis from "ioredis";
import { MockHarness } from "../support/harness";
import { haveCommand, itWhen } from "../support/tools";
import { BACKUP_SUCCESS_METRIC, metricsOf } from "../../components/kubernetes/monitoring/rules";
import { RenderedFiles } from "../../lab/rendered";
import { RenderedPods, RunningPod, passwordOf } from "../../lab/rendered-pods";
import { TempDirs, createTestPki, freePort, relocatePaths, sleep, tlsClient } from "../../lab/redis-process";

const REDIS_INSTALL = "apt-get install redis-server redis-tools";
const haveTools =
    haveCommand("redis-server", REDIS_INSTALL) &&
    haveCommand("openssl", "apt-get install openssl", ["version"]) &&
    haveCommand("prometheus-redis-exporter", "apt-get install prometheus-redis-exporter");
const run = itWhen(haveTools);

/**
 * The backup-age metric is not the exporter's: the backup job pushes it to a Pushgateway after each
 * upload (checked by the backup drill), so it is the one rule metric this check leaves out.
 */
const PUSHED_METRICS = [BACKUP_SUCCESS_METRIC];

const harness = new MockHarness();
const temp = new TempDirs();
const exporters: ChildProcess[] = [];
const clients: Redis[] = [];
let pods: RenderedPods;
let files: RenderedFiles;
let primary: RunningPod;
let replica: RunningPod;
let exporter: any;
let rules: { alert: string; expr: string }[];

beforeAll(async () => {
    if (!haveTools) return;
    await harness.install();
    pods = new RenderedPods(harness, temp, createTestPki(temp.make("pki")));
    files = await pods.deploy("cache", {
        replicas: 1,
        monitoring: {},
        backup: {
            bucket: "backups",
            region: "eu-west-1",
            credentials: { secretName: "s3" },
            pushgatewayUrl: "http://pushgateway.monitoring:9091",
        },
    });
    const statefulSet = harness.one("kubernetes:apps/v1:StatefulSet").inputs;
    exporter = statefulSet.spec.template.spec.containers.find((c: any) => c.name === "exporter");
    rules = harness.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule").inputs.spec.groups[0].rules;
    primary = await pods.start(files, "cache-0");
    replica = await pods.start(files, "cache-1", primary);
}, 180_000);
afterAll(async () => {
    for (const child of exporters) child.kill("SIGKILL");
    await Promise.all(clients.map((client) => client.disconnect()));
    await pods?.stopAll();
    temp.removeAll();
});

/** Runs the rendered sidecar's flags against a pod: only the Redis port, the paths and the listen address change. */
async function scrapeRenderedExporter(pod: RunningPod): Promise<string> {
    const metricsPort = await freePort();
    const args = (exporter.args as string[]).map((arg) =>
        relocatePaths(arg, pod.dirs)
            .replace(/^--redis\.addr=rediss:\/\/127\.0\.0\.1:\d+$/, `--redis.addr=rediss://127.0.0.1:${pod.port}`)
            .replace(/^--web\.listen-address=:\d+$/, `--web.listen-address=127.0.0.1:${metricsPort}`),
    );
    const passwordRef = exporter.env.find((e: any) => e.name === "REDIS_PASSWORD").valueFrom.secretKeyRef;
    const child = spawn("prometheus-redis-exporter", args, {
        env: { ...process.env, REDIS_PASSWORD: files.auth[passwordRef.key] },
        stdio: "ignore",
    });
    exporters.push(child);
    for (let attempt = 0; attempt < 100; attempt++) {
        if (child.exitCode !== null) throw new Error(`redis_exporter exited with ${child.exitCode}`);
        try {
            const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
            if (response.ok) return await response.text();
        } catch {
            // not listening yet
        }
        await sleep(100);
    }
    throw new Error("redis_exporter did not serve metrics");
}

const metricNames = (text: string) =>
    new Set(
        text
            .split("\n")
            .filter((line) => line && !line.startsWith("#"))
            .map((line) => line.split(/[{ ]/)[0]),
    );

describe("the rendered exporter sidecar against a real redis-server", () => {
    run(
        "reports redis_up 1 over TLS as the monitoring user, with no command denied, and exports every metric the rules read",
        async () => {
            const admin = tlsClient(primary.port, pods.pki, { username: "ops", password: passwordOf("cache", "ops") });
            clients.push(admin);
            await admin.connect();
            await admin.acl("LOG", "RESET");
            await admin.set("k", "v");
            await admin.get("k");
            await admin.get("missing");
            const replicaAdmin = tlsClient(replica.port, pods.pki, { username: "ops", password: passwordOf("cache", "ops") });
            clients.push(replicaAdmin);
            await replicaAdmin.connect();
            for (let i = 0; i < 300 && !/master_link_status:up/.test(await replicaAdmin.info("replication")); i++) await sleep(100);

            const fromPrimary = await scrapeRenderedExporter(primary);
            const fromReplica = await scrapeRenderedExporter(replica);
            for (const metrics of [fromPrimary, fromReplica]) expect(metrics).toMatch(/^redis_up 1$/m);
            expect(fromPrimary).toMatch(/^redis_instance_info\{.*role="master".*\} 1$/m);
            expect(fromReplica).toMatch(/^redis_master_link_up\{[^}]*\} 1$/m);
            expect(await admin.acl("LOG")).toEqual([]);

            const exported = new Set([...metricNames(fromPrimary), ...metricNames(fromReplica)]);
            const missing = rules.flatMap((rule) =>
                metricsOf(rule.expr)
                    .filter((metric) => !PUSHED_METRICS.includes(metric) && !exported.has(metric))
                    .map((metric) => `${rule.alert}: ${metric}`),
            );
            expect(missing).toEqual([]);
            expect(rules.flatMap((rule) => metricsOf(rule.expr)).filter((metric) => !exported.has(metric))).toEqual(PUSHED_METRICS);
        },
        60_000,
    );
});
