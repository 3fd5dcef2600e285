import { awsDocs } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, SERVERLESS_CACHE, cacheKind, describeCache } from "../lib/elasticache";
import { booleanOf, isAbsent, isUnknown, listOf, numberOf, objectOf, stringOf } from "../lib/known-values";
import { StackResourceView, StackView, stackRule, unknownDuringPreview } from "../lib/rule";

export interface AlarmSettings {
    requiredMetrics: string[];
}

const METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const NAMESPACE = "AWS/ElastiCache";

/** One metric an alarm watches, with the dimensions it names. */
interface WatchedMetric {
    metricName: unknown;
    dimensions: Record<string, unknown>;
}

function watchedMetrics(alarm: StackResourceView): WatchedMetric[] {
    const { props } = alarm;
    const direct = props.namespace === NAMESPACE ? [{ metricName: props.metricName, dimensions: objectOf(props.dimensions) }] : [];
    const queried = listOf(props.metricQueries)
        .map((q) => objectOf(objectOf(q).metric))
        .filter((m) => m.namespace === NAMESPACE)
        .map((m) => ({ metricName: m.metricName, dimensions: objectOf(m.dimensions) }));
    return [...direct, ...queried];
}

/** An alarm somebody hears: it has alarm actions that are not switched off. */
function notifies(alarm: StackResourceView): boolean {
    return !isAbsent(alarm.props.alarmActions) && booleanOf(alarm.props.actionsEnabled) !== false;
}

/**
 * The node ids ElastiCache gives a group's members: `<group>-001`, `<group>-002`, ... without cluster mode, and
 * `<group>-<shard, 4 digits>-<node, 3 digits>` with it (numNodeGroups set): `<group>-0001-001`, `<group>-0001-002`, ...
 * Undefined when the node counts are not known.
 */
function memberIds(cache: StackResourceView, groupId: string): string[] | undefined {
    const node = (i: number) => String(i + 1).padStart(3, "0");
    const shards = numberOf(cache.props.numNodeGroups);
    const replicas = numberOf(cache.props.replicasPerNodeGroup);
    if (shards !== undefined || replicas !== undefined) {
        if (shards === undefined || replicas === undefined) return undefined;
        return Array.from({ length: shards }, (_, s) =>
            Array.from({ length: 1 + replicas }, (_, i) => `${groupId}-${String(s + 1).padStart(4, "0")}-${node(i)}`),
        ).flat();
    }
    const nodes = numberOf(cache.props.numCacheClusters);
    return nodes === undefined ? undefined : Array.from({ length: nodes }, (_, i) => `${groupId}-${node(i)}`);
}

/** For each metric, whether an alarm that notifies covers the given node, by its CacheClusterId or by dependency. */
function coverage(stack: StackView, cache: StackResourceView): (metric: string, node: string | ((id: string) => boolean)) => boolean {
    const alarms = stack.ofType(METRIC_ALARM).filter(notifies);
    return (metric, node) =>
        alarms.some((alarm) =>
            watchedMetrics(alarm).some((watched) => {
                if (watched.metricName !== metric) return false;
                const id = watched.dimensions.CacheClusterId;
                if (isUnknown(id)) return stack.sourcesOf(alarm, "dimensions", [cache.type]).includes(cache);
                return typeof id === "string" && (typeof node === "string" ? id === node : node(id));
            }),
        );
}

function serverlessCovered(stack: StackView, cache: StackResourceView): boolean {
    const name = stringOf(cache.props.name);
    return stack
        .ofType(METRIC_ALARM)
        .filter(notifies)
        .some((alarm) =>
            watchedMetrics(alarm).some((watched) => {
                const id = watched.dimensions.clusterId;
                return isUnknown(id) ? stack.sourcesOf(alarm, "dimensions", [cache.type]).includes(cache) : id === name;
            }),
        );
}

export const elastiCacheWithoutAlarms = stackRule<AlarmSettings>(
    {
        name: "elasticache-without-alarms",
        description:
            "Every ElastiCache cache should have CloudWatch alarms with actions: node-based caches on each required metric for every member node, serverless caches on at least one metric.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [
            awsDocs(
                "CacheMetrics.WhichShouldIMonitor",
                "Which metrics should I monitor?",
                "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.WhichShouldIMonitor.html",
            ),
        ],
        remediation:
            "Create an aws.cloudwatch.MetricAlarm per required metric and member node, with the CacheClusterId dimension set to the member id (<group>-001, <group>-002, ..., or <group>-0001-001, <group>-0001-002, ... in cluster mode) " +
            "and alarmActions pointing to an SNS topic. Alarms on the ReplicationGroupId dimension get no data for node metrics.",
        configSchema: {
            properties: {
                requiredMetrics: {
                    type: "array",
                    items: { type: "string" },
                    uniqueItems: true,
                    default: ["EngineCPUUtilization", "DatabaseMemoryUsagePercentage", "Evictions", "CurrConnections"],
                    description: "Node metrics that every member of a node-based cache must have an alarm on.",
                },
            },
        },
    },
    (stack, report, { requiredMetrics }, notJudged) => {
        for (const cache of stack.ofType(REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE)) {
            const kind = cacheKind(cache);
            if (kind === "serverless") {
                if (!serverlessCovered(stack, cache)) {
                    report(
                        `ServerlessCache "${cache.name}" has no CloudWatch alarm with actions. Alarm at least on ElastiCacheProcessingUnits, BytesUsedForCache and ThrottledCmds.`,
                        cache.urn,
                    );
                }
                continue;
            }
            if (kind !== "replication-group" && kind !== "global-secondary" && kind !== "standalone-cluster") continue;
            const idField = kind === "standalone-cluster" ? "clusterId" : "replicationGroupId";
            const id = stringOf(cache.props[idField]);
            if (id === undefined) {
                notJudged(unknownDuringPreview(describeCache(cache), idField), cache.urn);
                continue;
            }
            const known = kind === "standalone-cluster" ? [id] : memberIds(cache, id);
            const members: (string | ((node: string) => boolean))[] = known ?? [(node: string) => node.startsWith(`${id}-`)];
            const covered = coverage(stack, cache);
            const gaps = requiredMetrics.flatMap((metric) => {
                const missing = members.filter((member) => !covered(metric, member));
                return missing.length === 0
                    ? []
                    : [`${metric} (${missing.map((m) => (typeof m === "string" ? m : `any ${id}-* node`)).join(", ")})`];
            });
            if (gaps.length > 0) {
                report(
                    `${cache.type.split(":").pop()} "${cache.name}" lacks alarms with actions on ${gaps.join("; ")}. ` +
                        "Create one aws.cloudwatch.MetricAlarm per metric and member node, on the CacheClusterId dimension, with alarmActions.",
                    cache.urn,
                );
            }
        }
    },
);
