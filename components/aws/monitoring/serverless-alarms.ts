import { ArgChecker, argNames } from "../../shared/validation";
import { MetricUnit, validateCommonAlarmArgs } from "./alarms";

/**
 * The CloudWatch metrics of a Valkey or Redis OSS serverless cache that the component alarms on (the schema
 * enum `ServerlessAlarmMetric`). AWS publishes them in `AWS/ElastiCache` with the single dimension
 * `clusterId` = the cache name, not `CacheClusterId`: see "Metrics and events for Valkey and Redis OSS
 * serverless caches", https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/serverless-metrics-events-redis.html
 */
export const ServerlessAlarmMetric = {
    BytesUsedForCache: "BytesUsedForCache",
    ElastiCacheProcessingUnits: "ElastiCacheProcessingUnits",
    ThrottledCmds: "ThrottledCmds",
    SuccessfulReadRequestLatency: "SuccessfulReadRequestLatency",
    SuccessfulWriteRequestLatency: "SuccessfulWriteRequestLatency",
    CurrConnections: "CurrConnections",
    CacheHitRate: "CacheHitRate",
    AuthenticationFailures: "AuthenticationFailures",
    KeyAuthorizationFailures: "KeyAuthorizationFailures",
} as const;
/** One of the serverless metrics the component alarms on. */
export type ServerlessAlarmMetric = (typeof ServerlessAlarmMetric)[keyof typeof ServerlessAlarmMetric];

export const SERVERLESS_ALARM_METRICS: readonly ServerlessAlarmMetric[] = Object.values(ServerlessAlarmMetric);

/** The dimension of every serverless cache metric. */
export const SERVERLESS_DIMENSION = "clusterId";

/** Alarm settings of `ElastiCacheServerless`. */
export interface ServerlessAlarmsArgs {
    /** Set `false` to create no alarms at all. Default true. */
    enabled?: boolean;
    /** The latency SLO in milliseconds; the read and write latency alarms fire above it. Default 2. */
    latencySloMs?: number;
    /** Thresholds by metric name, in the metric's unit; see `ServerlessAlarmThresholds`. */
    thresholds?: ServerlessAlarmThresholds;
    /** Metric names whose alarms are not created. */
    disabled?: ServerlessAlarmMetric[];
}

/** Alarm thresholds of a serverless cache, each in the metric's CloudWatch unit. A metric left out keeps its default. */
export interface ServerlessAlarmThresholds {
    /** `BytesUsedForCache` threshold, in bytes. Default 80 % of `cacheUsageLimits.dataStorageMaximumGb`. */
    BytesUsedForCache?: number;
    /** `ElastiCacheProcessingUnits` threshold, in ECPUs per minute. Default 80 % of `cacheUsageLimits.ecpuPerSecondMaximum` × 60. */
    ElastiCacheProcessingUnits?: number;
    /** `ThrottledCmds` threshold, in throttled commands per minute. Default 0. */
    ThrottledCmds?: number;
    /** `SuccessfulReadRequestLatency` threshold, in microseconds. Default `latencySloMs` × 1000. */
    SuccessfulReadRequestLatency?: number;
    /** `SuccessfulWriteRequestLatency` threshold, in microseconds. Default `latencySloMs` × 1000. */
    SuccessfulWriteRequestLatency?: number;
    /** `CurrConnections` threshold, in client connections. Default 52,000, 80 % of the 65,000 a serverless cache accepts. */
    CurrConnections?: number;
    /** `CacheHitRate` threshold, in percent, 0 to 100. Default 80. */
    CacheHitRate?: number;
    /** `AuthenticationFailures` threshold, in failed AUTH attempts per minute. Default 0. */
    AuthenticationFailures?: number;
    /** `KeyAuthorizationFailures` threshold, in refused key accesses per minute. Default 0. */
    KeyAuthorizationFailures?: number;
}

