/**
 * The restore drill's steps that talk to the ElastiCache, S3 and CloudWatch APIs, one action per Task
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
    NodeGroupConfiguration,
    ReplicationGroup,
    Snapshot,
    paginateDescribeReplicationGroups,
    paginateDescribeSnapshots,
} from "@aws-sdk/client-elasticache";
import { PutObjectAclCommand, S3Client, paginateListObjectsV2 } from "@aws-sdk/client-s3";
import { exportName, exportPrefix, isExportObjectKey } from "../../snapshot-export/contract";
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
    /** The cache's shards in cluster mode, undefined without cluster mode. */
    shards?: number;
    /** Where the exports are, when exports are on: drills then restore the newest export. */
    exports?: ExportLocation;
}

export interface ExportLocation {
    bucket: string;
    /** The bucket's partition, for the objects' S3 ARNs. */
    partition: string;
    /** In regions enabled by default, ElastiCache reads a seed file through an object ACL grant to its canonical user; undefined in opt-in regions, where the bucket policy lets it read. */
    aclGrant?: { elastiCacheCanonicalUserId: string; ownerCanonicalUserId: string };
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
        ...(env[DRILL_ENV.shards] ? { shards: Number(env[DRILL_ENV.shards]) } : {}),
        ...(env[DRILL_ENV.exportBucket] ? { exports: readExportLocation(env) } : {}),
    };
}

