import * as pulumi from "@pulumi/pulumi";
import { RedisUserArgs, validateUsersArgs } from "../shared/users";
import { ArgChecker, argNames } from "../shared/validation";
import { BackupArgs, validateBackupArgs } from "./backup/settings";
import { validateCacheClientArgs } from "./clients";
import { CACHE_ID, ELASTICACHE_REDIS_DEFAULTS } from "./elasticache-redis-settings";
import { validateKmsKeyArn } from "./encryption";
import { ENGINES, Engine } from "./engine";
import { AWS_REGION, AWS_REGION_DESCRIPTION } from "./region";
import { CacheDashboardArgs, validateDashboardArgs } from "./monitoring/dashboard";
import { ServerlessAlarmsArgs, UsageLimits, validateServerlessAlarmsArgs } from "./monitoring/serverless-alarms";
import { NotificationsArgs, validateNotificationsArgs } from "./monitoring/topic";

export const ELASTICACHE_SERVERLESS_TYPE = "hardened-redis:index:ElastiCacheServerless";

/**
 * Major engine versions of serverless caches that this component offers: Redis OSS 7, Valkey 7 and 8. Serverless
 * caches take a major version only; AWS applies minor versions and patches itself.
 */
export const SERVERLESS_MAJOR_VERSIONS: Record<Engine, readonly string[]> = { redis: ["7"], valkey: ["7", "8"] };
export const SERVERLESS_DEFAULT_MAJOR_VERSION: Record<Engine, string> = { redis: "7", valkey: "8" };

/**
 * The serverless endpoint's ports, fixed by AWS: 6379 for reads and writes, 6380 for reads from replicas.
 * Source: "Connecting to a serverless cache", https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/serverless-connecting.html
 */
export const SERVERLESS_PORT = 6379;
export const SERVERLESS_READER_PORT = 6380;

/**
 * Usage limit ranges of `CacheUsageLimits`: data storage 1 to 5,000 GB, ECPU 1,000 to 15,000,000 per second.
 * Source: the ElastiCache API `DataStorage` and `ECPUPerSecond` types, and the Pulumi AWS provider's `cacheUsageLimits`.
 */
export const DATA_STORAGE_GB_RANGE = [1, 5000] as const;
export const ECPU_PER_SECOND_RANGE = [1000, 15_000_000] as const;

/** Maximum data storage and ECPU rate of a serverless cache: the cost ceiling, and what the capacity alarms measure against. */
export interface CacheUsageLimitsArgs {
    /** Maximum data stored, in GB, 1 to 5,000. Default 100. */
    dataStorageMaximumGb?: number;
    /** Maximum ElastiCache Processing Units per second, 1,000 to 15,000,000. Default 100,000. */
    ecpuPerSecondMaximum?: number;
}

export const CACHE_USAGE_LIMITS_ARG_NAMES = argNames<CacheUsageLimitsArgs>()(["dataStorageMaximumGb", "ecpuPerSecondMaximum"]);

export const ELASTICACHE_SERVERLESS_DEFAULTS = {
    engine: "valkey",
    snapshotRetentionDays: 7,
    dailySnapshotTime: "03:00",
    cacheUsageLimits: { dataStorageMaximumGb: 100, ecpuPerSecondMaximum: 100_000 } as UsageLimits,
    users: ELASTICACHE_REDIS_DEFAULTS.users,
} as const;

export interface ElastiCacheServerlessArgs {
    /** The VPC of the cache's endpoint and its security group. */
    vpcId: pulumi.Input<string>;
    /** Private subnets of the VPC endpoint, in two or three availability zones. */
    subnetIds: pulumi.Input<string>[];
    /** Security groups whose members may connect on ports 6379 and 6380. */
    allowedSecurityGroupIds?: pulumi.Input<string>[];
    /** Private CIDR blocks that may connect on ports 6379 and 6380. Public blocks and anything wider than a private range are refused. */
    allowedCidrBlocks?: pulumi.Input<string>[];
    /** `valkey` (default) or `redis` (Redis OSS). */
    engine?: Engine;
    /** Major engine version: `7` for redis, `7` or `8` (default) for valkey. */
    majorEngineVersion?: string;
    /** The serverless cache name, 1 to 40 lowercase letters, digits and hyphens. Defaults to the component name. */
    cacheName?: string;
    /** An existing KMS key for the data, snapshots, secrets and alarm topic. By default a key with rotation is created. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Application users. Default: one `app` user with the `readwrite` role. */
    users?: RedisUserArgs[];
    /** Days of daily snapshots to keep, 1 to 35. Default 7. */
    snapshotRetentionDays?: number;
    /** The UTC time of the daily snapshot, `hh:mm`. Default `03:00`. */
    dailySnapshotTime?: string;
    /**
     * Scheduled exports of the daily snapshot (ExportServerlessCacheSnapshot) to a hardened S3 bucket, with alarms
     * on a failed or missing export and an optional cross-region replica. On by default; the same arguments as
     * `ElastiCacheRedis`'s `backup`, see `BackupArgs`. The default schedule runs daily two hours after
     * `dailySnapshotTime`, and the default RPO is 28 hours.
     */
    backup?: BackupArgs;
    /** Maximum data storage and ECPU per second; see `CacheUsageLimitsArgs`. Default 100 GB and 100,000 ECPU/s. */
    cacheUsageLimits?: CacheUsageLimitsArgs;
    /** CloudWatch alarms on the serverless metrics, to the notification topic. On by default; see `ServerlessAlarmsArgs`. */
    alarms?: ServerlessAlarmsArgs;
    /** A CloudWatch dashboard of the cache. On by default. */
    dashboard?: CacheDashboardArgs;
    /** The SNS topic for alarms: created and encrypted with the cache's key unless given, plus subscriptions. */
    notifications?: NotificationsArgs;
    /** Tags for every taggable child resource. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** The AWS region of every child resource. Defaults to the provider's region. */
    region?: string;
}

