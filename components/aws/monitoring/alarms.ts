import { ArgChecker, argNames } from "../../shared/validation";
import { NodeSpec, nodeSpec } from "./node-types";

/**
 * The CloudWatch metrics the component alarms on, by name (the schema enum `AlarmMetric` for other languages),
 * in the order the alarms are created.
 */
export const AlarmMetric = {
    EngineCPUUtilization: "EngineCPUUtilization",
    CPUUtilization: "CPUUtilization",
    DatabaseMemoryUsagePercentage: "DatabaseMemoryUsagePercentage",
    FreeableMemory: "FreeableMemory",
    SwapUsage: "SwapUsage",
    Evictions: "Evictions",
    CurrConnections: "CurrConnections",
    NewConnections: "NewConnections",
    ReplicationLag: "ReplicationLag",
    GlobalDatastoreReplicationLag: "GlobalDatastoreReplicationLag",
    CacheHitRate: "CacheHitRate",
    AuthenticationFailures: "AuthenticationFailures",
    CommandAuthorizationFailures: "CommandAuthorizationFailures",
    KeyAuthorizationFailures: "KeyAuthorizationFailures",
    GetTypeCmdsLatency: "GetTypeCmdsLatency",
    SetTypeCmdsLatency: "SetTypeCmdsLatency",
} as const;
/** One of the metrics the component alarms on. */
export type AlarmMetric = (typeof AlarmMetric)[keyof typeof AlarmMetric];

/** Every metric the component alarms on, in the order the alarms are created. */
export const ALARM_METRICS: readonly AlarmMetric[] = Object.values(AlarmMetric);

/**
 * The cross-region lag of a Global Datastore secondary. ElastiCache publishes it in the secondary's region,
 * from the secondary's primary node (dimension `CacheClusterId`, unit Seconds), so only secondaries get it.
 */
export const GLOBAL_DATASTORE_LAG_METRIC = "GlobalDatastoreReplicationLag" satisfies AlarmMetric;

/** The CloudWatch unit of each metric, which is also the unit of its threshold. */
export type MetricUnit = "Percent" | "Bytes" | "Count" | "Seconds" | "Microseconds";

/** How one metric is alarmed, apart from its threshold. */
export interface AlarmRule {
    statistic: "Average" | "Sum";
    comparison: "GreaterThanThreshold" | "LessThanThreshold";
    /** Consecutive one-minute periods that must all breach. */
    periods: number;
    treatMissingData: "breaching" | "notBreaching";
    unit: MetricUnit;
    /** What a breach means and what to do about it; it becomes the alarm description. */
    why: string;
}

const ALARM_PERIOD_SECONDS = 60;
const DEFAULT_LATENCY_SLO_MS = 2;
/** Seconds a Global Datastore secondary may stay behind the primary region, on average, for five minutes. */
export const DEFAULT_GLOBAL_DATASTORE_LAG_SECONDS = 5;
/** ElastiCache fixes `maxclients` at 65,000 per node. */
const MAX_CLIENTS = 65000;
/** Metrics whose default threshold depends on the node type's vCPUs or memory. */
const NODE_SIZED_METRICS: readonly AlarmMetric[] = ["CPUUtilization", "FreeableMemory"];

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;
const ACL_LOG_HINT = "Run ACL LOG on the node to see the user and client.";
const SCALE_MEMORY_HINT = "Scale up, or raise reserved-memory-percent.";

