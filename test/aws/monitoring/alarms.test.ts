import {
    AlarmSettings,
    DEFAULT_GLOBAL_DATASTORE_LAG_SECONDS,
    alarmDefinitions,
    validateAlarmsArgs,
} from "../../../components/aws/monitoring/alarms";
import { ArgChecker, InvalidArgumentError } from "../../../components/shared/validation";
import { GLOBAL_SECONDARY_METRIC, PER_NODE_METRICS, REPLICA_METRIC, expectedAlarmNames } from "./expected-alarms";

const check = new ArgChecker("ElastiCacheRedis", "cache");
const MEMBERS_3 = ["cache-001", "cache-002", "cache-003"];

const alarmsFor = (memberIds: string[], nodeType = "cache.r7g.large", args = {}) =>
    alarmDefinitions(memberIds, validateAlarmsArgs(check, args, nodeType));
const secondaryAlarmsFor = (memberIds: string[], args = {}) =>
    alarmDefinitions(memberIds, validateAlarmsArgs(check, args, "cache.r7g.large"), { globalSecondary: true });
const thresholdsOf = (settings: AlarmSettings) => settings.thresholds;

describe("the alarm set", () => {
    it("has every metric except ReplicationLag on a single node", () => {
        expect(
            alarmsFor(["cache-001"])
                .map((a) => a.name)
                .sort(),
        ).toEqual(expectedAlarmNames(["cache-001"], false));
    });

    it("has every metric on each of two nodes, ReplicationLag included, since failover swaps roles", () => {
        expect(
            alarmsFor(["cache-001", "cache-002"])
                .map((a) => a.name)
                .sort(),
        ).toEqual(expectedAlarmNames(["cache-001", "cache-002"], true));
    });

    it("has 45 alarms on three nodes, each metric once per member", () => {
        const alarms = alarmsFor(MEMBERS_3);
        expect(alarms).toHaveLength(45);
        for (const metric of [...PER_NODE_METRICS, REPLICA_METRIC]) {
            expect(alarms.filter((a) => a.metric === metric).map((a) => a.memberId)).toEqual(MEMBERS_3);
        }
    });

    it("uses the member id as the only dimension, never the group id", () => {
        for (const alarm of alarmsFor(MEMBERS_3)) {
            expect(alarm.dimensions).toEqual({ CacheClusterId: alarm.memberId });
            expect(MEMBERS_3).toContain(alarm.dimensions.CacheClusterId);
            expect(alarm.dimensions.CacheClusterId).not.toBe("cache");
        }
    });

    it("sets statistic, comparison, periods and missing-data handling deliberately", () => {
        const byMetric = Object.fromEntries(
            alarmsFor(["cache-001", "cache-002"])
                .filter((a) => a.memberId === "cache-001")
                .map((a) => [a.metric, a]),
        );
        expect(byMetric.EngineCPUUtilization).toMatchObject({
            statistic: "Average",
            comparison: "GreaterThanThreshold",
            threshold: 90,
            periods: 5,
            periodSeconds: 60,
            treatMissingData: "breaching",
        });
        expect(byMetric.DatabaseMemoryUsagePercentage).toMatchObject({
            statistic: "Average",
            comparison: "GreaterThanThreshold",
            threshold: 80,
            periods: 5,
            treatMissingData: "notBreaching",
        });
        expect(byMetric.FreeableMemory).toMatchObject({
            statistic: "Average",
            comparison: "LessThanThreshold",
            threshold: 1403380564,
            periods: 5,
        });
        expect(byMetric.SwapUsage).toMatchObject({ comparison: "GreaterThanThreshold", threshold: 52428800 });
        expect(byMetric.Evictions).toMatchObject({ statistic: "Sum", threshold: 0, periods: 5 });
        expect(byMetric.CurrConnections).toMatchObject({ statistic: "Average", threshold: 52000, periods: 5 });
        expect(byMetric.NewConnections).toMatchObject({ statistic: "Sum", threshold: 1000, periods: 3 });
        expect(byMetric.ReplicationLag).toMatchObject({ statistic: "Average", threshold: 1, periods: 5, treatMissingData: "notBreaching" });
        expect(byMetric.CacheHitRate).toMatchObject({
            comparison: "LessThanThreshold",
            threshold: 80,
            periods: 15,
            treatMissingData: "notBreaching",
        });
        for (const metric of ["AuthenticationFailures", "CommandAuthorizationFailures", "KeyAuthorizationFailures"]) {
            expect(byMetric[metric]).toMatchObject({
                statistic: "Sum",
                comparison: "GreaterThanThreshold",
                threshold: 0,
                periods: 1,
                treatMissingData: "notBreaching",
            });
        }
        expect(byMetric.GetTypeCmdsLatency).toMatchObject({ statistic: "Average", threshold: 2000, periods: 3, unit: "Microseconds" });
        expect(byMetric.SetTypeCmdsLatency).toMatchObject({ statistic: "Average", threshold: 2000, periods: 3, unit: "Microseconds" });
    });

    it("describes the condition and the node in every alarm", () => {
        const [alarm] = alarmsFor(["cache-001"]);
        expect(alarm.description).toMatch(
            /^EngineCPUUtilization Average > 90 \(Percent\) for 5 of 5 minutes on cache-001\. The Redis engine thread is saturated/,
        );
    });
});

