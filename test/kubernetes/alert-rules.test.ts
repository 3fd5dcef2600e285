import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import YAML from "yaml";
import { MockHarness } from "../support/harness";
import { haveCommand, itWhen } from "../support/tools";
import { TempDirs } from "../../lab/redis-process";
import { AlertRule, BACKUP_SUCCESS_METRIC, metricsOf, renderAlertRules } from "../../components/kubernetes/monitoring/rules";
import { MONITORING_DEFAULTS } from "../../components/kubernetes/monitoring/settings";

const havePromtool = haveCommand("promtool", "apt-get install prometheus");
const run = itWhen(havePromtool);
const harness = new MockHarness();
const temp = new TempDirs();
let groups: { name: string; rules: AlertRule[] }[];
let rulesFile: string;

const SCOPE = { namespace: "payments", service: "cache-metrics" };
const SENTINEL_SCOPE = { namespace: "payments", service: "cache-sentinel-metrics" };
const OPTIONS = {
    namespace: "payments",
    metricsService: "cache-metrics",
    replicas: 2,
    maxclients: 10000,
    thresholds: { ...MONITORING_DEFAULTS.thresholds },
    backup: { instance: "payments.cache", rpoMinutes: 30 },
};

beforeAll(async () => {
    await harness.install();
    const components = await import("hardened-redis");
    const redis = new components.KubernetesRedis("cache", {
        namespace: "payments",
        allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }],
        monitoring: {},
        backup: {
            bucket: "backups",
            region: "eu-west-1",
            credentials: { secretName: "s3" },
            pushgatewayUrl: "http://pushgateway.monitoring:9091",
        },
    });
    await harness.settle(redis);
    groups = harness.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule").inputs.spec.groups;
    rulesFile = path.join(temp.make("rules"), "rules.yaml");
    fs.writeFileSync(rulesFile, YAML.stringify({ groups }));
});
afterAll(() => temp.removeAll());

const ruleNamed = (alert: string) => groups[0].rules.find((r) => r.alert === alert)!;

/** The alert as promtool reports it: the rule's labels and annotations, templates filled for the pod. */
function firing(alert: string, labels: Record<string, string>) {
    const rule = ruleNamed(alert);
    const fill = (text: string) => text.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_, label: string) => labels[label] ?? "");
    return {
        exp_labels: { ...labels, ...rule.labels },
        exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, fill(v)])),
    };
}

const series = (metric: string, labels: Record<string, string>, values: string) => ({
    series: `${metric}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(",")}}`,
    values,
});

