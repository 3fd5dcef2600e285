/**
 * The restore drill's steps that talk to the ElastiCache and CloudWatch APIs, one action per Task
 * state of the state machine: `start` (the janitor, and the new drill's group id), `pick`, `create`,
 * `status`, `delete` and `publish`; `watchdog` runs hourly on its own schedule.
 */
import { CloudWatchClient, GetMetricStatisticsCommand, PutMetricDataCommand, StandardUnit } from "@aws-sdk/client-cloudwatch";
import {
    CreateReplicationGroupCommand,
    DeleteReplicationGroupCommand,
    DescribeReplicationGroupsCommand,
    ElastiCacheClient,
    ListTagsForResourceCommand,
    Snapshot,
    paginateDescribeReplicationGroups,
    paginateDescribeSnapshots,
} from "@aws-sdk/client-elasticache";
import { DRILL_ENV, DRILL_METRICS, DRILL_METRIC_NAMESPACE, DRILL_TAG, drillGroupId, drillGroupPrefix } from "../contract";
import { requiredEnv } from "./env";

export interface DrillConfig {
    sourceGroupId: string;
    subnetGroupName: string;
    securityGroupId: string;
    userGroupId: string;
    parameterGroupName: string;
    kmsKeyArn: string;
    nodeType: string;
    port: number;
    /** The janitor deletes drill groups older than this. */
    maxOrphanAgeHours: number;
}

export function readDrillConfig(env: Record<string, string | undefined>): DrillConfig {
    const get = (name: string) => requiredEnv(env, name);
    return {
        sourceGroupId: get(DRILL_ENV.sourceGroupId),
        subnetGroupName: get(DRILL_ENV.subnetGroupName),
        securityGroupId: get(DRILL_ENV.securityGroupId),
        userGroupId: get(DRILL_ENV.userGroupId),
        parameterGroupName: get(DRILL_ENV.parameterGroupName),
        kmsKeyArn: get(DRILL_ENV.kmsKeyArn),
        nodeType: get(DRILL_ENV.nodeType),
        port: Number(get(DRILL_ENV.port)),
        maxOrphanAgeHours: Number(get(DRILL_ENV.maxOrphanAgeHours)),
    };
}

/** A failure that the state machine catches by name. */
export class DrillError extends Error {
    constructor(name: "NoBackup" | "CreateFailed", message: string) {
        super(message);
        this.name = name;
    }
}

export interface Clients {
    elastiCache: ElastiCacheClient;
    cloudWatch: CloudWatchClient;
}

export interface PickedBackup {
    snapshotName: string;
    backupCreatedAt: string;
    chosenAt: string;
    engine: string;
    engineVersion: string;
    expectedKeys: number | null;
}

export type DrillEvent =
    | { action: "start" }
    | { action: "pick" }
    | { action: "create"; replicationGroupId: string; backup: PickedBackup }
    | { action: "status"; replicationGroupId: string; attempt: number }
    | { action: "delete"; replicationGroupId: string }
    | { action: "publish"; succeeded: boolean; rtoSeconds?: number | null; rpoSeconds?: number | null }
    | { action: "watchdog" };

let clients: Clients | undefined;

export async function handler(event: DrillEvent): Promise<unknown> {
    clients ??= { elastiCache: new ElastiCacheClient({}), cloudWatch: new CloudWatchClient({}) };
    return runAction(event, clients, readDrillConfig(process.env), new Date());
}

export function runAction(event: DrillEvent, c: Clients, config: DrillConfig, now: Date): Promise<unknown> {
    switch (event.action) {
        case "start":
            return start(c, config, now);
        case "pick":
            return pickBackup(c, config, now);
        case "create":
            return createDrillGroup(c, config, event.replicationGroupId, event.backup);
        case "status":
            return groupStatus(c, event.replicationGroupId, event.attempt);
        case "delete":
            return deleteDrillGroup(c, config, event.replicationGroupId);
        case "publish":
            return publish(c, config, event, now);
        case "watchdog":
            return watchdog(c, config, now);
        default:
            throw new Error(`Unknown drill action ${JSON.stringify((event as { action?: unknown }).action)}.`);
    }
}

/** The janitor: deletes this cache's drill groups that an earlier run left behind (by prefix, tag and age); then names the new drill group. */
export async function start(c: Clients, config: DrillConfig, now: Date): Promise<{ replicationGroupId: string; startedAt: string; removedOrphans: string[] }> {
    const prefix = drillGroupPrefix(config.sourceGroupId);
    const removedOrphans: string[] = [];
    for await (const page of paginateDescribeReplicationGroups({ client: c.elastiCache }, {})) {
        for (const group of page.ReplicationGroups ?? []) {
            const id = group.ReplicationGroupId ?? "";
            if (!id.startsWith(prefix) || group.Status === "deleting" || !group.ARN) continue;
            const ageHours = (now.getTime() - (group.ReplicationGroupCreateTime?.getTime() ?? now.getTime())) / 3_600_000;
            if (ageHours < config.maxOrphanAgeHours) continue;
            const { TagList } = await c.elastiCache.send(new ListTagsForResourceCommand({ ResourceName: group.ARN }));
            if (!TagList?.some((tag) => tag.Key === DRILL_TAG && tag.Value === config.sourceGroupId)) continue;
            await c.elastiCache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: id }));
            removedOrphans.push(id);
        }
    }
    return { replicationGroupId: drillGroupId(config.sourceGroupId, now), startedAt: now.toISOString(), removedOrphans };
}