/** Every argument name of `ElastiCacheServerlessArgs`; any other name is refused as a likely typo. */
export const ELASTICACHE_SERVERLESS_ARG_NAMES = argNames<ElastiCacheServerlessArgs>()([
    "vpcId",
    "subnetIds",
    "allowedSecurityGroupIds",
    "allowedCidrBlocks",
    "engine",
    "majorEngineVersion",
    "cacheName",
    "kmsKeyArn",
    "users",
    "snapshotRetentionDays",
    "dailySnapshotTime",
    "backup",
    "cacheUsageLimits",
    "alarms",
    "dashboard",
    "notifications",
    "tags",
    "region",
]);

const SNAPSHOT_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * The snapshot window that the export schedule and RPO are computed from: an hour from `dailySnapshotTime`,
 * when ElastiCache starts the daily snapshot. AWS gives a serverless snapshot no duration; an hour is the
 * shortest window a node-based cache may have, and the export refuses a snapshot still being created.
 */
export function serverlessSnapshotWindow(dailySnapshotTime: string): string {
    const [hours, minutes] = dailySnapshotTime.split(":").map(Number);
    const end = `${String((hours + 1) % 24).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
    return `${dailySnapshotTime}-${end}`;
}

/** Checks every argument of `ElastiCacheServerless` and applies the defaults, before any resource exists. */
export function validateElastiCacheServerlessArgs(name: string, args: ElastiCacheServerlessArgs) {
    const check = new ArgChecker("ElastiCacheServerless", name);
    const d = ELASTICACHE_SERVERLESS_DEFAULTS;
    check.args(args, ELASTICACHE_SERVERLESS_ARG_NAMES, "an object with vpcId, subnetIds, and allowedSecurityGroupIds or allowedCidrBlocks");
    const vpcId = check.nonEmptyString("vpcId", args.vpcId, 'the id of the VPC that holds subnetIds, such as "vpc-0123456789abcdef0"');
    const cacheName = check.matches(
        args.cacheName ? "cacheName" : "name (the default cacheName)",
        args.cacheName ?? name,
        CACHE_ID,
        "1 to 40 lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    );
    const clients = validateCacheClientArgs(check, args);
    const region = args.region === undefined ? undefined : check.matches("region", args.region, AWS_REGION, AWS_REGION_DESCRIPTION);
    const engine = check.oneOf("engine", args.engine ?? d.engine, ENGINES);
    const majorEngineVersion = check.oneOf(
        "majorEngineVersion",
        args.majorEngineVersion ?? SERVERLESS_DEFAULT_MAJOR_VERSION[engine],
        SERVERLESS_MAJOR_VERSIONS[engine],
    );
    const dailySnapshotTime = check.matches(
        "dailySnapshotTime",
        args.dailySnapshotTime ?? d.dailySnapshotTime,
        SNAPSHOT_TIME,
        'a UTC time "hh:mm", such as "03:00"',
    );
    const limits = validateUsageLimitsArgs(check, args.cacheUsageLimits);
    return {
        cacheName,
        vpcId,
        ...clients,
        kmsKeyArn: validateKmsKeyArn(check, "kmsKeyArn", args.kmsKeyArn),
        engine,
        majorEngineVersion,
        users: validateUsersArgs(check, args.users ?? d.users),
        snapshotRetentionDays: check.integerInRange("snapshotRetentionDays", args.snapshotRetentionDays ?? d.snapshotRetentionDays, 1, 35),
        dailySnapshotTime,
        backup: validateBackupArgs(check, args.backup, {
            snapshotWindow: serverlessSnapshotWindow(dailySnapshotTime),
            source: "serverless-cache",
            region,
        }),
        limits,
        alarms: validateServerlessAlarmsArgs(check, args.alarms, limits),
        dashboard: validateDashboardArgs(check, args.dashboard),
        notifications: validateNotificationsArgs(check, args.notifications),
        tags: pulumi.output(args.tags ?? {}).apply((userTags) => ({ "managed-by": "hardened-redis", ...userTags })),
        region,
    };
}

export type ElastiCacheServerlessSettings = ReturnType<typeof validateElastiCacheServerlessArgs>;

function validateUsageLimitsArgs(check: ArgChecker, args: CacheUsageLimitsArgs = {}): UsageLimits {
    check.object("cacheUsageLimits", args, CACHE_USAGE_LIMITS_ARG_NAMES);
    const d = ELASTICACHE_SERVERLESS_DEFAULTS.cacheUsageLimits;
    return {
        dataStorageMaximumGb: check.integerInRange(
            "cacheUsageLimits.dataStorageMaximumGb",
            args.dataStorageMaximumGb ?? d.dataStorageMaximumGb,
            ...DATA_STORAGE_GB_RANGE,
        ),
        ecpuPerSecondMaximum: check.integerInRange(
            "cacheUsageLimits.ecpuPerSecondMaximum",
            args.ecpuPerSecondMaximum ?? d.ecpuPerSecondMaximum,
            ...ECPU_PER_SECOND_RANGE,
        ),
    };
}