const ALARM_RULES: Record<AlarmMetric, AlarmRule> = {
    EngineCPUUtilization: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 5,
        treatMissingData: "breaching",
        unit: "Percent",
        why: "The Redis engine thread is saturated and every command queues behind it; scale up or move reads to replicas. Every node publishes this each minute, so five silent minutes also alarm: the node is down or unreachable.",
    },
    CPUUtilization: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 5,
        treatMissingData: "notBreaching",
        unit: "Percent",
        why: "On a node with 2 vCPUs or fewer, snapshots, replication and the host's own services compete with the engine for the same cores; the threshold is 90 % of one core. Scale up to a node with more vCPUs.",
    },
    DatabaseMemoryUsagePercentage: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 5,
        treatMissingData: "notBreaching",
        unit: "Percent",
        why: "The data set nears maxmemory; at 100 % keys are evicted under the eviction policy, or writes fail. Scale up, or shorten TTLs.",
    },
    FreeableMemory: {
        statistic: "Average",
        comparison: "LessThanThreshold",
        periods: 5,
        treatMissingData: "notBreaching",
        unit: "Bytes",
        why: `Less than a tenth of the node's memory is free outside Redis: the fork of a snapshot or a full resync will push the node into swap. ${SCALE_MEMORY_HINT}`,
    },
    SwapUsage: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 5,
        treatMissingData: "notBreaching",
        unit: "Bytes",
        why: `The host swaps (AWS: it should not exceed 50 MB), which turns microsecond commands into millisecond ones. ${SCALE_MEMORY_HINT}`,
    },
    Evictions: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        periods: 5,
        treatMissingData: "notBreaching",
        unit: "Count",
        why: "Keys are evicted minute after minute: memory is full and data the application relies on disappears early. Scale up, or raise the threshold if the cache is meant to evict.",
    },
    CurrConnections: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 5,
        treatMissingData: "notBreaching",
        unit: "Count",
        why: `Client connections near the fixed limit of ${MAX_CLIENTS} per node; beyond it new clients are refused. Look for connection leaks and missing pooling.`,
    },
    NewConnections: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        periods: 3,
        treatMissingData: "notBreaching",
        unit: "Count",
        why: "A connection storm: clients reconnect in a loop or without pooling, and every TLS handshake costs engine CPU.",
    },
    ReplicationLag: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 5,
        treatMissingData: "notBreaching",
        unit: "Seconds",
        why: "A replica is behind its primary: reads from it are stale and a failover now would lose the lag. Only replicas publish this metric; every node carries the alarm because a failover changes roles.",
    },
    GlobalDatastoreReplicationLag: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 5,
        treatMissingData: "notBreaching",
        unit: "Seconds",
        why:
            "This Global Datastore secondary is behind the primary region: the lag between this region's primary node and the primary region's primary node. " +
            "Reads here are stale, and promoting this secondary now loses the writes of that lag (the RPO of a regional failover). " +
            "Look at the primary region's write load (ReplicationBytes) and the link between the regions. Only the secondary's primary node publishes it; " +
            "every member carries the alarm because an in-region failover moves that role.",
    },
    CacheHitRate: {
        statistic: "Average",
        comparison: "LessThanThreshold",
        periods: 15,
        treatMissingData: "notBreaching",
        unit: "Percent",
        why: "Below about 80 %, many keys are evicted, expired or never set (AWS guidance), and the backing store takes the load. Periods without reads publish nothing and count as OK.",
    },
    AuthenticationFailures: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        periods: 1,
        treatMissingData: "notBreaching",
        unit: "Count",
        why: `Failed AUTH: a client with a wrong or rotated password, or someone guessing. ${ACL_LOG_HINT}`,
    },
    CommandAuthorizationFailures: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        periods: 1,
        treatMissingData: "notBreaching",
        unit: "Count",
        why: `A user ran a command its role denies, such as FLUSHALL or CONFIG: a misconfigured client or credential misuse. ${ACL_LOG_HINT}`,
    },
    KeyAuthorizationFailures: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        periods: 1,
        treatMissingData: "notBreaching",
        unit: "Count",
        why: `A user touched keys outside its key patterns: a misconfigured client or credential misuse. ${ACL_LOG_HINT}`,
    },
    GetTypeCmdsLatency: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 3,
        treatMissingData: "notBreaching",
        unit: "Microseconds",
        why: "Server-side latency of read commands is above the latency SLO: look for slow commands in the slow log, a hot key or a saturated engine.",
    },
    SetTypeCmdsLatency: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 3,
        treatMissingData: "notBreaching",
        unit: "Microseconds",
        why: "Server-side latency of write commands is above the latency SLO: look for slow commands in the slow log, large values or a saturated engine.",
    },
};

/** Alarm settings of the component. Thresholds are in each metric's unit; see `ALARM_RULES`. */
export interface AlarmsArgs {
    /** Set `false` to create no alarms at all. Default true. */
    enabled?: boolean;
    /** The latency SLO in milliseconds; the read and write latency alarms fire above it. Default 2. */
    latencySloMs?: number;
    /**
     * Thresholds by metric name, in the metric's CloudWatch unit: percent, bytes, count per minute,
     * seconds, or microseconds for the latency metrics. A `CPUUtilization` threshold adds that alarm
     * on any node type. `GlobalDatastoreReplicationLag` (seconds, default 5) is alarmed only on the
     * secondaries of a Global Datastore; set it on `GlobalElastiCacheRedis`'s `primary.alarms`, which
     * every member inherits.
     */
    thresholds?: AlarmThresholds;
    /** Metric names whose alarms are not created. */
    disabled?: AlarmMetric[];
}

/**
 * Alarm thresholds by metric, each in the metric's CloudWatch unit. A metric left out keeps the default the
 * component derives from the node type and `latencySloMs`.
 */