function readExportLocation(env: Record<string, string | undefined>): ExportLocation {
    const elastiCacheCanonicalUserId = env[DRILL_ENV.elastiCacheCanonicalUserId];
    return {
        bucket: requiredEnv(env, DRILL_ENV.exportBucket),
        partition: requiredEnv(env, DRILL_ENV.partition),
        ...(elastiCacheCanonicalUserId
            ? { aclGrant: { elastiCacheCanonicalUserId, ownerCanonicalUserId: requiredEnv(env, DRILL_ENV.ownerCanonicalUserId) } }
            : {}),
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
    s3: S3Client;
}

/** The backup a drill restores, as the drill's output and logs record it. */
export interface PickedBackup {
    /** `snapshot`: the newest automatic snapshot; `export`: the newest export in S3 (when exports are on). */
    kind: "snapshot" | "export";
    /** The snapshot restored, or the one the export was made from (null when it has expired since). */
    snapshotName: string | null;
    /** The export's bucket, or null for a snapshot. */
    bucket: string | null;
    /** The export's objects restored, one per shard in shard order; empty for a snapshot. */
    objectKeys: string[];
    /** When the snapshot was taken (for an export: the snapshot it was exported from). */
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
    clients ??= { elastiCache: new ElastiCacheClient({}), cloudWatch: new CloudWatchClient({}), s3: new S3Client({}) };
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
export async function start(
    c: Clients,
    config: DrillConfig,
    now: Date,
): Promise<{ replicationGroupId: string; startedAt: string; removedOrphans: string[] }> {
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

/** When a snapshot was taken: its earliest node snapshot, as the export function names exports (0 when unknown). */
function createdAt(snapshot: Snapshot): number {
    const times = (snapshot.NodeSnapshots ?? []).flatMap((n) => (n.SnapshotCreateTime ? [n.SnapshotCreateTime.getTime()] : []));
    return times.length ? Math.min(...times) : 0;
}

/**
 * The newest backup and the source's key count when it was taken: the newest complete export when
 * exports are on, otherwise the newest available automatic snapshot. Logs what it picked.
 */
export async function pickBackup(c: Clients, config: DrillConfig, now: Date): Promise<PickedBackup> {
    const snapshots: Snapshot[] = [];
    for await (const page of paginateDescribeSnapshots(
        { client: c.elastiCache },
        { ReplicationGroupId: config.sourceGroupId, SnapshotSource: "system" },
    )) {
        snapshots.push(...(page.Snapshots ?? []).filter((s) => s.SnapshotStatus === "available" && createdAt(s) > 0));
    }
    const picked = config.exports
        ? await pickExport(c, config, config.exports, snapshots, now)
        : await pickSnapshot(c, config, snapshots, now);
    console.log(JSON.stringify({ event: "restore-drill-backup-picked", sourceGroupId: config.sourceGroupId, ...picked }));
    return picked;
}

async function pickSnapshot(c: Clients, config: DrillConfig, snapshots: Snapshot[], now: Date): Promise<PickedBackup> {
    const newest = snapshots.sort((a, b) => createdAt(b) - createdAt(a))[0];
    if (!newest?.SnapshotName) {
        throw new DrillError(
            "NoBackup",
            `${config.sourceGroupId} has no available automatic snapshot to restore; check its snapshotRetentionDays and its ElastiCache events.`,
        );
    }
    const taken = new Date(createdAt(newest));
    return {
        kind: "snapshot",
        snapshotName: newest.SnapshotName,
        bucket: null,
        objectKeys: [],
        backupCreatedAt: taken.toISOString(),
        chosenAt: now.toISOString(),
        engine: newest.Engine ?? "redis",
        engineVersion: newest.EngineVersion ?? "",
        expectedKeys: await keysAt(c, snapshottedNodes(newest), taken),
    };
}

/**
 * The newest export with a file for every shard. Its name holds the time of the snapshot it was made
 * from (snapshot-export/contract.ts); that snapshot, while ElastiCache keeps it, names the engine and
 * the nodes whose key counts the restored copy must match. Once it has expired, the source's nodes stand in.
 */
async function pickExport(
    c: Clients,
    config: DrillConfig,
    exports: ExportLocation,
    snapshots: Snapshot[],
    now: Date,
): Promise<PickedBackup> {
    const newest = await newestExport(c, config, exports);
    if (!newest) {
        throw new DrillError(
            "NoBackup",
            `s3://${exports.bucket} holds no complete export of ${config.sourceGroupId} (${config.shards ?? 1} file(s) named ${exportPrefix(config.sourceGroupId)}<date>-<time>-<shard>.rdb); check the export function's alarms and logs.`,
        );
    }
    const snapshot = snapshots.find((s) => Math.floor(createdAt(s) / 1000) * 1000 === newest.takenAt.getTime());
    const source = snapshot ? undefined : await describeGroup(c, config.sourceGroupId);
    return {
        kind: "export",
        snapshotName: snapshot?.SnapshotName ?? null,
        bucket: exports.bucket,
        objectKeys: newest.objectKeys,
        backupCreatedAt: newest.takenAt.toISOString(),
        chosenAt: now.toISOString(),
        engine: snapshot?.Engine ?? source?.Engine ?? "redis",
        engineVersion: snapshot?.EngineVersion ?? "",
        expectedKeys: await keysAt(c, snapshot ? snapshottedNodes(snapshot) : oneNodePerShard(source), newest.takenAt),
    };
}

interface ExportFiles {
    takenAt: Date;
    objectKeys: string[];
}

/** Lists the group's export objects and returns the newest export whose every shard file is there and not empty. */
async function newestExport(c: Clients, config: DrillConfig, exports: ExportLocation): Promise<ExportFiles | undefined> {
    const prefix = exportPrefix(config.sourceGroupId);
    const byName = new Map<string, Map<number, string>>();
    for await (const page of paginateListObjectsV2({ client: c.s3 }, { Bucket: exports.bucket, Prefix: prefix })) {
        for (const object of page.Contents ?? []) {
            const key = object.Key ?? "";
            if (!isExportObjectKey(config.sourceGroupId, key) || !object.Size) continue;
            const name = key.slice(0, -"-0001.rdb".length);
            const files = byName.get(name) ?? new Map<number, string>();
            files.set(Number(key.slice(-"0001.rdb".length, -".rdb".length)), key);
            byName.set(name, files);
        }
    }
    const shards = config.shards ?? 1;
    const complete = [...byName]
        .map(([name, files]) => ({
            takenAt: exportTime(config.sourceGroupId, name),
            objectKeys: Array.from({ length: shards }, (_, i) => files.get(i + 1)),
        }))
        .filter((e): e is ExportFiles => e.takenAt !== undefined && e.objectKeys.every((key) => key !== undefined));
    return complete.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime())[0];
}

/** The snapshot time that `exportName` wrote into an export's name, or undefined when the name is not one of its. */
export function exportTime(replicationGroupId: string, name: string): Date | undefined {
    const match = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})$/.exec(name.slice(exportPrefix(replicationGroupId).length));
    if (!match) return undefined;
    const [year, month, day, hours, minutes, seconds] = match.slice(1).map(Number);
    const time = new Date(Date.UTC(year, month - 1, day, hours, minutes, seconds));
    return exportName(replicationGroupId, time) === name ? time : undefined;
}

async function describeGroup(c: Clients, replicationGroupId: string): Promise<ReplicationGroup | undefined> {
    const { ReplicationGroups } = await c.elastiCache.send(
        new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }),
    );
    return ReplicationGroups?.[0];
}