// The compiler's proof that `ServerlessAlarmThresholds` names every metric and nothing else.
true satisfies [keyof ServerlessAlarmThresholds] extends [ServerlessAlarmMetric]
    ? [ServerlessAlarmMetric] extends [keyof ServerlessAlarmThresholds]
        ? true
        : false
    : false;

export const SERVERLESS_ALARMS_ARG_NAMES = argNames<ServerlessAlarmsArgs>()(["enabled", "latencySloMs", "thresholds", "disabled"]);

interface ServerlessAlarmRule {
    statistic: "Average" | "Sum" | "Maximum";
    comparison: "GreaterThanThreshold" | "LessThanThreshold";
    periods: number;
    unit: MetricUnit;
    why: string;
}

const ACL_HINT =
    "Look for a client with a wrong or rotated password, or credential misuse; the cache has no ACL LOG, so check the clients' own logs.";

const RULES: Record<ServerlessAlarmMetric, ServerlessAlarmRule> = {
    BytesUsedForCache: {
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        periods: 5,
        unit: "Bytes",
        why: "The data nears the cache's data storage limit; at the limit writes fail or keys are evicted. Raise cacheUsageLimits.dataStorageMaximumGb, or shorten TTLs.",
    },
    ElastiCacheProcessingUnits: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        periods: 5,
        unit: "Count",
        why: "Requests near the cache's ECPU per second limit; at the limit commands are throttled. Raise cacheUsageLimits.ecpuPerSecondMaximum, or find the expensive commands.",
    },
    ThrottledCmds: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        periods: 3,
        unit: "Count",
        why: "ElastiCache throttles commands: the load grows faster than the cache scales, or it hit its usage limits.",
    },
    SuccessfulReadRequestLatency: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 3,
        unit: "Microseconds",
        why: "Server-side read latency is above the latency SLO: look for large values, slow commands or throttling.",
    },
    SuccessfulWriteRequestLatency: {
        statistic: "Average",
        comparison: "GreaterThanThreshold",
        periods: 3,
        unit: "Microseconds",
        why: "Server-side write latency is above the latency SLO: look for large values, slow commands or throttling.",
    },
    CurrConnections: {
        statistic: "Maximum",
        comparison: "GreaterThanThreshold",
        periods: 5,
        unit: "Count",
        why: "Client connections near the 65,000 a serverless cache accepts; look for connection leaks and missing pooling.",
    },
    CacheHitRate: {
        statistic: "Average",
        comparison: "LessThanThreshold",
        periods: 15,
        unit: "Percent",
        why: "Below about 80 %, many keys are evicted, expired or never set, and the backing store takes the load.",
    },
    AuthenticationFailures: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        periods: 1,
        unit: "Count",
        why: `Failed AUTH. ${ACL_HINT}`,
    },
    KeyAuthorizationFailures: {
        statistic: "Sum",
        comparison: "GreaterThanThreshold",
        periods: 1,
        unit: "Count",
        why: `A user touched keys outside its key patterns. ${ACL_HINT}`,
    },
};

/** ElastiCache Serverless accepts at most 65,000 connections per cache. */
const MAX_CONNECTIONS = 65000;
/** ElastiCache counts serverless data storage in gigabytes of 10^9 bytes. */
export const BYTES_PER_GB = 1e9;

/** The usage limits the default thresholds are derived from. */
export interface UsageLimits {
    dataStorageMaximumGb: number;
    ecpuPerSecondMaximum: number;
}

export interface ServerlessAlarmSettings {
    latencySloMs: number;
    thresholds: ServerlessAlarmThresholds;
}