describe("thresholds", () => {
    it("converts the latency SLO from milliseconds to the metrics' microseconds", () => {
        expect(thresholdsOf(validateAlarmsArgs(check, { latencySloMs: 5 }, "cache.r7g.large"))).toMatchObject({
            GetTypeCmdsLatency: 5000,
            SetTypeCmdsLatency: 5000,
        });
        expect(thresholdsOf(validateAlarmsArgs(check, { latencySloMs: 0.5 }, "cache.r7g.large"))).toMatchObject({
            GetTypeCmdsLatency: 500,
            SetTypeCmdsLatency: 500,
        });
    });

    it.each([
        ["cache.t2.micro", 1, 90],
        ["cache.t4g.small", 2, 45],
        ["cache.m7g.large", 2, 45],
        ["cache.r7g.large", 2, 45],
    ])("alarms host CPU on %s (%i vCPUs) above %d %%", (nodeType, _vcpus, threshold) => {
        const cpu = alarmsFor(["cache-001"], nodeType).filter((a) => a.metric === "CPUUtilization");
        expect(cpu.map((a) => a.threshold)).toEqual([threshold]);
    });

    it.each(["cache.r7g.xlarge", "cache.m6g.2xlarge", "cache.c7gn.16xlarge", "cache.r6gd.xlarge"])(
        "leaves host CPU to EngineCPUUtilization on %s, with more than 2 vCPUs",
        (nodeType) => {
            const metrics = alarmsFor(["cache-001"], nodeType).map((a) => a.metric);
            expect(metrics).not.toContain("CPUUtilization");
            expect(metrics).toContain("EngineCPUUtilization");
        },
    );

    it("sizes the freeable-memory floor at a tenth of the node's memory", () => {
        expect(thresholdsOf(validateAlarmsArgs(check, {}, "cache.t2.micro")).FreeableMemory).toBe(59592671);
        expect(thresholdsOf(validateAlarmsArgs(check, {}, "cache.t4g.medium")).FreeableMemory).toBe(331786224);
    });

    it("overrides any threshold by metric name, keeping the others", () => {
        const thresholds = thresholdsOf(
            validateAlarmsArgs(
                check,
                { thresholds: { Evictions: 100, GetTypeCmdsLatency: 800, CacheHitRate: 95, ReplicationLag: 0.5 } },
                "cache.r7g.large",
            ),
        );
        expect(thresholds).toMatchObject({
            Evictions: 100,
            GetTypeCmdsLatency: 800,
            SetTypeCmdsLatency: 2000,
            CacheHitRate: 95,
            ReplicationLag: 0.5,
            EngineCPUUtilization: 90,
        });
    });

    it("adds the host CPU alarm on a large node when its threshold is given", () => {
        const cpu = alarmsFor(["cache-001"], "cache.r7g.4xlarge", { thresholds: { CPUUtilization: 70 } }).filter(
            (a) => a.metric === "CPUUtilization",
        );
        expect(cpu.map((a) => a.threshold)).toEqual([70]);
    });

    it("disables single alarms by metric name", () => {
        const metrics = new Set(
            alarmsFor(MEMBERS_3, "cache.r7g.large", { disabled: ["CacheHitRate", "NewConnections"] }).map((a) => a.metric),
        );
        expect(metrics.has("CacheHitRate")).toBe(false);
        expect(metrics.has("NewConnections")).toBe(false);
        expect(metrics.size).toBe(13);
    });

    it("creates no alarm when alarms are switched off, but keeps the SLO for the dashboard", () => {
        const settings = validateAlarmsArgs(check, { enabled: false, latencySloMs: 3 }, "cache.r7g.large");
        expect(settings).toEqual({ latencySloMs: 3, thresholds: {} });
        expect(alarmDefinitions(MEMBERS_3, settings)).toEqual([]);
    });
});