const createdAt = (snapshot: Snapshot) => snapshot.NodeSnapshots?.[0]?.SnapshotCreateTime?.getTime() ?? 0;

/** The newest available automatic snapshot of the source, and the source's key count when it was taken. */
export async function pickBackup(c: Clients, config: DrillConfig, now: Date): Promise<PickedBackup> {
    const snapshots: Snapshot[] = [];
    for await (const page of paginateDescribeSnapshots({ client: c.elastiCache }, { ReplicationGroupId: config.sourceGroupId, SnapshotSource: "system" })) {
        snapshots.push(...(page.Snapshots ?? []).filter((s) => s.SnapshotStatus === "available" && createdAt(s) > 0));
    }
    const newest = snapshots.sort((a, b) => createdAt(b) - createdAt(a))[0];
    if (!newest?.SnapshotName) {
        throw new DrillError("NoBackup", `${config.sourceGroupId} has no available automatic snapshot to restore; check its snapshotRetentionDays and its ElastiCache events.`);
    }
    const taken = new Date(createdAt(newest));
    return {
        snapshotName: newest.SnapshotName,
        backupCreatedAt: taken.toISOString(),
        chosenAt: now.toISOString(),
        engine: newest.Engine ?? "redis",
        engineVersion: newest.EngineVersion ?? "",
        expectedKeys: await keysAt(c, newest.NodeSnapshots?.[0]?.CacheClusterId ?? newest.CacheClusterId, taken),
    };
}

/** ElastiCache's CurrItems of the snapshotted node in the minute the snapshot was taken, or null when CloudWatch has none. */
async function keysAt(c: Clients, cacheClusterId: string | undefined, at: Date): Promise<number | null> {
    if (!cacheClusterId) return null;
    const { Datapoints } = await c.cloudWatch.send(
        new GetMetricStatisticsCommand({
            Namespace: "AWS/ElastiCache",
            MetricName: "CurrItems",
            Dimensions: [{ Name: "CacheClusterId", Value: cacheClusterId }],
            StartTime: new Date(at.getTime() - 60_000),
            EndTime: new Date(at.getTime() + 60_000),
            Period: 60,
            Statistics: ["Maximum"],
        }),
    );
    const nearest = (Datapoints ?? []).sort((a, b) => Math.abs(a.Timestamp!.getTime() - at.getTime()) - Math.abs(b.Timestamp!.getTime() - at.getTime()))[0];
    return nearest?.Maximum ?? null;
}

/** One node from the snapshot, in the source's subnets, with its key, security group, users and parameters. */
export async function createDrillGroup(c: Clients, config: DrillConfig, replicationGroupId: string, backup: PickedBackup): Promise<{ replicationGroupId: string }> {
    if (!replicationGroupId.startsWith(drillGroupPrefix(config.sourceGroupId))) {
        throw new Error(`${replicationGroupId} is not a drill group of ${config.sourceGroupId}.`);
    }
    await c.elastiCache.send(
        new CreateReplicationGroupCommand({
            ReplicationGroupId: replicationGroupId,
            ReplicationGroupDescription: `Restore drill of ${config.sourceGroupId} from ${backup.snapshotName}; deleted by the drill`,
            SnapshotName: backup.snapshotName,
            Engine: backup.engine,
            EngineVersion: backup.engineVersion || undefined,
            CacheNodeType: config.nodeType,
            NumCacheClusters: 1,
            AutomaticFailoverEnabled: false,
            MultiAZEnabled: false,
            CacheSubnetGroupName: config.subnetGroupName,
            SecurityGroupIds: [config.securityGroupId],
            UserGroupIds: [config.userGroupId],
            CacheParameterGroupName: config.parameterGroupName,
            KmsKeyId: config.kmsKeyArn,
            AtRestEncryptionEnabled: true,
            TransitEncryptionEnabled: true,
            TransitEncryptionMode: "required",
            Port: config.port,
            SnapshotRetentionLimit: 0,
            Tags: [
                { Key: DRILL_TAG, Value: config.sourceGroupId },
                { Key: "managed-by", Value: "hardened-redis" },
            ],
        }),
    );
    return { replicationGroupId };
}

export interface GroupStatus {
    available: boolean;
    status: string;
    attempt: number;
    host: string | null;
    port: number | null;
}