function defaultThreshold(metric: ServerlessAlarmMetric, limits: UsageLimits, latencySloMs: number): number {
    switch (metric) {
        case "BytesUsedForCache":
            return Math.round(limits.dataStorageMaximumGb * BYTES_PER_GB * 0.8);
        case "ElastiCacheProcessingUnits":
            return Math.round(limits.ecpuPerSecondMaximum * 60 * 0.8);
        case "SuccessfulReadRequestLatency":
        case "SuccessfulWriteRequestLatency":
            return latencySloMs * 1000;
        case "CurrConnections":
            return MAX_CONNECTIONS * 0.8;
        case "CacheHitRate":
            return 80;
        case "ThrottledCmds":
        case "AuthenticationFailures":
        case "KeyAuthorizationFailures":
            return 0;
    }
}

/** Checks the alarm arguments of a serverless cache and resolves every threshold against its usage limits. */
export function validateServerlessAlarmsArgs(
    check: ArgChecker,
    args: ServerlessAlarmsArgs = {},
    limits: UsageLimits,
): ServerlessAlarmSettings {
    check.object("alarms", args, SERVERLESS_ALARMS_ARG_NAMES);
    const { enabled, latencySloMs, overrides, disabled } = validateCommonAlarmArgs(
        check,
        args,
        SERVERLESS_ALARM_METRICS,
        (metric) => RULES[metric].unit,
    );
    if (!enabled) return { latencySloMs, thresholds: {} };
    const thresholds = Object.fromEntries(
        SERVERLESS_ALARM_METRICS.filter((metric) => !disabled.has(metric)).map((metric) => [
            metric,
            overrides[metric] ?? defaultThreshold(metric, limits, latencySloMs),
        ]),
    );
    return { latencySloMs, thresholds };
}

/** One CloudWatch alarm on a serverless cache. */
export interface ServerlessAlarmDefinition extends ServerlessAlarmRule {
    metric: ServerlessAlarmMetric;
    /** `<cache name>-<metric>`. */
    name: string;
    threshold: number;
    periodSeconds: number;
    dimensions: { clusterId: string };
    description: string;
    treatMissingData: "notBreaching";
}

/** The alarms of a serverless cache: each alarmed metric once, on the `clusterId` dimension. */
export function serverlessAlarmDefinitions(cacheName: string, settings: ServerlessAlarmSettings): ServerlessAlarmDefinition[] {
    return SERVERLESS_ALARM_METRICS.flatMap((metric) => {
        const threshold = settings.thresholds[metric];
        if (threshold === undefined) return [];
        const rule = RULES[metric];
        const condition = `${rule.statistic} ${rule.comparison === "GreaterThanThreshold" ? ">" : "<"} ${threshold} (${rule.unit}) for ${rule.periods} of ${rule.periods} minutes`;
        return [
            {
                ...rule,
                metric,
                name: `${cacheName}-${metric}`,
                threshold,
                periodSeconds: 60,
                dimensions: { [SERVERLESS_DIMENSION]: cacheName } as { clusterId: string },
                description: `${metric} ${condition} on serverless cache ${cacheName}. ${rule.why}`,
                treatMissingData: "notBreaching" as const,
            },
        ];
    });
}

/** The CloudWatch dashboard body of a serverless cache: one graph per alarmed metric, with its alarm line. */
export function serverlessDashboardBody(cacheName: string, region: string, settings: ServerlessAlarmSettings) {
    const width = 8;
    const height = 6;
    return {
        widgets: SERVERLESS_ALARM_METRICS.map((metric, i) => {
            const threshold = settings.thresholds[metric];
            return {
                type: "metric",
                x: (i % 3) * width,
                y: Math.floor(i / 3) * height,
                width,
                height,
                properties: {
                    title: `${cacheName}: ${metric} (${RULES[metric].unit})`,
                    region,
                    view: "timeSeries",
                    stacked: false,
                    period: 60,
                    stat: RULES[metric].statistic,
                    metrics: [["AWS/ElastiCache", metric, SERVERLESS_DIMENSION, cacheName, { label: cacheName }]],
                    annotations: { horizontal: threshold === undefined ? [] : [{ label: "alarm", value: threshold }] },
                    yAxis: { left: { min: 0 } },
                },
            };
        }),
    };
}
