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

/**
 * ElastiCache replication group ids: at most 40 characters, lowercase, no double or trailing hyphen
 * (CreateReplicationGroup, `ReplicationGroupId`). The prefix keeps 21 characters of the source id,
 * the suffix is the drill's start time in base 36 (8 characters until the year 2059).
 */
export function drillGroupPrefix(sourceGroupId: string): string {
    return `drill-${sourceGroupId.slice(0, 21).replace(/-+$/, "")}-`;
}

export function drillGroupId(sourceGroupId: string, startedAt: Date): string {
    return `${drillGroupPrefix(sourceGroupId)}${startedAt.getTime().toString(36)}`;
}

/** The canary's value: when it was written. */
export function canaryValue(writtenAt: Date): string {
    return String(writtenAt.getTime());
}

/** The time a canary value records, or undefined when it is not one. */
export function parseCanary(value: string | null): Date | undefined {
    if (value === null || !/^\d{13}$/.test(value)) return undefined;
    return new Date(Number(value));
}