/** The nodes a snapshot was taken from: one per shard. */
function snapshottedNodes(snapshot: Snapshot): string[] {
    return (snapshot.NodeSnapshots ?? [])
        .map((n) => n.CacheClusterId ?? snapshot.CacheClusterId)
        .filter((id): id is string => id !== undefined);
}

/** A node of each shard of the group: every node of a shard holds the shard's keys. */
function oneNodePerShard(group: ReplicationGroup | undefined): string[] {
    return (group?.NodeGroups ?? []).map((g) => g.NodeGroupMembers?.[0]?.CacheClusterId).filter((id): id is string => id !== undefined);
}

/** The sum over `nodes` of ElastiCache's CurrItems in the minute the backup was taken, or null when CloudWatch lacks a node's point. */
async function keysAt(c: Clients, nodes: string[], at: Date): Promise<number | null> {
    if (nodes.length === 0) return null;
    const counts = await Promise.all(nodes.map((node) => nodeKeysAt(c, node, at)));
    return counts.some((n) => n === null) ? null : counts.reduce<number>((sum, n) => sum + n!, 0);
}

async function nodeKeysAt(c: Clients, cacheClusterId: string, at: Date): Promise<number | null> {
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
    const nearest = (Datapoints ?? []).sort(
        (a, b) => Math.abs(a.Timestamp!.getTime() - at.getTime()) - Math.abs(b.Timestamp!.getTime() - at.getTime()),
    )[0];
    return nearest?.Maximum ?? null;
}

/** Redis Cluster's 16384 hash slots, split evenly over `shards` as ElastiCache splits them by default. */
export function evenSlots(shards: number): string[] {
    const SLOTS = 16384;
    return Array.from({ length: shards }, (_, i) => `${Math.floor((i * SLOTS) / shards)}-${Math.floor(((i + 1) * SLOTS) / shards) - 1}`);
}

/**
 * The smallest copy ElastiCache restores: one node, or in cluster mode the source's number of shards, each
 * a primary without replicas (CreateReplicationGroup: a cluster-mode group has 1 or more shards of a primary
 * and 0 to 5 replicas, and needs `AutomaticFailoverEnabled`). A seed from S3 names each shard and its slots
 * (`NodeGroupConfiguration`), which the API reference requires when seeding a cluster-mode group from .rdb files.
 */
function drillLayout(config: DrillConfig, seeded: boolean) {
    if (config.shards === undefined) return { NumCacheClusters: 1, AutomaticFailoverEnabled: false, MultiAZEnabled: false };
    const nodeGroups: NodeGroupConfiguration[] = evenSlots(config.shards).map((slots, i) => ({
        NodeGroupId: String(i + 1).padStart(4, "0"),
        Slots: slots,
        ReplicaCount: 0,
    }));
    return {
        NumNodeGroups: config.shards,
        ReplicasPerNodeGroup: 0,
        AutomaticFailoverEnabled: true,
        MultiAZEnabled: false,
        ...(seeded ? { NodeGroupConfiguration: nodeGroups } : {}),
    };
}

