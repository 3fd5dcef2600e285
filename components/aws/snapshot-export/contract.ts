/**
 * What the snapshot export function and the component that deploys it agree on: the environment,
 * the names of exports, and the log line that counts a finished export. No AWS SDK in here, so the
 * component can import it without pulling the function's dependencies into a Pulumi program.
 */

export const ENV = {
    replicationGroupId: "REPLICATION_GROUP_ID",
    /** Set instead of REPLICATION_GROUP_ID when the function exports a serverless cache's snapshots. */
    serverlessCacheName: "SERVERLESS_CACHE_NAME",
    targetBucket: "TARGET_BUCKET",
    maxSnapshotAgeHours: "MAX_SNAPSHOT_AGE_HOURS",
} as const;

/** The `event` field of the log line written when an export has landed in the bucket. */
export const EXPORTED_EVENT = "snapshot-exported";

/** Where the metric filter counts exported snapshots. */
export const METRIC_NAMESPACE = "HardenedRedis/Backup";
export const EXPORTED_METRIC = "SnapshotsExported";

/** Every export of a group starts with this, in the bucket and as an ElastiCache snapshot name. */
export function exportPrefix(replicationGroupId: string): string {
    return `${replicationGroupId}-`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * The export name of a snapshot: the group id and the snapshot's UTC creation time, so that names sort
 * by time and a rerun for the same snapshot derives the same name. Lowercase, as IAM resource ARNs of
 * ElastiCache snapshots must be.
 */
export function exportName(replicationGroupId: string, createdAt: Date): string {
    const date = `${createdAt.getUTCFullYear()}${pad(createdAt.getUTCMonth() + 1)}${pad(createdAt.getUTCDate())}`;
    const time = `${pad(createdAt.getUTCHours())}${pad(createdAt.getUTCMinutes())}${pad(createdAt.getUTCSeconds())}`;
    return `${exportPrefix(replicationGroupId)}${date}-${time}`;
}

/**
 * ElastiCache appends the shard number and `.rdb`, one file per shard. Every group has a shard `0001`, so its
 * file marks the export of a cluster-mode-disabled and of a cluster-mode group alike.
 */
export function exportObjectKey(name: string): string {
    return `${name}-0001.rdb`;
}

/** True for the object keys that this group's exports produce. */
export function isExportObjectKey(replicationGroupId: string, key: string): boolean {
    const prefix = exportPrefix(replicationGroupId);
    return key.startsWith(prefix) && /^\d{8}-\d{6}-\d{4}\.rdb$/.test(key.slice(prefix.length));
}

/**
 * ElastiCache names a serverless cache's automated snapshots `automatic.<cache name>-<date>`, such as
 * `automatic.my-redis-2023-11-27` in the User Guide's export example
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-exporting.html).
 * ExportServerlessCacheSnapshot takes no target name, and AWS does not document the object keys it writes;
 * the function expects them to start with the snapshot's name, as CopySnapshot's start with the target name.
 * Should AWS name them otherwise, no export is counted and the "no export" alarm fires: loud, never silent.
 */
export function serverlessExportPrefix(cacheName: string): string {
    return `automatic.${cacheName}-`;
}

/**
 * True for the `.rdb` objects that this serverless cache's exports produce: after the prefix comes the
 * snapshot's date, so a cache `orders-eu` never counts as `orders`.
 */
export function isServerlessExportObjectKey(cacheName: string, key: string): boolean {
    const prefix = serverlessExportPrefix(cacheName);
    return key.startsWith(prefix) && /^\d.*\.rdb$/.test(key.slice(prefix.length));
}

/** Where the exported snapshots come from: a node-based replication group (CopySnapshot) or a serverless cache (ExportServerlessCacheSnapshot). */
export type ExportSourceKind = "replication-group" | "serverless-cache";

export interface ExportSourceNames {
    /** The environment variable that names the source. */
    envVar: string;
    /** The field that names the source in the function's log lines, which the metric filter reads. */
    logField: string;
    /** The dimension of the exported-snapshots metric. */
    dimension: string;
    /** How messages name the source, such as `replication group`. */
    noun: string;
    /** The start of every export object key of the source. */
    prefix: (id: string) => string;
    isExportObjectKey: (id: string, key: string) => boolean;
}

export const EXPORT_SOURCES: Record<ExportSourceKind, ExportSourceNames> = {
    "replication-group": {
        envVar: ENV.replicationGroupId,
        logField: "replicationGroupId",
        dimension: "ReplicationGroupId",
        noun: "replication group",
        prefix: exportPrefix,
        isExportObjectKey,
    },
    "serverless-cache": {
        envVar: ENV.serverlessCacheName,
        logField: "serverlessCacheName",
        dimension: "ServerlessCacheName",
        noun: "serverless cache",
        prefix: serverlessExportPrefix,
        isExportObjectKey: isServerlessExportObjectKey,
    },
};
