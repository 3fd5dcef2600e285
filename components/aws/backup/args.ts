import * as pulumi from "@pulumi/pulumi";
import { argNames } from "../../shared/validation";

/** Object Lock on the backup bucket: exports cannot be deleted or overwritten until their retention ends. */
export interface ObjectLockArgs {
    /**
     * `GOVERNANCE`: users with `s3:BypassGovernanceRetention` can still delete early. `COMPLIANCE`: nobody can,
     * not even the account root, until the retention ends.
     */
    mode: ObjectLockMode;
    /** Days each export stays locked, 1 or more and at most `expireAfterDays`. */
    retentionDays: number;
}

/** Exports of the cache's snapshots to S3, on by default. */
export interface BackupArgs {
    /** Export snapshots to S3. Default true; false leaves only ElastiCache's own snapshots, which go with the cache's account and region. */
    enabled?: boolean;
    /**
     * An existing bucket to export to instead of the one the component creates. It must be in the cache's region,
     * grant ElastiCache access (see the README) and send events to Amazon EventBridge, or exports or the
     * "no export" alarm fail. Lifecycle, Object Lock and cross-region copies then stay the bucket owner's business.
     */
    bucketName?: pulumi.Input<string>;
    /**
     * When the export runs: an EventBridge `cron(...)` or `rate(...)` expression in UTC that repeats weekly.
     * Default: daily, one hour after the snapshot window closes.
     */
    schedule?: string;
    /**
     * The recovery point objective of the exported backups, in hours: the "no export" alarm fires when no export
     * has landed for this long, and the schedule must keep exports this fresh. ElastiCache snapshots once a day,
     * so the floor is a day plus the snapshot window plus an hour; below that, use a Global Datastore.
     * Default: the schedule's worst case plus one hour (29 with the default windows). At most 168.
     */
    rpoHours?: number;
    /** The storage class exports move to: `GLACIER_IR` (default; restores need no thaw), `STANDARD_IA`, `GLACIER` or `DEEP_ARCHIVE`. */
    transitionStorageClass?: StorageClass;
    /** Days before exports move to `transitionStorageClass`. Default 30; `STANDARD_IA` needs 30 or more. */
    transitionAfterDays?: number;
    /** Days after which exports are deleted; longer than the transition plus that class's minimum storage duration. Default 365. */
    expireAfterDays?: number;
    /** Object Lock for immutable backups. Off by default; it can only be turned on when the bucket is created. */
    objectLock?: ObjectLockArgs;
    /** A region to keep a replica of every export in, such as `us-west-2`, so that backups survive the loss of the cache's region. Off by default. */
    replicaRegion?: string;
}

/** Where a new replication group takes its data from; exactly one of the two. */
export interface RestoreFromArgs {
    /** The name of an ElastiCache snapshot in the cache's region, automatic (`automatic.<group>-<date>`) or manual. */
    snapshotName?: string;
    /**
     * The S3 ARN of one `.rdb` file in the cache's region, such as an export: `arn:aws:s3:::<bucket>/<group>-<date>-<time>-0001.rdb`.
     * ElastiCache must be able to read it (see docs/restore-drill.md). One file for a one-shard group; a cluster-mode group
     * (`shards` set) takes 1 to `shards` files, such as the `-0001.rdb`, `-0002.rdb`, ... files of one export.
     */
    snapshotArns?: string[];
}

export const OBJECT_LOCK_ARG_NAMES = argNames<ObjectLockArgs>()(["mode", "retentionDays"]);
export const BACKUP_ARG_NAMES = argNames<BackupArgs>()([
    "enabled",
    "bucketName",
    "schedule",
    "rpoHours",
    "transitionStorageClass",
    "transitionAfterDays",
    "expireAfterDays",
    "objectLock",
    "replicaRegion",
]);
export const RESTORE_FROM_ARG_NAMES = argNames<RestoreFromArgs>()(["snapshotName", "snapshotArns"]);

/** The S3 storage classes exports move to (the schema enum `StorageClass`). */
export const StorageClass = {
    GLACIER_IR: "GLACIER_IR",
    STANDARD_IA: "STANDARD_IA",
    GLACIER: "GLACIER",
    DEEP_ARCHIVE: "DEEP_ARCHIVE",
} as const;
/** One of the S3 storage classes exports move to. */
export type StorageClass = (typeof StorageClass)[keyof typeof StorageClass];

export const STORAGE_CLASSES: readonly StorageClass[] = Object.values(StorageClass);

/** Days S3 bills an object in each class at the least, and the earliest day a lifecycle rule may move it there. */
export const STORAGE_CLASS_RULES: Record<StorageClass, { minimumStorageDays: number; earliestTransitionDay: number }> = {
    GLACIER_IR: { minimumStorageDays: 90, earliestTransitionDay: 1 },
    STANDARD_IA: { minimumStorageDays: 30, earliestTransitionDay: 30 },
    GLACIER: { minimumStorageDays: 90, earliestTransitionDay: 1 },
    DEEP_ARCHIVE: { minimumStorageDays: 180, earliestTransitionDay: 1 },
};

/** The S3 Object Lock retention modes (the schema enum `ObjectLockMode`). */
export const ObjectLockMode = {
    GOVERNANCE: "GOVERNANCE",
    COMPLIANCE: "COMPLIANCE",
} as const;
/** One of the S3 Object Lock retention modes. */
export type ObjectLockMode = (typeof ObjectLockMode)[keyof typeof ObjectLockMode];

export const OBJECT_LOCK_MODES: readonly ObjectLockMode[] = Object.values(ObjectLockMode);

export const BACKUP_DEFAULTS = {
    transitionStorageClass: "GLACIER_IR" as StorageClass,
    transitionAfterDays: 30,
    expireAfterDays: 365,
    /** Versions that an expiry or a delete replaced are kept this long, then removed. */
    noncurrentVersionDays: 30,
};

export interface LifecycleSettings {
    storageClass: StorageClass;
    transitionAfterDays: number;
    expireAfterDays: number;
}

export interface ObjectLockSettings {
    mode: (typeof OBJECT_LOCK_MODES)[number];
    retentionDays: number;
}

/** Backup arguments once checked, with the defaults applied. */
export interface BackupSettings {
    /** The user's bucket; undefined when the component creates one. */
    existingBucketName?: pulumi.Input<string>;
    scheduleExpression: string;
    rpoHours: number;
    lifecycle: LifecycleSettings;
    objectLock?: ObjectLockSettings;
    replicaRegion?: string;
}

export interface RestoreSource {
    snapshotName?: string;
    snapshotArns?: string[];
}