describe("the cross-region lag alarm of a Global Datastore secondary", () => {
    const lagAlarms = (alarms: ReturnType<typeof alarmDefinitions>) => alarms.filter((a) => a.metric === GLOBAL_SECONDARY_METRIC);

    it("is on every member of a secondary, on top of the per-node and replica alarms", () => {
        expect(
            secondaryAlarmsFor(MEMBERS_3)
                .map((a) => a.name)
                .sort(),
        ).toEqual(expectedAlarmNames(MEMBERS_3, true, true));
        expect(lagAlarms(secondaryAlarmsFor(MEMBERS_3)).map((a) => a.name)).toEqual([
            "cache-001-GlobalDatastoreReplicationLag",
            "cache-002-GlobalDatastoreReplicationLag",
            "cache-003-GlobalDatastoreReplicationLag",
        ]);
    });

    it("is on no group that is not a secondary, whatever its size or thresholds", () => {
        for (const members of [["cache-001"], ["cache-001", "cache-002"], MEMBERS_3]) {
            expect(lagAlarms(alarmsFor(members))).toEqual([]);
            expect(
                lagAlarms(
                    alarmDefinitions(
                        members,
                        validateAlarmsArgs(check, { thresholds: { GlobalDatastoreReplicationLag: 2 } }, "cache.r7g.large"),
                        { globalSecondary: false },
                    ),
                ),
            ).toEqual([]);
        }
    });

    it("watches the per-node metric AWS documents: CacheClusterId of the member, seconds, average above 5 for 5 of 5 minutes", () => {
        const [alarm] = lagAlarms(secondaryAlarmsFor(["orders-eu-west-1-001", "orders-eu-west-1-002"]));
        expect(alarm).toEqual({
            metric: "GlobalDatastoreReplicationLag",
            name: "orders-eu-west-1-001-GlobalDatastoreReplicationLag",
            memberId: "orders-eu-west-1-001",
            dimensions: { CacheClusterId: "orders-eu-west-1-001" },
            statistic: "Average",
            comparison: "GreaterThanThreshold",
            threshold: 5,
            unit: "Seconds",
            periods: 5,
            periodSeconds: 60,
            treatMissingData: "notBreaching",
            why: expect.any(String),
            description: expect.stringMatching(
                /^GlobalDatastoreReplicationLag Average > 5 \(Seconds\) for 5 of 5 minutes on orders-eu-west-1-001\. This Global Datastore secondary is behind the primary region: the lag between this region's primary node and the primary region's primary node\. .*promoting this secondary now loses the writes of that lag/,
            ),
        });
        expect(DEFAULT_GLOBAL_DATASTORE_LAG_SECONDS).toBe(5);
    });

    it("is on a single-node secondary too, unlike the in-region ReplicationLag", () => {
        expect(secondaryAlarmsFor(["cache-001"]).map((a) => a.metric)).toEqual(expect.arrayContaining([GLOBAL_SECONDARY_METRIC]));
        expect(secondaryAlarmsFor(["cache-001"]).map((a) => a.metric)).not.toContain(REPLICA_METRIC);
    });

    it("takes its threshold in seconds from alarms.thresholds, and leaves with alarms.disabled or alarms off", () => {
        expect(
            lagAlarms(secondaryAlarmsFor(MEMBERS_3, { thresholds: { GlobalDatastoreReplicationLag: 30 } })).map((a) => a.threshold),
        ).toEqual([30, 30, 30]);
        expect(
            lagAlarms(secondaryAlarmsFor(MEMBERS_3, { thresholds: { GlobalDatastoreReplicationLag: 0.5 } })).map((a) => a.threshold),
        ).toEqual([0.5, 0.5, 0.5]);
        expect(lagAlarms(secondaryAlarmsFor(MEMBERS_3, { disabled: ["GlobalDatastoreReplicationLag"] }))).toEqual([]);
        expect(secondaryAlarmsFor(MEMBERS_3, { enabled: false })).toEqual([]);
    });

    it.each([
        ["a negative threshold", -1, /alarms\.thresholds\.GlobalDatastoreReplicationLag is -1\. Allowed: a number of seconds, 0 or more\./],
        [
            "a threshold with a unit",
            "5s",
            /alarms\.thresholds\.GlobalDatastoreReplicationLag is 5s\. Allowed: a number of seconds, 0 or more\./,
        ],
        ["NaN", NaN, /alarms\.thresholds\.GlobalDatastoreReplicationLag is NaN\. Allowed: a number of seconds/],
        ["an infinite threshold", Infinity, /alarms\.thresholds\.GlobalDatastoreReplicationLag is Infinity\. Allowed: a number of seconds/],
    ])("refuses %s with an error that names the argument", (_, value, message) => {
        const args = { thresholds: { GlobalDatastoreReplicationLag: value } } as any;
        expect(() => validateAlarmsArgs(check, args, "cache.r7g.large")).toThrow(InvalidArgumentError);
        expect(() => validateAlarmsArgs(check, args, "cache.r7g.large")).toThrow(message);
    });
});