export interface AlarmThresholds {
    /** `EngineCPUUtilization` threshold, in percent, 0 to 100. */
    EngineCPUUtilization?: number;
    /** `CPUUtilization` threshold, in percent, 0 to 100; setting it adds the alarm on any node type. */
    CPUUtilization?: number;
    /** `DatabaseMemoryUsagePercentage` threshold, in percent, 0 to 100. */
    DatabaseMemoryUsagePercentage?: number;
    /** `FreeableMemory` threshold, in bytes. */
    FreeableMemory?: number;
    /** `SwapUsage` threshold, in bytes. */
    SwapUsage?: number;
    /** `Evictions` threshold, in keys evicted per minute. */
    Evictions?: number;
    /** `CurrConnections` threshold, in open client connections. */
    CurrConnections?: number;
    /** `NewConnections` threshold, in new connections per minute. */
    NewConnections?: number;
    /** `ReplicationLag` threshold, in seconds. */
    ReplicationLag?: number;
    /** `GlobalDatastoreReplicationLag` threshold, in seconds, default 5; alarmed only on the secondaries of a Global Datastore. */
    GlobalDatastoreReplicationLag?: number;
    /** `CacheHitRate` threshold, in percent, 0 to 100. */
    CacheHitRate?: number;
    /** `AuthenticationFailures` threshold, in failed AUTH attempts per minute. */
    AuthenticationFailures?: number;
    /** `CommandAuthorizationFailures` threshold, in refused commands per minute. */
    CommandAuthorizationFailures?: number;
    /** `KeyAuthorizationFailures` threshold, in refused key accesses per minute. */
    KeyAuthorizationFailures?: number;
    /** `GetTypeCmdsLatency` threshold, in microseconds. */
    GetTypeCmdsLatency?: number;
    /** `SetTypeCmdsLatency` threshold, in microseconds. */
    SetTypeCmdsLatency?: number;
}

// The compiler's proof that `AlarmThresholds` names every metric and nothing else.
true satisfies [keyof AlarmThresholds] extends [AlarmMetric] ? ([AlarmMetric] extends [keyof AlarmThresholds] ? true : false) : false;

export const ALARMS_ARG_NAMES = argNames<AlarmsArgs>()(["enabled", "latencySloMs", "thresholds", "disabled"]);

export interface AlarmSettings {
    latencySloMs: number;
    /** The threshold of every alarmed metric; a metric left out gets no alarm. */
    thresholds: AlarmThresholds;
}

/** The default threshold of a metric on the given node, or undefined when the metric is not alarmed there. */
function defaultThreshold(metric: AlarmMetric, node: NodeSpec | undefined, latencySloMs: number): number | undefined {
    switch (metric) {
        case "EngineCPUUtilization":
            return 90;
        case "CPUUtilization":
            return node && node.vcpus <= 2 ? 90 / node.vcpus : undefined;
        case "DatabaseMemoryUsagePercentage":
            return 80;
        case "FreeableMemory":
            return node && Math.round(node.memoryGiB * GIB * 0.1);
        case "SwapUsage":
            return 50 * MIB;
        case "Evictions":
            return 0;
        case "CurrConnections":
            return MAX_CLIENTS * 0.8;
        case "NewConnections":
            return 1000;
        case "ReplicationLag":
            return 1;
        case "GlobalDatastoreReplicationLag":
            return DEFAULT_GLOBAL_DATASTORE_LAG_SECONDS;
        case "CacheHitRate":
            return 80;
        case "AuthenticationFailures":
        case "CommandAuthorizationFailures":
        case "KeyAuthorizationFailures":
            return 0;
        case "GetTypeCmdsLatency":
        case "SetTypeCmdsLatency":
            return latencySloMs * 1000;
    }
}

/** Checks the alarm arguments and resolves every threshold, defaults included, for the node type. */
export function validateAlarmsArgs(check: ArgChecker, args: AlarmsArgs = {}, nodeType: string): AlarmSettings {
    check.object("alarms", args, ALARMS_ARG_NAMES);
    const checked = validateCommonAlarmArgs(check, args, ALARM_METRICS, (metric) => ALARM_RULES[metric].unit);
    if (!checked.enabled) return { latencySloMs: checked.latencySloMs, thresholds: {} };
    const { latencySloMs, overrides, disabled } = checked;
    const node = nodeSpec(nodeType);
    const unsized = NODE_SIZED_METRICS.filter((metric) => !node && !disabled.has(metric) && overrides[metric] === undefined);
    if (unsized.length > 0) {
        check.fail(
            "nodeType",
            `"${nodeType}" has no known vCPU count and memory, so the ${unsized.join(" and ")} alarms cannot be sized`,
            `a current-generation node type such as "cache.r7g.large", or alarms.thresholds for ${unsized.join(" and ")}, or alarms.disabled listing them`,
        );
    }
    const thresholds = Object.fromEntries(
        ALARM_METRICS.filter((metric) => !disabled.has(metric))
            .map((metric) => [metric, overrides[metric] ?? defaultThreshold(metric, node, latencySloMs)] as const)
            .filter(([, threshold]) => threshold !== undefined),
    );
    return { latencySloMs, thresholds };
}

