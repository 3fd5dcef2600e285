import * as pulumi from "@pulumi/pulumi";
import { ArgChecker, argNames } from "../../shared/validation";
import { parseSnapshotWindow } from "../maintenance-windows";
import { exportTiming } from "./schedule";
import { AWS_REGION, AWS_REGION_DESCRIPTION } from "../region";
import { ExportSourceKind } from "../snapshot-export/contract";

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
    mode: ObjectLockMode;
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

/** DNS-compliant bucket names, which ElastiCache needs to reach a bucket. */
const BUCKET_NAME = /^(?=.{3,63}$)(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/;
const BUCKET_NAME_DESCRIPTION =
    "a DNS-compliant bucket name: 3 to 63 lowercase letters, digits, hyphens and dots, not shaped like an IP address";
/** Data tiering node types (r6gd): ElastiCache cannot export their snapshots. */
const DATA_TIERING_NODE_TYPE = /^cache\.[a-z]+\d+gd\./;
const SNAPSHOT_NAME = /^[A-Za-z][A-Za-z0-9.-]{0,254}$/;
const RDB_ARN = /^arn:aws(?:-cn|-us-gov)?:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[^,]+\.rdb$/;
const MAX_DAYS = 36500;

/** Arguments that shape the bucket the component creates, and mean nothing for a bucket the user brings. */
const OWN_BUCKET_ARGS = ["transitionStorageClass", "transitionAfterDays", "expireAfterDays", "objectLock", "replicaRegion"] as const;

export interface BackupContext {
    /** The node type of a node-based cache; data tiering types cannot export. */
    nodeType?: string;
    /** The daily snapshot window, `hh:mm-hh:mm` UTC. */
    snapshotWindow: string;
    /** What the exports copy from; default a replication group. */
    source?: ExportSourceKind;
    /** The cache's region when the arguments name it. */
    region?: string;
}

/** Checks the backup arguments against ElastiCache's export rules and fills in the defaults; undefined when backups are off. */
export function validateBackupArgs(check: ArgChecker, args: BackupArgs = {}, context: BackupContext): BackupSettings | undefined {
    check.object("backup", args, BACKUP_ARG_NAMES);
    if (args.enabled !== undefined) check.boolean("backup.enabled", args.enabled);
    if (args.enabled === false) {
        const stray = Object.keys(args).find((key) => key !== "enabled" && args[key as keyof BackupArgs] !== undefined);
        if (stray) check.fail(`backup.${stray}`, "is set while backup.enabled is false", "no other backup arguments when exports are off");
        return undefined;
    }
    if (context.nodeType !== undefined && DATA_TIERING_NODE_TYPE.test(context.nodeType)) {
        check.fail(
            "backup.enabled",
            `is true, but node type "${context.nodeType}" uses data tiering, whose snapshots ElastiCache cannot export to S3`,
            "backup: { enabled: false } with a data tiering node type",
        );
    }
    if (args.bucketName !== undefined) {
        const ownBucketArg = OWN_BUCKET_ARGS.find((key) => args[key] !== undefined);
        if (ownBucketArg)
            check.fail(
                `backup.${ownBucketArg}`,
                "is set together with backup.bucketName",
                "these settings only for the bucket the component creates; configure your own bucket directly",
            );
    }
    const timing = exportTiming(check, {
        schedule: args.schedule,
        rpoHours: args.rpoHours,
        window: parseSnapshotWindow(check, context.snapshotWindow),
        windowText: context.snapshotWindow,
        source: context.source,
    });
    const lifecycle = validateLifecycle(check, args);
    return {
        existingBucketName:
            args.bucketName === undefined
                ? undefined
                : check.whenKnown(args.bucketName, (name) =>
                      check.matches("backup.bucketName", name, BUCKET_NAME, BUCKET_NAME_DESCRIPTION),
                  ),
        scheduleExpression: timing.scheduleExpression,
        rpoHours: timing.rpoHours,
        lifecycle,
        objectLock: args.objectLock && validateObjectLock(check, args.objectLock, lifecycle),
        replicaRegion: args.replicaRegion && validateReplicaRegion(check, args.replicaRegion, context.region),
    };
}

function validateLifecycle(check: ArgChecker, args: BackupArgs): LifecycleSettings {
    const d = BACKUP_DEFAULTS;
    const storageClass = check.oneOf(
        "backup.transitionStorageClass",
        args.transitionStorageClass ?? d.transitionStorageClass,
        STORAGE_CLASSES,
    );
    const { minimumStorageDays, earliestTransitionDay } = STORAGE_CLASS_RULES[storageClass];
    const transitionAfterDays = check.integerInRange(
        "backup.transitionAfterDays",
        args.transitionAfterDays ?? d.transitionAfterDays,
        earliestTransitionDay,
        MAX_DAYS,
    );
    const expireAfterDays = check.integerInRange("backup.expireAfterDays", args.expireAfterDays ?? d.expireAfterDays, 1, MAX_DAYS);
    const earliestExpiry = transitionAfterDays + minimumStorageDays;
    if (expireAfterDays < earliestExpiry) {
        check.fail(
            "backup.expireAfterDays",
            `is ${expireAfterDays}, which deletes exports ${expireAfterDays - transitionAfterDays} days after they move to ${storageClass}, a class that bills at least ${minimumStorageDays} days`,
            `${earliestExpiry} days or more, or a later transitionAfterDays`,
        );
    }
    return { storageClass, transitionAfterDays, expireAfterDays };
}

function validateObjectLock(check: ArgChecker, lock: ObjectLockArgs, lifecycle: LifecycleSettings): ObjectLockSettings {
    check.object("backup.objectLock", lock, OBJECT_LOCK_ARG_NAMES);
    const mode = check.oneOf("backup.objectLock.mode", lock.mode, OBJECT_LOCK_MODES);
    const retentionDays = check.integerInRange("backup.objectLock.retentionDays", lock.retentionDays, 1, MAX_DAYS);
    if (retentionDays > lifecycle.expireAfterDays) {
        check.fail(
            "backup.objectLock.retentionDays",
            `is ${retentionDays}, longer than backup.expireAfterDays (${lifecycle.expireAfterDays}), so exports would expire while still locked`,
            `1 to ${lifecycle.expireAfterDays} days, or a later expireAfterDays`,
        );
    }
    return { mode, retentionDays };
}

function validateReplicaRegion(check: ArgChecker, replicaRegion: string, cacheRegion: string | undefined): string {
    check.matches("backup.replicaRegion", replicaRegion, AWS_REGION, AWS_REGION_DESCRIPTION);
    if (replicaRegion === cacheRegion) {
        check.fail(
            "backup.replicaRegion",
            `is "${replicaRegion}", the cache's own region, where a replica does not survive the loss of the region`,
            "any other region",
        );
    }
    return replicaRegion;
}

/**
 * Checks `restoreFrom`: one snapshot name, or the ARNs of `.rdb` files, never both. A one-shard group takes one
 * file; a cluster-mode group takes one to `shards` files (an export writes one per shard), and ElastiCache
 * spreads their keys over the new group's slots.
 */
export function validateRestoreFromArgs(check: ArgChecker, restoreFrom: RestoreFromArgs | undefined, shards = 1): RestoreSource {
    if (restoreFrom === undefined) return {};
    check.object("restoreFrom", restoreFrom, RESTORE_FROM_ARG_NAMES);
    const { snapshotName, snapshotArns } = restoreFrom;
    const allowed = "exactly one of snapshotName (an ElastiCache snapshot) and snapshotArns (an .rdb file in S3)";
    if (snapshotName !== undefined && snapshotArns !== undefined)
        check.fail("restoreFrom", "names both a snapshotName and snapshotArns", allowed);
    if (snapshotName !== undefined) {
        return {
            snapshotName: check.matches(
                "restoreFrom.snapshotName",
                snapshotName,
                SNAPSHOT_NAME,
                'an ElastiCache snapshot name such as "automatic.orders-2025-03-10-03-14"',
            ),
        };
    }
    if (snapshotArns === undefined) check.fail("restoreFrom", "names neither a snapshotName nor snapshotArns", allowed);
    if (shards === 1 && snapshotArns.length !== 1) {
        check.fail(
            "restoreFrom.snapshotArns",
            `has ${snapshotArns.length} entries`,
            "exactly one .rdb file: the component creates a one-shard group, which ElastiCache seeds from one file",
        );
    }
    if (snapshotArns.length < 1 || snapshotArns.length > shards) {
        check.fail(
            "restoreFrom.snapshotArns",
            `has ${snapshotArns.length} entries`,
            `1 to ${shards} .rdb files, at most one per shard, such as the files of one export`,
        );
    }
    snapshotArns.forEach((arn, i) =>
        check.matches(
            `restoreFrom.snapshotArns[${i}]`,
            arn,
            RDB_ARN,
            'the S3 ARN of an .rdb file without commas, such as "arn:aws:s3:::my-bucket/orders-20250310-031405-0001.rdb"',
        ),
    );
    return { snapshotArns: [...snapshotArns] };
}
