import { ArgChecker, argNames } from "../../shared/validation";
import { shardOf } from "../topology";
import { AlarmMetric, AlarmSettings } from "./alarms";

/** Dashboard settings of the component. */
export interface CacheDashboardArgs {
    /** Set `false` to create no dashboard. Default true. */
    enabled?: boolean;
}

export const DASHBOARD_ARG_NAMES = argNames<CacheDashboardArgs>()(["enabled"]);

/** Whether the cache gets its dashboard: on unless `dashboard.enabled` is false. */
export function validateDashboardArgs(check: ArgChecker, args: CacheDashboardArgs | undefined): boolean {
    return check.boolean(
        "dashboard.enabled",
        (args === undefined ? undefined : check.object("dashboard", args, DASHBOARD_ARG_NAMES))?.enabled ?? true,
    );
}

export interface DashboardOptions {
    replicationGroupId: string;
    region: string;
    memberIds: readonly string[];
    alarms: AlarmSettings;
    /** A Global Datastore secondary also graphs its cross-region lag. Default false. */
    globalSecondary?: boolean;
    /** The shards have replicas, so replication lag is graphed. Default: more than one member. */
    hasReplicas?: boolean;
    /** Cluster mode: each line's label starts with its shard, so that the legend groups nodes by shard. Default false. */
    clusterMode?: boolean;
    /** Panels of other parts of the component (the restore drill), after the node graphs. */
    panels?: DashboardPanel[];
}

/** A graph: CloudWatch metric arrays `[namespace, name, dimension, value, options?]`. */
export interface DashboardPanel {
    title: string;
    metrics: (string | { label: string })[][];
    stat: "Average" | "Sum" | "Maximum" | "Minimum";
    /** Seconds per point. */
    period: number;
    line?: { label: string; value: number };
}

/** One graph: a metric with one line per member node, and a horizontal line to read it against. */
interface Graph {
    title: string;
    metric: AlarmMetric;
    stat: "Average" | "Sum";
    line?: { label: string; value: number };
}

const WIDGET_WIDTH = 8;
const WIDGET_HEIGHT = 6;
const GRID_COLUMNS = 24;

/** A line's label: the member id, led by its shard in cluster mode so that the legend groups the nodes by shard. */
function memberLabel(memberId: string, clusterMode: boolean): string {
    return clusterMode ? `shard ${shardOf(memberId)}: ${memberId}` : memberId;
}

/** Dashboards are global to the account, so the name carries the region as well as the group. */
export function dashboardName(replicationGroupId: string, region: string): string {
    return `redis-${replicationGroupId}-${region}`;
}

/**
 * The CloudWatch dashboard body: memory and evictions, CPU and engine CPU, latency against the SLO,
 * connections, hit rate and replication lag, each with one line per member node; on a Global Datastore
 * secondary also the cross-region lag, whose line comes from the secondary's primary node.
 */
export function dashboardBody(input: DashboardOptions) {
    const { thresholds, latencySloMs } = input.alarms;
    const alarmLine = (metric: AlarmMetric) => {
        const value = thresholds[metric];
        return value === undefined ? undefined : { label: "alarm", value };
    };
    const sloLine = { label: `SLO ${latencySloMs} ms`, value: latencySloMs * 1000 };
    const graphs: Graph[] = [
        {
            title: "Memory used (% of maxmemory)",
            metric: "DatabaseMemoryUsagePercentage",
            stat: "Average",
            line: alarmLine("DatabaseMemoryUsagePercentage"),
        },
        { title: "Evictions per minute", metric: "Evictions", stat: "Sum", line: alarmLine("Evictions") },
        { title: "Freeable host memory (bytes)", metric: "FreeableMemory", stat: "Average", line: alarmLine("FreeableMemory") },
        { title: "Engine CPU (%)", metric: "EngineCPUUtilization", stat: "Average", line: alarmLine("EngineCPUUtilization") },
        { title: "Host CPU (%)", metric: "CPUUtilization", stat: "Average", line: alarmLine("CPUUtilization") },
        { title: "Swap (bytes)", metric: "SwapUsage", stat: "Average", line: alarmLine("SwapUsage") },
        { title: "Read latency (µs)", metric: "GetTypeCmdsLatency", stat: "Average", line: sloLine },
        { title: "Write latency (µs)", metric: "SetTypeCmdsLatency", stat: "Average", line: sloLine },
        { title: "Client connections", metric: "CurrConnections", stat: "Average", line: alarmLine("CurrConnections") },
        { title: "New connections per minute", metric: "NewConnections", stat: "Sum", line: alarmLine("NewConnections") },
        { title: "Cache hit rate (%)", metric: "CacheHitRate", stat: "Average", line: alarmLine("CacheHitRate") },
        ...((input.hasReplicas ?? input.memberIds.length > 1)
            ? [{ title: "Replication lag (s)", metric: "ReplicationLag", stat: "Average", line: alarmLine("ReplicationLag") } as const]
            : []),
        ...(input.globalSecondary
            ? [
                  {
                      title: "Cross-region replication lag (s)",
                      metric: "GlobalDatastoreReplicationLag",
                      stat: "Average",
                      line: alarmLine("GlobalDatastoreReplicationLag"),
                  } as const,
              ]
            : []),
    ];
    const panels: DashboardPanel[] = [
        ...graphs.map((graph) => ({
            title: graph.title,
            stat: graph.stat,
            period: 60,
            line: graph.line,
            metrics: input.memberIds.map((memberId) => [
                "AWS/ElastiCache",
                graph.metric,
                "CacheClusterId",
                memberId,
                { label: memberLabel(memberId, input.clusterMode === true) },
            ]),
        })),
        ...(input.panels ?? []),
    ];
    const perRow = GRID_COLUMNS / WIDGET_WIDTH;
    return {
        widgets: panels.map((panel, i) => ({
            type: "metric",
            x: (i % perRow) * WIDGET_WIDTH,
            y: Math.floor(i / perRow) * WIDGET_HEIGHT,
            width: WIDGET_WIDTH,
            height: WIDGET_HEIGHT,
            properties: {
                title: `${input.replicationGroupId}: ${panel.title}`,
                region: input.region,
                view: "timeSeries",
                stacked: false,
                period: panel.period,
                stat: panel.stat,
                metrics: panel.metrics,
                annotations: { horizontal: panel.line ? [panel.line] : [] },
                yAxis: { left: { min: 0 } },
            },
        })),
    };
}