/** The alarm arguments every cache shares, checked: the SLO, threshold overrides in each metric's unit, and disabled metrics. */
export interface CommonAlarmSettings<M extends string> {
    enabled: boolean;
    latencySloMs: number;
    overrides: Partial<Record<M, number>>;
    disabled: Set<M>;
}

/** Checks `enabled`, `latencySloMs`, `thresholds` and `disabled` of an alarms argument against the given metrics. */
export function validateCommonAlarmArgs<M extends string>(
    check: ArgChecker,
    args: { enabled?: boolean; latencySloMs?: number; thresholds?: object; disabled?: M[] },
    metrics: readonly M[],
    unitOf: (metric: M) => MetricUnit,
): CommonAlarmSettings<M> {
    const latencySloMs = args.latencySloMs ?? DEFAULT_LATENCY_SLO_MS;
    if (!Number.isFinite(latencySloMs) || latencySloMs <= 0) {
        check.fail("alarms.latencySloMs", `is ${latencySloMs}`, "a number of milliseconds above 0");
    }
    if (args.enabled !== undefined) check.boolean("alarms.enabled", args.enabled);
    if (args.enabled === false) {
        for (const field of ["thresholds", "disabled"] as const) {
            if (args[field] !== undefined)
                check.fail(`alarms.${field}`, "is set while alarms.enabled is false", `leave it out, or enable the alarms`);
        }
        return { enabled: false, latencySloMs, overrides: {}, disabled: new Set() };
    }
    const overrides = Object.fromEntries(
        Object.entries(args.thresholds ?? {}).map(([key, value]) => {
            const metric = check.oneOf("alarms.thresholds key", key, metrics);
            const unit = unitOf(metric);
            const percent = unit === "Percent";
            if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (percent && value > 100)) {
                check.fail(
                    `alarms.thresholds.${metric}`,
                    `is ${value}`,
                    percent ? "a percentage from 0 to 100" : `a number of ${unit.toLowerCase()}, 0 or more`,
                );
            }
            return [metric, value];
        }),
    ) as Partial<Record<M, number>>;
    const disabled = new Set((args.disabled ?? []).map((metric, i) => check.oneOf(`alarms.disabled[${i}]`, metric, metrics)));
    return { enabled: true, latencySloMs, overrides, disabled };
}

/** One CloudWatch alarm on one member node. */
export interface AlarmDefinition extends AlarmRule {
    metric: AlarmMetric;
    /** The CloudWatch alarm name: the member id and the metric. */
    name: string;
    memberId: string;
    threshold: number;
    periodSeconds: number;
    /** Per-node metrics carry the member id; the replication group id never gets data. */
    dimensions: { CacheClusterId: string };
    description: string;
}

/** The replication group's place in a Global Datastore, which decides whether cross-region lag is alarmed. */
export interface AlarmScope {
    /** The group is a read-only secondary of a Global Datastore. Default false. */
    globalSecondary?: boolean;
    /** Every shard has replicas, which publish ReplicationLag. Default: more than one member (true of a one-shard group). */
    hasReplicas?: boolean;
}

/** Whether a metric is published for the group at all, so that an alarm on it can ever leave OK. */
function appliesTo(metric: AlarmMetric, memberIds: readonly string[], scope: AlarmScope): boolean {
    if (metric === "ReplicationLag") return scope.hasReplicas ?? memberIds.length > 1;
    if (metric === GLOBAL_DATASTORE_LAG_METRIC) return scope.globalSecondary === true;
    return true;
}

/**
 * The alarms of a replication group: each alarmed metric once per member node. ReplicationLag only
 * exists when there are replicas; it is then set on every member, since failover moves the primary.
 * GlobalDatastoreReplicationLag only exists on a Global Datastore secondary, and is likewise set on
 * every member of it: the secondary's primary node publishes it, and an in-region failover moves that role.
 */
export function alarmDefinitions(memberIds: readonly string[], settings: AlarmSettings, scope: AlarmScope = {}): AlarmDefinition[] {
    return ALARM_METRICS.flatMap((metric) => {
        const threshold = settings.thresholds[metric];
        if (threshold === undefined || !appliesTo(metric, memberIds, scope)) return [];
        const rule = ALARM_RULES[metric];
        const condition = `${rule.statistic} ${rule.comparison === "GreaterThanThreshold" ? ">" : "<"} ${threshold} (${rule.unit}) for ${rule.periods} of ${rule.periods} minutes`;
        return memberIds.map((memberId) => ({
            ...rule,
            metric,
            name: `${memberId}-${metric}`,
            memberId,
            threshold,
            periodSeconds: ALARM_PERIOD_SECONDS,
            dimensions: { CacheClusterId: memberId },
            description: `${metric} ${condition} on ${memberId}. ${rule.why}`,
        }));
    });
}
