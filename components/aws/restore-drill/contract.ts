import { createHash } from "node:crypto";

/**
 * What the restore drill's functions, its state machine and the component agree on: environment
 * variables, the canary, metric names, tags and the names of drill groups. No AWS SDK in here, so the
 * component can import it without pulling the functions' dependencies into a Pulumi program.
 */

export const DRILL_ENV = {
    sourceGroupId: "SOURCE_REPLICATION_GROUP_ID",
    secretArn: "CREDENTIALS_SECRET_ARN",
    canaryKey: "CANARY_KEY",
    subnetGroupName: "SUBNET_GROUP_NAME",
    securityGroupId: "SECURITY_GROUP_ID",
    userGroupId: "USER_GROUP_ID",
    parameterGroupName: "PARAMETER_GROUP_NAME",
    kmsKeyArn: "KMS_KEY_ARN",
    nodeType: "NODE_TYPE",
    port: "PORT",
    maxOrphanAgeHours: "MAX_ORPHAN_AGE_HOURS",
    // Set only in cluster mode (the shard count) and when exports are on (the bucket, its partition, and in
    // regions enabled by default the canonical users of ElastiCache's object ACL grant); see DrillConfig.
    shards: "SHARDS",
    exportBucket: "EXPORT_BUCKET",
    partition: "PARTITION",
    elastiCacheCanonicalUserId: "ELASTICACHE_CANONICAL_USER_ID",
    ownerCanonicalUserId: "OWNER_CANONICAL_USER_ID",
} as const;

/** The one key the canary writes, every minute, with the time of the write in milliseconds since the epoch. */
export const CANARY_KEY = "hardened-redis:restore-drill:canary";
/** The ACL user of the canary: SET and GET on `CANARY_KEY`, nothing else. */
export const CANARY_USER = "restore-canary";
/** The ACL user that validates a restored copy: the `readonly` role (GET, DBSIZE, SCAN, DUMP; nothing dangerous). */
export const DRILL_USER = "restore-drill";
/** The users the drill adds to the cache; application users cannot take these names. */
export const DRILL_USER_NAMES = [CANARY_USER, DRILL_USER] as const;

/** The access string of the canary user: one key, two commands. */
export function canaryAccessString(key: string = CANARY_KEY): string {
    return `on ~${key} -@all +set +get`;
}

export const DRILL_METRIC_NAMESPACE = "HardenedRedis/RestoreDrill";
export const DRILL_METRICS = {
    succeeded: "RestoreDrillSucceeded",
    rtoSeconds: "RestoreDrillRtoSeconds",
    rpoSeconds: "RestoreDrillRpoSeconds",
    /** Published hourly by the watchdog: seconds since the last successful drill. */
    sinceSuccessSeconds: "RestoreDrillSecondsSinceSuccess",
} as const;

/** Every drill group carries this tag, with the source group's id as the value. */
export const DRILL_TAG = "hardened-redis:restore-drill-of";

/** The canary's value: when it was written. */
export function canaryValue(writtenAt: Date): string {
    return String(writtenAt.getTime());
}

/** The time a canary value records, or undefined when it is not one. */
export function parseCanary(value: string | null): Date | undefined {
    if (value === null || !/^\d{13}$/.test(value)) return undefined;
    return new Date(Number(value));
}

/**
 * The longest ElastiCache id: replication group ids take 1 to 40 characters (CreateReplicationGroup,
 * `ReplicationGroupId`). For RBAC user ids the API reference (CreateUser) gives only a pattern; 40 is the
 * limit that ElastiCache user constructs enforce (open-constructs aws-cdk-library, `validateUserId`), and
 * user names take up to 120. A shortened id ends in `HASH_LENGTH` hex characters of its SHA-256; a drill
 * group id ends in its start time in base 36, `TIME_LENGTH` characters until the year 2059.
 */
export const MAX_ELASTICACHE_ID_LENGTH = 40;
const HASH_LENGTH = 6;
const TIME_LENGTH = 8;

/**
 * `id` itself when it has at most `max` characters; otherwise its start and a short hash of the whole id,
 * so that two long ids that share a start still differ. The result starts with a letter (ids do), has no
 * double or trailing hyphen, and is always the same for the same id.
 */
export function fitId(id: string, max: number): string {
    if (id.length <= max) return id;
    const hash = createHash("sha256").update(id).digest("hex").slice(0, HASH_LENGTH);
    return `${id.slice(0, max - HASH_LENGTH - 1).replace(/-+$/, "")}-${hash}`;
}

/**
 * The start of every drill group id of a source: `drill-`, the source id (shortened with a hash when long)
 * and a hyphen. It leaves room for the start time, so drill group ids never exceed 40 characters, and it
 * is what the control function's IAM policy allows as a resource prefix.
 */
export function drillGroupPrefix(sourceGroupId: string): string {
    const prefix = "drill-";
    return `${prefix}${fitId(sourceGroupId, MAX_ELASTICACHE_ID_LENGTH - prefix.length - 1 - TIME_LENGTH)}-`;
}

export function drillGroupId(sourceGroupId: string, startedAt: Date): string {
    return `${drillGroupPrefix(sourceGroupId)}${startedAt.getTime().toString(36)}`;
}

/** The ElastiCache user id of a drill user: `<group>-<user name>`, shortened with a hash when longer than 40 characters. */
export function drillUserId(replicationGroupId: string, userName: string): string {
    const suffix = `-${userName}`;
    return `${fitId(replicationGroupId, MAX_ELASTICACHE_ID_LENGTH - suffix.length)}${suffix}`;
}