describe("a node type outside the table", () => {
    it("is refused while the CPU and memory alarms would need its size", () => {
        expect(() => validateAlarmsArgs(check, {}, "cache.x9.large")).toThrow(
            /nodeType "cache\.x9\.large" has no known vCPU count and memory, so the CPUUtilization and FreeableMemory alarms cannot be sized\. Allowed: a current-generation node type/,
        );
        expect(() => validateAlarmsArgs(check, { disabled: ["CPUUtilization"] }, "cache.x9.large")).toThrow(
            /so the FreeableMemory alarms cannot be sized/,
        );
    });

    it("is accepted with explicit thresholds, or with those alarms disabled, or with alarms off", () => {
        expect(
            thresholdsOf(validateAlarmsArgs(check, { thresholds: { CPUUtilization: 40, FreeableMemory: 2 ** 30 } }, "cache.x9.large")),
        ).toMatchObject({ CPUUtilization: 40, FreeableMemory: 2 ** 30 });
        expect(
            thresholdsOf(validateAlarmsArgs(check, { disabled: ["CPUUtilization", "FreeableMemory"] }, "cache.x9.large")).CPUUtilization,
        ).toBeUndefined();
        expect(validateAlarmsArgs(check, { enabled: false }, "cache.x9.large").thresholds).toEqual({});
    });
});

describe("alarm argument errors", () => {
    const cases: [string, object, RegExp][] = [
        [
            "an unknown metric in thresholds",
            { thresholds: { CPU: 50 } },
            /alarms\.thresholds key is "CPU"\. Allowed: "EngineCPUUtilization", "CPUUtilization"/,
        ],
        [
            "a negative threshold",
            { thresholds: { Evictions: -1 } },
            /alarms\.thresholds\.Evictions is -1\. Allowed: a number of count, 0 or more/,
        ],
        [
            "a percentage above 100",
            { thresholds: { DatabaseMemoryUsagePercentage: 120 } },
            /alarms\.thresholds\.DatabaseMemoryUsagePercentage is 120\. Allowed: a percentage from 0 to 100/,
        ],
        [
            "a threshold that is not a number",
            { thresholds: { SwapUsage: "50MB" } },
            /alarms\.thresholds\.SwapUsage is 50MB\. Allowed: a number of bytes, 0 or more/,
        ],
        ["an infinite threshold", { thresholds: { NewConnections: Infinity } }, /alarms\.thresholds\.NewConnections is Infinity/],
        [
            "an unknown metric in disabled",
            { disabled: ["Latency"] },
            /alarms\.disabled\[0\] is "Latency"\. Allowed: "EngineCPUUtilization"/,
        ],
        ["a zero latency SLO", { latencySloMs: 0 }, /alarms\.latencySloMs is 0\. Allowed: a number of milliseconds above 0/],
        ["a negative latency SLO", { latencySloMs: -2 }, /alarms\.latencySloMs is -2/],
        [
            "thresholds with alarms off",
            { enabled: false, thresholds: { Evictions: 5 } },
            /alarms\.thresholds is set while alarms\.enabled is false/,
        ],
        [
            "disabled alarms with alarms off",
            { enabled: false, disabled: ["Evictions"] },
            /alarms\.disabled is set while alarms\.enabled is false/,
        ],
    ];

    it.each(cases)("refuses %s", (_, args, message) => {
        expect(() => validateAlarmsArgs(check, args as any, "cache.r7g.large")).toThrow(message);
        expect(() => validateAlarmsArgs(check, args as any, "cache.r7g.large")).toThrow(InvalidArgumentError);
    });
});