/** The drill group from the backup, in the source's subnets, with its key, security group, users and parameters. */
export async function createDrillGroup(
    c: Clients,
    config: DrillConfig,
    replicationGroupId: string,
    backup: PickedBackup,
): Promise<{ replicationGroupId: string }> {
    if (!replicationGroupId.startsWith(drillGroupPrefix(config.sourceGroupId))) {
        throw new Error(`${replicationGroupId} is not a drill group of ${config.sourceGroupId}.`);
    }
    const seed = backup.kind === "export" ? await seedArns(c, config, backup) : undefined;
    const more = backup.objectKeys.length - 1;
    const source = seed
        ? `s3://${backup.bucket}/${backup.objectKeys[0]}${more > 0 ? ` and ${more} more shard file(s)` : ""}`
        : backup.snapshotName;
    await c.elastiCache.send(
        new CreateReplicationGroupCommand({
            ReplicationGroupId: replicationGroupId,
            ReplicationGroupDescription: `Restore drill of ${config.sourceGroupId} from ${source}; deleted by the drill`,
            ...(seed ? { SnapshotArns: seed } : { SnapshotName: backup.snapshotName! }),
            Engine: backup.engine,
            EngineVersion: backup.engineVersion || undefined,
            CacheNodeType: config.nodeType,
            ...drillLayout(config, seed !== undefined),
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

/**
 * The S3 ARNs of the export's files, after letting ElastiCache read them. In regions enabled by default
 * ElastiCache reads a seed file through its canonical user's object ACL grant (ElastiCache User Guide,
 * "Seeding a new cluster with an externally created backup", step 4: read object, read and write object
 * ACL); the grant replaces the object's ACL, so it names the owner's full control too. In opt-in
 * regions the bucket policy already lets ElastiCache's service principal read the bucket.
 */
async function seedArns(c: Clients, config: DrillConfig, backup: PickedBackup): Promise<string[]> {
    const exports = config.exports;
    if (!exports || backup.bucket !== exports.bucket)
        throw new Error(
            `The drill of ${config.sourceGroupId} restores exports from s3://${exports?.bucket ?? "(none)"} only, not from s3://${backup.bucket}.`,
        );
    for (const key of backup.objectKeys) {
        if (!isExportObjectKey(config.sourceGroupId, key)) throw new Error(`${key} is not an export of ${config.sourceGroupId}.`);
        if (!exports.aclGrant) continue;
        const elastiCache = `id=${exports.aclGrant.elastiCacheCanonicalUserId}`;
        await c.s3.send(
            new PutObjectAclCommand({
                Bucket: exports.bucket,
                Key: key,
                GrantFullControl: `id=${exports.aclGrant.ownerCanonicalUserId}`,
                GrantRead: elastiCache,
                GrantReadACP: elastiCache,
                GrantWriteACP: elastiCache,
            }),
        );
    }
    return backup.objectKeys.map((key) => `arn:${exports.partition}:s3:::${exports.bucket}/${key}`);
}

export interface GroupStatus {
    available: boolean;
    status: string;
    attempt: number;
    /** The primary endpoint, or in cluster mode the configuration endpoint. */
    host: string | null;
    port: number | null;
    /** The primary of every shard: the primary endpoint without cluster mode; in cluster mode each shard's one node (a drill group has no replicas). */
    shards: { host: string; port: number }[];
}

async function statusOf(c: Clients, replicationGroupId: string): Promise<string | undefined> {
    const { ReplicationGroups } = await c.elastiCache.send(
        new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }),
    );
    return ReplicationGroups?.[0]?.Status;
}

export async function groupStatus(c: Clients, replicationGroupId: string, attempt: number): Promise<GroupStatus> {
    const { ReplicationGroups } = await c.elastiCache.send(
        new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }),
    );
    const group = ReplicationGroups?.[0];
    const status = group?.Status ?? "missing";
    if (status === "create-failed" || status === "missing") {
        throw new DrillError("CreateFailed", `The drill group ${replicationGroupId} is ${status}; its ElastiCache events name the cause.`);
    }
    const cluster = group?.ClusterEnabled === true;
    const endpoint = cluster ? group?.ConfigurationEndpoint : group?.NodeGroups?.[0]?.PrimaryEndpoint;
    const shardEndpoints = cluster ? (group?.NodeGroups ?? []).map((g) => g.NodeGroupMembers?.[0]?.ReadEndpoint) : [endpoint];
    const shards = shardEndpoints.flatMap((e) => (e?.Address && e.Port ? [{ host: e.Address, port: e.Port }] : []));
    return {
        available: status === "available",
        status,
        attempt: attempt + 1,
        host: endpoint?.Address ?? null,
        port: endpoint?.Port ?? null,
        shards,
    };
}

/** Deletes the drill group; a group that is gone or already being deleted is fine. */
export async function deleteDrillGroup(
    c: Clients,
    config: DrillConfig,
    replicationGroupId: string,
): Promise<{ replicationGroupId: string; deleted: boolean }> {
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
        if (name === "InvalidReplicationGroupStateFault" && (await statusOf(c, replicationGroupId)) === "deleting")
            return { replicationGroupId, deleted: true };
        throw error;
    }
}

const dimensions = (config: DrillConfig) => [{ Name: "ReplicationGroupId", Value: config.sourceGroupId }];

/** The drill's outcome, and its RTO and RPO when they were measured. */
export async function publish(
    c: Clients,
    config: DrillConfig,
    event: { succeeded: boolean; rtoSeconds?: number | null; rpoSeconds?: number | null },
    now: Date,
) {
    const metric = (name: string, value: number, unit: StandardUnit) => ({
        MetricName: name,
        Dimensions: dimensions(config),
        Timestamp: now,
        Value: value,
        Unit: unit,
    });
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
            MetricData: [
                {
                    MetricName: DRILL_METRICS.sinceSuccessSeconds,
                    Dimensions: dimensions(config),
                    Timestamp: now,
                    Value: secondsSinceSuccess,
                    Unit: "Seconds",
                },
            ],
        }),
    );
    return { secondsSinceSuccess };
}