function promtool(args: string[]): { status: number | null; output: string } {
    const result = spawnSync("promtool", args, { encoding: "utf8", timeout: 60_000 });
    return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("the rendered alert rules", () => {
    it("cover every required condition, each with a severity and a runbook", () => {
        expect(groups).toHaveLength(1);
        expect(groups[0].rules.map((r) => r.alert)).toEqual([
            "RedisDown",
            "RedisMissingPrimary",
            "RedisReplicationLinkDown",
            "RedisReplicasMissing",
            "RedisReplicationLagging",
            "RedisMemoryHigh",
            "RedisEvictions",
            "RedisRejectedConnections",
            "RedisConnectionsNearLimit",
            "RedisLatencyAboveSlo",
            "RedisHitRateLow",
            "RedisPersistenceError",
            "RedisSentinelFailover",
            "RedisSentinelMasterDown",
            "RedisSentinelQuorumLost",
            "RedisBackupTooOld",
        ]);
        for (const rule of groups[0].rules) {
            expect([rule.alert, ["critical", "warning"].includes(rule.labels.severity), rule.annotations.runbook.length > 20]).toEqual([
                rule.alert,
                true,
                true,
            ]);
        }
    });

    it("take their thresholds from the args", () => {
        const rules = renderAlertRules({
            ...OPTIONS,
            thresholds: {
                memoryPercent: 75,
                evictionsPerSecond: 5,
                connectionsPercent: 60,
                latencySloMilliseconds: 0.5,
                hitRatePercent: 95,
                replicationLagSeconds: 30,
            },
            backup: { instance: "payments.cache", rpoMinutes: 60 },
        });
        const expr = (alert: string) => rules.find((r) => r.alert === alert)!.expr;
        expect(expr("RedisMemoryHigh")).toContain("* 100 > 75 and");
        expect(expr("RedisEvictions")).toMatch(/\[5m\]\) > 5$/);
        expect(expr("RedisConnectionsNearLimit")).toMatch(/ > 6000$/);
        expect(expr("RedisLatencyAboveSlo")).toMatch(/ \* 1000 > 0.5$/);
        expect(expr("RedisHitRateLow")).toMatch(/ \* 100 < 95$/);
        expect(expr("RedisReplicationLagging")).toMatch(/ > 30$/);
        expect(expr("RedisBackupTooOld")).toContain("> 3600 or absent(");
    });

    it("leave out the replica count, Sentinel and backup age rules where there are no replicas, sentinels or backups", () => {
        const alerts = renderAlertRules({ ...OPTIONS, replicas: 0, backup: undefined }).map((r) => r.alert);
        expect(alerts.filter((alert) => alert.startsWith("RedisSentinel"))).toEqual([]);
        expect(alerts).not.toContain("RedisReplicasMissing");
        expect(alerts).not.toContain("RedisBackupTooOld");
    });

    it("name their metrics, which the exporter check relies on", () => {
        expect(metricsOf(ruleNamed("RedisMemoryHigh").expr)).toEqual(["redis_memory_max_bytes", "redis_memory_used_bytes"]);
        expect(metricsOf(ruleNamed("RedisBackupTooOld").expr)).toEqual([BACKUP_SUCCESS_METRIC]);
    });

    run("pass promtool check rules", () => {
        const result = promtool(["check", "rules", rulesFile]);
        expect(result.output).toMatch(/SUCCESS: 16 rules found/);
        expect(result.status).toBe(0);
    });

    run("fire and stay quiet exactly when they should, under promtool test rules", () => {
        const cache0 = { ...SCOPE, pod: "cache-0" };
        const cache1 = { ...SCOPE, pod: "cache-1" };
        const cache2 = { ...SCOPE, pod: "cache-2" };
        const backup = { redis_instance: "payments.cache" };
        const tests = [
            {
                name: "down",
                interval: "1m",
                input_series: [series("redis_up", cache0, "1 1 1 0 0 0 0 0 0 0"), series("redis_up", cache1, "1x10")],
                alert_rule_test: [
                    { eval_time: "2m", alertname: "RedisDown", exp_alerts: [] },
                    { eval_time: "3m", alertname: "RedisDown", exp_alerts: [] },
                    { eval_time: "5m", alertname: "RedisDown", exp_alerts: [firing("RedisDown", cache0)] },
                ],
            },
            {
                name: "memory",
                interval: "1m",
                input_series: [
                    series("redis_memory_used_bytes", cache0, "95x15"),
                    series("redis_memory_max_bytes", cache0, "100x15"),
                    series("redis_memory_used_bytes", cache1, "89x15"),
                    series("redis_memory_max_bytes", cache1, "100x15"),
                    // maxmemory 0 means no limit: no ratio to alert on.
                    series("redis_memory_used_bytes", cache2, "95x15"),
                    series("redis_memory_max_bytes", cache2, "0x15"),
                ],
                alert_rule_test: [
                    { eval_time: "4m", alertname: "RedisMemoryHigh", exp_alerts: [] },
                    { eval_time: "10m", alertname: "RedisMemoryHigh", exp_alerts: [firing("RedisMemoryHigh", cache0)] },
                ],
            },
            {
                name: "replication",
                interval: "1m",
                input_series: [
                    // The primary lists two online replicas; one leaves its list at 3m (the exporter's labels).
                    series("redis_instance_info", { ...cache0, role: "master" }, "1x12"),
                    series(
                        "redis_connected_slave_offset_bytes",
                        { ...cache0, slave_ip: "10.0.0.2", slave_port: "6379", slave_state: "online" },
                        "1000+100x2 stale",
                    ),
                    series(
                        "redis_connected_slave_offset_bytes",
                        { ...cache0, slave_ip: "10.0.0.3", slave_port: "6379", slave_state: "online" },
                        "1000+100x12",
                    ),
                    series("redis_connected_slaves", cache0, "2 2 2 1 1 1 1 1 1 1 1 1"),
                    series("redis_connected_slaves", cache1, "0x12"),
                    series("redis_master_link_up", cache1, "1 1 0 0 0 0 0 0 0 0 0 0"),
                    series("redis_master_link_up", cache2, "1x12"),
                    series("redis_connected_slave_lag_seconds", { ...cache0, slave_ip: "10.0.0.2" }, "0 0 20 20 20 20 20 20 20 20 20 20"),
                    series("redis_connected_slave_lag_seconds", { ...cache0, slave_ip: "10.0.0.3" }, "9x12"),
                ],
                alert_rule_test: [
                    { eval_time: "2m", alertname: "RedisReplicasMissing", exp_alerts: [] },
                    { eval_time: "7m", alertname: "RedisReplicasMissing", exp_alerts: [] },
                    { eval_time: "9m", alertname: "RedisReplicasMissing", exp_alerts: [firing("RedisReplicasMissing", {})] },
                    { eval_time: "3m", alertname: "RedisReplicationLinkDown", exp_alerts: [] },
                    { eval_time: "5m", alertname: "RedisReplicationLinkDown", exp_alerts: [firing("RedisReplicationLinkDown", cache1)] },
                    { eval_time: "6m", alertname: "RedisReplicationLagging", exp_alerts: [] },
                    {
                        eval_time: "8m",
                        alertname: "RedisReplicationLagging",
                        exp_alerts: [firing("RedisReplicationLagging", { ...cache0, slave_ip: "10.0.0.2" })],
                    },
                ],
            },
            {
                name: "backup age",
                interval: "1m",
                // A success every minute for 40 minutes, then none: the age passes 30 minutes at 70m.
                input_series: [series(BACKUP_SUCCESS_METRIC, backup, "0+60x40 2400+0x60")],
                alert_rule_test: [
                    { eval_time: "40m", alertname: "RedisBackupTooOld", exp_alerts: [] },
                    { eval_time: "74m", alertname: "RedisBackupTooOld", exp_alerts: [] },
                    { eval_time: "76m", alertname: "RedisBackupTooOld", exp_alerts: [firing("RedisBackupTooOld", backup)] },
                ],
            },
            {
                name: "backup never reported",
                interval: "1m",
                input_series: [series("redis_up", cache0, "1x10")],
                alert_rule_test: [
                    { eval_time: "4m", alertname: "RedisBackupTooOld", exp_alerts: [] },
                    { eval_time: "6m", alertname: "RedisBackupTooOld", exp_alerts: [firing("RedisBackupTooOld", backup)] },
                ],
            },
            {
                name: "sentinel failover",
                interval: "1m",
                input_series: [
                    series(
                        "redis_sentinel_master_status",
                        {
                            ...SENTINEL_SCOPE,
                            pod: "cache-sentinel-0",
                            master_name: "cache",
                            master_address: "10.0.0.1:6379",
                            master_status: "ok",
                        },
                        "1 1 1",
                    ),
                    series(
                        "redis_sentinel_master_status",
                        {
                            ...SENTINEL_SCOPE,
                            pod: "cache-sentinel-0",
                            master_name: "cache",
                            master_address: "10.0.0.2:6379",
                            master_status: "ok",
                        },
                        "_ _ _ 1x20",
                    ),
                ],
                alert_rule_test: [
                    { eval_time: "2m", alertname: "RedisSentinelFailover", exp_alerts: [] },
                    {
                        eval_time: "4m",
                        alertname: "RedisSentinelFailover",
                        exp_alerts: [firing("RedisSentinelFailover", { master_name: "cache" })],
                    },
                    { eval_time: "15m", alertname: "RedisSentinelFailover", exp_alerts: [] },
                ],
            },
            {
                name: "sentinel sees the primary down",
                interval: "1m",
                input_series: [
                    series(
                        "redis_sentinel_master_status",
                        {
                            ...SENTINEL_SCOPE,
                            pod: "cache-sentinel-1",
                            master_name: "cache",
                            master_address: "10.0.0.1:6379",
                            master_status: "sdown",
                        },
                        "1 1 0 0 0 0",
                    ),
                ],
                alert_rule_test: [
                    { eval_time: "2m", alertname: "RedisSentinelMasterDown", exp_alerts: [] },
                    {
                        eval_time: "4m",
                        alertname: "RedisSentinelMasterDown",
                        exp_alerts: [
                            firing("RedisSentinelMasterDown", {
                                ...SENTINEL_SCOPE,
                                pod: "cache-sentinel-1",
                                master_name: "cache",
                                master_address: "10.0.0.1:6379",
                                master_status: "sdown",
                            }),
                        ],
                    },
                ],
            },
            {
                name: "sentinel quorum",
                interval: "1m",
                input_series: [
                    series(
                        "redis_sentinel_master_ckquorum_status",
                        { ...SENTINEL_SCOPE, pod: "cache-sentinel-0", master_name: "cache" },
                        "1 1 0 0 0 0 0 0 0 0",
                    ),
                    series("redis_sentinel_masters", { ...SENTINEL_SCOPE, pod: "cache-sentinel-0" }, "1x10"),
                    series("redis_sentinel_masters", { ...SENTINEL_SCOPE, pod: "cache-sentinel-1" }, "1x10"),
                    // A Redis pod's exporter is no sentinel.
                    series("redis_sentinel_masters", { ...SCOPE, pod: "cache-0" }, "1x10"),
                ],
                alert_rule_test: [
                    { eval_time: "3m", alertname: "RedisSentinelQuorumLost", exp_alerts: [] },
                    {
                        eval_time: "5m",
                        alertname: "RedisSentinelQuorumLost",
                        exp_alerts: [
                            firing("RedisSentinelQuorumLost", { ...SENTINEL_SCOPE, pod: "cache-sentinel-0", master_name: "cache" }),
                        ],
                    },
                ],
            },
            {
                name: "sentinels gone",
                interval: "1m",
                input_series: [
                    series("redis_sentinel_masters", { ...SENTINEL_SCOPE, pod: "cache-sentinel-0" }, "1x10"),
                    series("redis_sentinel_masters", { ...SENTINEL_SCOPE, pod: "cache-sentinel-1" }, "1 1 _ _ _ _ _ _ _ _"),
                ],
                alert_rule_test: [
                    { eval_time: "1m", alertname: "RedisSentinelQuorumLost", exp_alerts: [] },
                    { eval_time: "10m", alertname: "RedisSentinelQuorumLost", exp_alerts: [firing("RedisSentinelQuorumLost", {})] },
                ],
            },
            {
                name: "missing primary",
                interval: "1m",
                input_series: [
                    series("redis_instance_info", { ...cache0, role: "master" }, "1 1 _ _ _ _ _ _"),
                    series("redis_instance_info", { ...cache1, role: "slave" }, "1x8"),
                ],
                alert_rule_test: [
                    { eval_time: "1m", alertname: "RedisMissingPrimary", exp_alerts: [] },
                    { eval_time: "8m", alertname: "RedisMissingPrimary", exp_alerts: [firing("RedisMissingPrimary", {})] },
                ],
            },
        ];
        const testFile = path.join(path.dirname(rulesFile), "rules.test.yaml");
        fs.writeFileSync(testFile, YAML.stringify({ rule_files: [path.basename(rulesFile)], evaluation_interval: "1m", tests }));
        const result = promtool(["test", "rules", testFile]);
        expect(result.output).toMatch(/SUCCESS/);
        expect(result.status).toBe(0);
    });
});
