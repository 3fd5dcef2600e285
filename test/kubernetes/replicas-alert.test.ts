/**
 * RedisReplicasMissing while a backup runs. The backup job's `redis-cli --rdb` registers as a
 * replica of the pod it dumps from for its whole transfer, so a rule summing
 * `redis_connected_slaves` counted it in place of a replica that was gone. These tests check the
 * rule under promtool with series in the exporter's shape, then on real redis-servers with a real,
 * attached backup dump and the real exporter's scrapes.
 */
import { ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import Redis from "ioredis";
import { MockHarness, unwrapSecret } from "../support/harness";
import { haveCommand, itWhen } from "../support/tools";
import { BACKUP_TLS_DIR, BACKUP_WORK_DIR } from "../../components/kubernetes/backup/scripts";
import { AlertRule, metricsOf } from "../../components/kubernetes/monitoring/rules";
import { RenderedPods, RunningPod, TEST_NAMESPACE, passwordOf } from "../../lab/rendered-pods";
import { TempDirs, createTestPki, freePort, relocatePaths, sleep, tlsClient } from "../../lab/redis-process";

const REDIS_INSTALL = "apt-get install redis-server redis-tools";
const havePromtool = haveCommand("promtool", "apt-get install prometheus");
const haveServers =
    havePromtool &&
    haveCommand("redis-server", REDIS_INSTALL) &&
    haveCommand("redis-cli", REDIS_INSTALL) &&
    haveCommand("openssl", "apt-get install openssl", ["version"]) &&
    haveCommand("prometheus-redis-exporter", "apt-get install prometheus-redis-exporter");

const ALERT = "RedisReplicasMissing";
const BACKUP_ARGS = {
    bucket: "backups",
    region: "eu-west-1",
    credentials: { secretName: "s3" },
    pushgatewayUrl: "http://pushgateway.monitoring:9091",
};

const harness = new MockHarness();
const temp = new TempDirs();
beforeAll(() => harness.install());
afterAll(() => temp.removeAll());

type Labels = Record<string, string>;

const escape = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const selector = (metric: string, labels: Labels) =>
    `${metric}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${escape(v)}"`)
        .join(",")}}`;
const series = (metric: string, labels: Labels, values: string) => ({ series: selector(metric, labels), values });

function promtool(args: string[]): { status: number | null; output: string } {
    const result = spawnSync("promtool", args, { encoding: "utf8", timeout: 60_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Writes the rule files and the unit tests next to each other and runs `promtool test rules`. */
function promtoolTest(dir: string, ruleFiles: Record<string, { name: string; rules: AlertRule[] }[]>, tests: unknown[]) {
    for (const [file, groups] of Object.entries(ruleFiles)) fs.writeFileSync(path.join(dir, file), YAML.stringify({ groups }));
    const testFile = path.join(dir, "tests.yaml");
    fs.writeFileSync(testFile, YAML.stringify({ rule_files: Object.keys(ruleFiles), evaluation_interval: "1m", tests }));
    return promtool(["test", "rules", testFile]);
}

/** The alert as promtool reports it: no labels of its own (a count), the rule's severity and annotations. */
const firing = (rule: AlertRule) => ({ exp_labels: { ...rule.labels }, exp_annotations: { ...rule.annotations } });

/** The rule as it was, summing redis_connected_slaves over every pod: what it made of the same series. */
function ruleBefore(rule: AlertRule): AlertRule {
    const [, namespace, service] = /namespace="([^"]+)",service="([^"]+)"/.exec(rule.expr)!;
    return {
        ...rule,
        alert: `${rule.alert}Before`,
        expr: `sum(redis_connected_slaves{namespace="${namespace}",service="${service}"}) < 2`,
    };
}

describe("RedisReplicasMissing with a backup attached, under promtool", () => {
    const run = itWhen(havePromtool);
    let rule: AlertRule;
    let groups: { name: string; rules: AlertRule[] }[];

    beforeAll(async () => {
        const components = await import("hardened-redis");
        // Two replicas (the default); the backup job dumps from cache-1.
        const redis = new components.KubernetesRedis("cache", {
            namespace: "payments",
            allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }],
            monitoring: {},
            backup: BACKUP_ARGS,
        });
        await harness.settle(redis);
        groups = harness.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule").inputs.spec.groups;
        rule = groups[0].rules.find((r) => r.alert === ALERT)!;
    });

    it("counts the primary's online replicas that announced a port, not redis_connected_slaves", () => {
        expect(rule.expr).toBe(
            '(count(redis_connected_slave_offset_bytes{namespace="payments",service="cache-metrics",slave_state="online",slave_port!="0"} ' +
                'and on (pod) redis_instance_info{namespace="payments",service="cache-metrics",role="master"}) or vector(0)) < 2',
        );
        expect(metricsOf(rule.expr)).toEqual(["redis_connected_slave_offset_bytes", "redis_instance_info"]);
        expect(rule.annotations.description).toBe(
            "The primary lists fewer than 2 online replicas: a replica pod is gone, cut off or still resyncing. Backup dumps (redis-cli --rdb) do not count.",
        );
        expect([rule.for, rule.labels.severity, rule.annotations.summary]).toEqual(["5m", "critical", "Redis replicas are missing"]);
    });

    run("fires when a replica is gone while a backup is attached, and stays quiet for a healthy set with a backup running", () => {
        // What Prometheus stores from the ServiceMonitor: the exporter's labels plus the target's.
        const target = (pod: string) => ({
            namespace: "payments",
            service: "cache-metrics",
            pod,
            container: "exporter",
            endpoint: "metrics",
            job: "cache-metrics",
            instance: `10.0.0.${pod.slice(-1)}:9121`,
        });
        const info = (pod: string, role: "master" | "slave", values = "1x15") =>
            series(
                "redis_instance_info",
                {
                    ...target(pod),
                    maxmemory_policy: "volatile-lru",
                    os: "Linux 6.1.0 x86_64",
                    process_id: "1",
                    redis_build_id: "ae4d7c971a948f0",
                    redis_mode: "standalone",
                    redis_version: "7.0.15",
                    role,
                    run_id: `run-${pod}`,
                    tcp_port: "6379",
                },
                values,
            );
        /** One `slaveN:ip=...,port=...,state=...` line of INFO replication, as the exporter labels it. */
        const entry = (pod: string, ip: string, port: string, state: string, values: string) =>
            series("redis_connected_slave_offset_bytes", { ...target(pod), slave_ip: ip, slave_port: port, slave_state: state }, values);
        const connected = (pod: string, values: string) => series("redis_connected_slaves", target(pod), values);
        const linkUp = (pod: string, values: string) =>
            series(
                "redis_master_link_up",
                { ...target(pod), master_host: "cache-0.cache-headless.payments.svc.cluster.local", master_port: "6379" },
                values,
            );
        // The backup job's pod; Redis 7.0 shows its redis-cli --rdb as port=0, state wait_bgsave (diskless) or send_bulk (disk).
        const BACKUP_IP = "10.0.1.7";
        const quiet = (times: string[]) => times.map((eval_time) => ({ eval_time, alertname: ALERT, exp_alerts: [] }));
        const fires = (times: string[]) => times.map((eval_time) => ({ eval_time, alertname: ALERT, exp_alerts: [firing(rule)] }));
        // The bug: the rule as it was never fired while the backup was attached.
        const quietBefore = { eval_time: "15m", alertname: ruleBefore(rule).alert, exp_alerts: [] };
        const tests = [
            {
                name: "cache-2 gone at 3m while a long backup dumps from cache-1",
                interval: "1m",
                input_series: [
                    info("cache-0", "master"),
                    info("cache-1", "slave"),
                    info("cache-2", "slave", "1x2 stale"),
                    entry("cache-0", "10.0.0.1", "6379", "online", "5000+10x15"),
                    entry("cache-0", "10.0.0.2", "6379", "online", "5000+10x2 stale"),
                    connected("cache-0", "2 2 2 1x12"),
                    // The backup's connection on cache-1, for the whole 15 minutes: a dump that never ends.
                    connected("cache-1", "1x15"),
                    entry("cache-1", BACKUP_IP, "0", "wait_bgsave", "0x15"),
                    linkUp("cache-1", "1x15"),
                    connected("cache-2", "0x2 stale"),
                    linkUp("cache-2", "1x2 stale"),
                ],
                // Pending from 3m: the sum of redis_connected_slaves stays 2 throughout, the primary lists one replica.
                alert_rule_test: [...quiet(["2m", "7m"]), ...fires(["8m", "9m", "15m"]), quietBefore],
            },
            {
                name: "cache-2 gone at 3m while a backup dumps from the primary: wait_bgsave, send_bulk, then online (a client without REPLCONF rdb-only), always port 0",
                interval: "1m",
                input_series: [
                    info("cache-0", "master"),
                    info("cache-1", "slave"),
                    entry("cache-0", "10.0.0.1", "6379", "online", "5000+10x15"),
                    entry("cache-0", "10.0.0.2", "6379", "online", "5000+10x2 stale"),
                    entry("cache-0", BACKUP_IP, "0", "wait_bgsave", "0x2 stale"),
                    entry("cache-0", BACKUP_IP, "0", "send_bulk", "_x3 0x2 stale"),
                    entry("cache-0", BACKUP_IP, "0", "online", "_x6 5000+10x9"),
                    // From 3m one replica and the backup: the old sum stayed at 2.
                    connected("cache-0", "3 3 3 2x11"),
                    linkUp("cache-1", "1x15"),
                ],
                alert_rule_test: [...quiet(["2m", "7m"]), ...fires(["8m", "15m"]), quietBefore],
            },
            {
                name: "a healthy set while a backup dumps from cache-1",
                interval: "1m",
                input_series: [
                    info("cache-0", "master"),
                    info("cache-1", "slave"),
                    info("cache-2", "slave"),
                    entry("cache-0", "10.0.0.1", "6379", "online", "5000+10x15"),
                    entry("cache-0", "10.0.0.2", "6379", "online", "5000+10x15"),
                    connected("cache-0", "2x15"),
                    connected("cache-1", "0 0 1x13"),
                    entry("cache-1", BACKUP_IP, "0", "wait_bgsave", "_x2 0x13"),
                    linkUp("cache-1", "1x15"),
                    linkUp("cache-2", "1x15"),
                ],
                alert_rule_test: quiet(["1m", "5m", "10m", "15m"]),
            },
            {
                name: "a healthy set while backups dump from the primary: in wait_bgsave, in send_bulk, and an older client's online entry, all with port 0",
                interval: "1m",
                input_series: [
                    info("cache-0", "master"),
                    info("cache-1", "slave"),
                    info("cache-2", "slave"),
                    entry("cache-0", "10.0.0.1", "6379", "online", "5000+10x15"),
                    entry("cache-0", "10.0.0.2", "6379", "online", "5000+10x15"),
                    entry("cache-0", BACKUP_IP, "0", "wait_bgsave", "0x15"),
                    entry("cache-0", "10.0.1.8", "0", "send_bulk", "0x15"),
                    entry("cache-0", "10.0.1.9", "0", "online", "5000x15"),
                    connected("cache-0", "5x15"),
                ],
                alert_rule_test: quiet(["1m", "5m", "10m", "15m"]),
            },
            {
                name: "a replica in the primary's list that is not online (a full resync) does not count either",
                interval: "1m",
                input_series: [
                    info("cache-0", "master"),
                    entry("cache-0", "10.0.0.1", "6379", "online", "5000+10x15"),
                    entry("cache-0", "10.0.0.2", "6379", "wait_bgsave", "0x15"),
                    connected("cache-0", "2x15"),
                ],
                alert_rule_test: [...quiet(["4m"]), ...fires(["5m"])],
            },
            {
                name: "replica entries on a pod that is not the primary do not count",
                interval: "1m",
                input_series: [
                    info("cache-0", "master"),
                    info("cache-1", "slave"),
                    entry("cache-0", "10.0.0.1", "6379", "online", "5000+10x15"),
                    entry("cache-1", "10.0.0.2", "6379", "online", "5000+10x15"),
                ],
                alert_rule_test: fires(["5m"]),
            },
        ];
        const result = promtoolTest(
            temp.make("replicas-alert"),
            { "rules.yaml": groups, "before.yaml": [{ name: "before", rules: [ruleBefore(rule)] }] },
            tests,
        );
        expect(result.output).toMatch(/SUCCESS/);
        expect(result.status).toBe(0);
    });
});

/** One sample of the exporter's text format. */
interface Sample {
    name: string;
    labels: Labels;
    value: string;
}

function parseMetrics(text: string): Sample[] {
    const samples: Sample[] = [];
    for (const line of text.split("\n")) {
        if (!line || line.startsWith("#")) continue;
        const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
        if (!match) throw new Error(`unparsed metrics line: ${line}`);
        const labels: Labels = {};
        for (const [, key, value] of (match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
            labels[key] = value.replace(/\\(.)/g, (_, c) => (c === "n" ? "\n" : c));
        }
        samples.push({ name: match[1], labels, value: match[3] });
    }
    return samples;
}

/** The PID of the child of `parent` whose command is `command`, from /proc. */
function childNamed(parent: number, command: string): number {
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        let stat: string;
        try {
            stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
        } catch {
            continue; // exited meanwhile
        }
        // pid (comm) state ppid ...
        const match = /^\d+ \((.*)\) \S+ (\d+) /.exec(stat);
        if (match && match[1] === command && Number(match[2]) === parent) return Number(entry);
    }
    throw new Error(`no ${command} child of ${parent}`);
}

/** The promise's value, or `fallback` after `ms`; the timer does not outlive it. */
async function within<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
    let timer: NodeJS.Timeout | undefined;
    try {
        return await Promise.race([promise, new Promise<F>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)))]);
    } finally {
        clearTimeout(timer);
    }
}

/** A redis_exporter with the rendered sidecar's flags, serving one pod on loopback until stopped. */
interface RunningExporter {
    child: ChildProcess;
    url: string;
    metricsPort: number;
}

describe("RedisReplicasMissing on real redis-servers, the real backup dump and the real exporter", () => {
    const run = itWhen(haveServers);
    const exporters: ChildProcess[] = [];
    const clients: Redis[] = [];
    let pods: RenderedPods;
    let dump: ChildProcess | undefined;
    let dumpCli: number | undefined;

    afterAll(async () => {
        // The dump's redis-cli is still stopped if the test failed half-way.
        if (dumpCli !== undefined) {
            for (const signal of ["SIGCONT", "SIGKILL"] as const) {
                try {
                    process.kill(dumpCli, signal);
                } catch {
                    // already gone
                }
            }
        }
        if (dump && dump.exitCode === null) dump.kill("SIGKILL");
        for (const child of exporters) child.kill("SIGKILL");
        await Promise.all(clients.map((client) => client.disconnect()));
        await pods?.stopAll();
    });

    run(
        "stays quiet with a healthy set while the backup dumps from the replica, and fires once a replica is stopped with the dump still attached",
        async () => {
            const started = Date.now();
            const figures: Record<string, string> = {};
            const lap = (name: string, since: number) => (figures[name] = `${((Date.now() - since) / 1000).toFixed(1)} s`);

            pods = new RenderedPods(harness, temp, createTestPki(temp.make("pki")));
            const files = await pods.deploy("cache", { replicas: 2, monitoring: {}, backup: BACKUP_ARGS });
            const exporterSpec = harness
                .one("kubernetes:apps/v1:StatefulSet", "cache-statefulset")
                .inputs.spec.template.spec.containers.find((c: any) => c.name === "exporter");
            const ruleGroups = harness.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule").inputs.spec.groups as {
                name: string;
                rules: AlertRule[];
            }[];
            const rule = ruleGroups[0].rules.find((r) => r.alert === ALERT)!;
            const backupScript = harness.one("kubernetes:core/v1:ConfigMap", "cache-backup-scripts").inputs.data["backup.sh"] as string;
            const backupPassword = unwrapSecret(harness.one("kubernetes:core/v1:Secret", "cache-backup-auth").inputs.stringData)
                .password as string;
            const [, namespace, service] = /namespace="([^"]+)",service="([^"]+)"/.exec(rule.expr)!;
            expect(namespace).toBe(TEST_NAMESPACE);
            const before = ruleBefore(rule);

            const primary = await pods.start(files, "cache-0");
            const replica1 = await pods.start(files, "cache-1", primary);
            const replica2 = await pods.start(files, "cache-2", primary);
            const ops = async (pod: RunningPod) => {
                const client = tlsClient(pod.port, pods.pki, { username: "ops", password: passwordOf("cache", "ops") });
                clients.push(client);
                await client.connect();
                return client;
            };
            const admin0 = await ops(primary);
            const admin1 = await ops(replica1);
            const replication = async (client: Redis) =>
                (await client.info("replication")).split("\r\n").filter((line) => /^slave\d+:/.test(line));
            const until = async (what: string, condition: () => Promise<boolean>, timeoutMs: number) => {
                const deadline = Date.now() + timeoutMs;
                while (!(await condition())) {
                    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
                    await sleep(50);
                }
            };
            const syncStart = Date.now();
            await until(
                "both replicas online on the primary",
                async () => (await replication(admin0)).filter((line) => /state=online/.test(line)).length === 2,
                30_000,
            );
            lap("replicas in sync", syncStart);

            // 32 MiB of random values: more than the loopback socket buffers hold, so a dump stalls, attached, while its reader is stopped.
            const loadStart = Date.now();
            for (let batch = 0; batch < 128; batch += 32) {
                const pipeline = admin0.pipeline();
                for (let i = batch; i < batch + 32; i++) pipeline.set(`k:${i}`, randomBytes(256 * 1024));
                for (const [error] of (await pipeline.exec())!) if (error) throw error;
            }
            expect(await admin0.wait(2, 20_000)).toBe(2);
            lap("32 MiB loaded and replicated", loadStart);

            const exporterArgs = (pod: RunningPod, metricsPort: number) =>
                (exporterSpec.args as string[]).map((arg) =>
                    relocatePaths(arg, pod.dirs)
                        .replace(/^--redis\.addr=rediss:\/\/127\.0\.0\.1:\d+$/, `--redis.addr=rediss://127.0.0.1:${pod.port}`)
                        .replace(/^--web\.listen-address=:\d+$/, `--web.listen-address=127.0.0.1:${metricsPort}`),
                );
            const passwordKey = exporterSpec.env.find((e: any) => e.name === "REDIS_PASSWORD").valueFrom.secretKeyRef.key;
            const startExporter = async (pod: RunningPod): Promise<RunningExporter> => {
                const metricsPort = await freePort();
                const child = spawn("prometheus-redis-exporter", exporterArgs(pod, metricsPort), {
                    env: { ...process.env, REDIS_PASSWORD: files.auth[passwordKey] },
                    stdio: "ignore",
                });
                exporters.push(child);
                return { child, metricsPort, url: `http://127.0.0.1:${metricsPort}/metrics` };
            };
            const scrape = async (exporter: RunningExporter): Promise<string> => {
                for (let attempt = 0; attempt < 100; attempt++) {
                    if (exporter.child.exitCode !== null) throw new Error(`redis_exporter exited with ${exporter.child.exitCode}`);
                    try {
                        const response = await fetch(exporter.url);
                        if (response.ok) return await response.text();
                    } catch {
                        // not listening yet
                    }
                    await sleep(100);
                }
                throw new Error("redis_exporter did not serve metrics");
            };
            const podsByName = { "cache-0": primary, "cache-1": replica1, "cache-2": replica2 };
            const exporterOf = Object.fromEntries(
                await Promise.all(Object.entries(podsByName).map(async ([name, pod]) => [name, await startExporter(pod)] as const)),
            );
            for (const exporter of Object.values(exporterOf)) expect(await scrape(exporter)).toMatch(/^redis_up 1$/m);

            // The backup job's dump phase, as rendered, against cache-1 (the rendered source host), as the backup user.
            const workDir = temp.make("backup-work");
            const script = backupScript
                .replaceAll(`work=${BACKUP_WORK_DIR}`, `work=${workDir}`)
                .replaceAll(`${BACKUP_TLS_DIR}/`, `${pods.pki.dir}/`)
                .replace(/-h \S+ -p \d+ /, `-h 127.0.0.1 -p ${replica1.port} `);
            expect(backupScript).toMatch(/-h cache-1\.\S+ -p \d+ /);
            const dumpStart = Date.now();
            let dumpOutput = "";
            dump = spawn("sh", ["-c", script, "backup.sh", "dump"], {
                env: { ...process.env, REDISCLI_AUTH: backupPassword },
                stdio: ["ignore", "pipe", "pipe"],
            });
            dump.stdout!.on("data", (chunk) => (dumpOutput += chunk));
            dump.stderr!.on("data", (chunk) => (dumpOutput += chunk));
            const dumpExited = new Promise<number | null>((resolve) => dump!.once("exit", (status) => resolve(status)));
            await until("the backup's connection on cache-1", async () => (await replication(admin1)).length === 1, 10_000);
            // A slow reader: stop the dump's redis-cli (by its PID, the dump script's child) so that the transfer stays attached.
            dumpCli = childNamed(dump.pid!, "redis-cli");
            process.kill(dumpCli!, "SIGSTOP");
            const backupEntry = (await replication(admin1))[0];
            expect(backupEntry).toMatch(/^slave0:ip=127\.0\.0\.1,port=0,state=wait_bgsave,offset=0,lag=\d+$/);

            const snapshot = async (names: (keyof typeof podsByName)[]) => {
                const text = Object.fromEntries(
                    await Promise.all(names.map(async (name) => [name, await scrape(exporterOf[name])] as const)),
                );
                return { text, samples: names.flatMap((name) => parseMetrics(text[name]).map((sample) => ({ ...sample, pod: name }))) };
            };
            const healthy = await snapshot(["cache-0", "cache-1", "cache-2"]);
            const entryLine = (port: number | string, state: string) =>
                new RegExp(
                    `^redis_connected_slave_offset_bytes\\{slave_ip="127\\.0\\.0\\.1",slave_port="${port}",slave_state="${state}"\\} \\S+$`,
                    "m",
                );
            expect(healthy.text["cache-0"]).toMatch(entryLine(replica1.port, "online"));
            expect(healthy.text["cache-0"]).toMatch(entryLine(replica2.port, "online"));
            expect(healthy.text["cache-0"]).toMatch(/^redis_connected_slaves 2$/m);
            expect(healthy.text["cache-1"]).toMatch(entryLine(0, "wait_bgsave"));
            expect(healthy.text["cache-1"]).toMatch(/^redis_connected_slaves 1$/m);

            // cache-2 stopped by its PID; its connection closes, so the primary drops it from its list at once.
            const stopStart = Date.now();
            await replica2.server.stop("SIGKILL");
            await until("the primary to drop cache-2", async () => (await replication(admin0)).length === 1, 10_000);
            lap("replica stopped until the primary dropped it", stopStart);
            const degraded = await snapshot(["cache-0", "cache-1"]);
            const degradedWithDeadExporter = await snapshot(["cache-0", "cache-1", "cache-2"]);
            expect(degradedWithDeadExporter.text["cache-2"]).toMatch(/^redis_up 0$/m);
            // The dump is still attached to cache-1 and has not finished.
            const withoutLag = (entries: string[]) => entries.map((entry) => entry.replace(/,lag=\d+$/, ""));
            expect(withoutLag(await replication(admin1))).toEqual(withoutLag([backupEntry]));
            expect(degraded.text["cache-1"]).toMatch(entryLine(0, "wait_bgsave"));
            expect(dump.exitCode).toBeNull();

            // Let the dump finish: a complete, real backup, not a stand-in.
            process.kill(dumpCli!, "SIGCONT");
            const status = await within(dumpExited, 30_000, "timeout");
            lap("backup attached (dump phase, start to end)", dumpStart);
            expect([status, dumpOutput]).toEqual([
                0,
                expect.stringMatching(/Transfer finished with success[\s\S]*backup: wrote \S+\.rdb\.gz \(\d+ bytes\)/),
            ]);
            dumpCli = undefined;
            await until("the backup's connection to leave cache-1", async () => (await replication(admin1)).length === 0, 10_000);
            const degradedAfterBackup = await snapshot(["cache-0", "cache-1"]);

            // Each snapshot, held for 10 minutes, as Prometheus would store it from the ServiceMonitor.
            const inputSeries = (samples: (Sample & { pod: string })[]) =>
                samples
                    .filter((sample) => Number.isFinite(Number(sample.value)))
                    .map((sample) =>
                        series(
                            sample.name,
                            {
                                ...sample.labels,
                                namespace,
                                service,
                                pod: sample.pod,
                                container: "exporter",
                                endpoint: "metrics",
                                job: service,
                                instance: `127.0.0.1:${exporterOf[sample.pod].metricsPort}`,
                            },
                            Array(11).fill(Number(sample.value)).join(" "),
                        ),
                    );
            const expectAt10m = (fires: boolean, firesBefore: boolean) => [
                { eval_time: "10m", alertname: ALERT, exp_alerts: fires ? [firing(rule)] : [] },
                { eval_time: "10m", alertname: before.alert, exp_alerts: firesBefore ? [firing(before)] : [] },
            ];
            const tests = [
                {
                    name: "healthy, backup attached to cache-1",
                    interval: "1m",
                    input_series: inputSeries(healthy.samples),
                    alert_rule_test: expectAt10m(false, false),
                },
                // The bug, on real samples: the rule as it was stays quiet; the fixed rule fires.
                {
                    name: "cache-2 gone, backup attached to cache-1",
                    interval: "1m",
                    input_series: inputSeries(degraded.samples),
                    alert_rule_test: expectAt10m(true, false),
                },
                {
                    name: "cache-2 down but its exporter up, backup attached",
                    interval: "1m",
                    input_series: inputSeries(degradedWithDeadExporter.samples),
                    alert_rule_test: expectAt10m(true, false),
                },
                {
                    name: "cache-2 gone, backup finished",
                    interval: "1m",
                    input_series: inputSeries(degradedAfterBackup.samples),
                    alert_rule_test: expectAt10m(true, true),
                },
            ];
            const dir = temp.make("replicas-alert-real");
            const result = promtoolTest(dir, { "rules.yaml": ruleGroups, "before.yaml": [{ name: "before", rules: [before] }] }, tests);
            if (result.status !== 0) console.log(result.output);
            expect(result.output).toMatch(/SUCCESS/);
            expect(result.status).toBe(0);

            figures.series = `${tests.map((t) => t.input_series.length).join(", ")} scraped series per snapshot`;
            lap("whole test", started);
            console.log(
                `RedisReplicasMissing on real servers: ${Object.entries(figures)
                    .map(([k, v]) => `${k} ${v}`)
                    .join("; ")}`,
            );
        },
        120_000,
    );
});