async function statusOf(c: Clients, replicationGroupId: string): Promise<string | undefined> {
    const { ReplicationGroups } = await c.elastiCache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }));
    return ReplicationGroups?.[0]?.Status;
}

export async function groupStatus(c: Clients, replicationGroupId: string, attempt: number): Promise<GroupStatus> {
    const { ReplicationGroups } = await c.elastiCache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }));
    const group = ReplicationGroups?.[0];
    const status = group?.Status ?? "missing";
    if (status === "create-failed" || status === "missing") {
        throw new DrillError("CreateFailed", `The drill group ${replicationGroupId} is ${status}; its ElastiCache events name the cause.`);
    }
    const endpoint = group?.NodeGroups?.[0]?.PrimaryEndpoint;
    return { available: status === "available", status, attempt: attempt + 1, host: endpoint?.Address ?? null, port: endpoint?.Port ?? null };
}

/** Deletes the drill group; a group that is gone or already being deleted is fine. */
export async function deleteDrillGroup(c: Clients, config: DrillConfig, replicationGroupId: string): Promise<{ replicationGroupId: string; deleted: boolean }> {
    if (!replicationGroupId.startsWith(drillGroupPrefix(config.sourceGroupId))) {
        throw new Error(`${replicationGroupId} is not a drill group of ${config.sourceGroupId}.`);
    }
    try {
        await c.elastiCache.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: replicationGroupId }));
        return { replicationGroupId, deleted: true };
    } catch (error) {
        const name = (error as Error).name;
        if (name === "ReplicationGroupNotFoundFault") return { replicationGroupId, deleted: false };
        // Deleting a group that is still being created fails; the state machine retries until it can.
        if (name === "InvalidReplicationGroupStateFault" && (await statusOf(c, replicationGroupId)) === "deleting") return { replicationGroupId, deleted: true };
        throw error;
    }
}

const dimensions = (config: DrillConfig) => [{ Name: "ReplicationGroupId", Value: config.sourceGroupId }];

/** The drill's outcome, and its RTO and RPO when they were measured. */
export async function publish(c: Clients, config: DrillConfig, event: { succeeded: boolean; rtoSeconds?: number | null; rpoSeconds?: number | null }, now: Date) {
    const metric = (name: string, value: number, unit: StandardUnit) => ({ MetricName: name, Dimensions: dimensions(config), Timestamp: now, Value: value, Unit: unit });
    const data = [
        metric(DRILL_METRICS.succeeded, event.succeeded ? 1 : 0, "Count"),
        ...(typeof event.rtoSeconds === "number" ? [metric(DRILL_METRICS.rtoSeconds, event.rtoSeconds, "Seconds")] : []),
        ...(typeof event.rpoSeconds === "number" ? [metric(DRILL_METRICS.rpoSeconds, event.rpoSeconds, "Seconds")] : []),
    ];
    await c.cloudWatch.send(new PutMetricDataCommand({ Namespace: DRILL_METRIC_NAMESPACE, MetricData: data }));
    return { published: data.map((d) => d.MetricName) };
}

/** CloudWatch keeps hourly data 63 days, and GetMetricStatistics returns at most 1,440 points: 14 days of hours. */
export const WATCHDOG_LOOKBACK_HOURS = 14 * 24;

/**
 * Publishes the seconds since the last successful drill (the whole look-back when there was none),
 * so that the "missing drill" alarm works for schedules longer than the seven days an alarm can look back.
 */
export async function watchdog(c: Clients, config: DrillConfig, now: Date): Promise<{ secondsSinceSuccess: number }> {
    const { Datapoints } = await c.cloudWatch.send(
        new GetMetricStatisticsCommand({
            Namespace: DRILL_METRIC_NAMESPACE,
            MetricName: DRILL_METRICS.succeeded,
            Dimensions: dimensions(config),
            StartTime: new Date(now.getTime() - WATCHDOG_LOOKBACK_HOURS * 3_600_000),
            EndTime: now,
            Period: 3600,
            Statistics: ["Maximum"],
        }),
    );
    const successes = (Datapoints ?? []).filter((d) => (d.Maximum ?? 0) >= 1).map((d) => d.Timestamp!.getTime());
    const last = successes.length ? Math.max(...successes) : now.getTime() - WATCHDOG_LOOKBACK_HOURS * 3_600_000;
    const secondsSinceSuccess = Math.round((now.getTime() - last) / 1000);
    await c.cloudWatch.send(
        new PutMetricDataCommand({
            Namespace: DRILL_METRIC_NAMESPACE,
            MetricData: [{ MetricName: DRILL_METRICS.sinceSuccessSeconds, Dimensions: dimensions(config), Timestamp: now, Value: secondsSinceSuccess, Unit: "Seconds" }],
        }),
    );
    return { secondsSinceSuccess };
}
