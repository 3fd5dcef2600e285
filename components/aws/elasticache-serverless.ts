import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RedisUserArgs, validateUsers } from "../shared/users";
import { ArgChecker, argNames } from "../shared/validation";
import { BackupArgs, createBackup, validateBackupArgs } from "./backup";
import { storeCredentials } from "./credentials";
import { CACHE_ID, ELASTICACHE_DEFAULTS, validateClients } from "./elasticache-redis";
import { createKmsKey } from "./encryption";
import { ENGINES, Engine } from "./engine";
import { createSecurityGroup } from "./network";
import { CacheDashboardArgs, NotificationsArgs, createMetricAlarm, createNotificationTopic } from "./monitoring";
import { DASHBOARD_ARG_NAMES, dashboardName } from "./monitoring/dashboard";
import { ServerlessAlarmsArgs, UsageLimits, resolveServerlessAlarms, serverlessAlarmDefinitions, serverlessDashboardBody } from "./monitoring/serverless-alarms";
import { validateNotifications } from "./monitoring/topic";
import { createRbac } from "./rbac";

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

export const SERVERLESS_DEFAULTS = {
    engine: "valkey",
    snapshotRetentionDays: 7,
    dailySnapshotTime: "03:00",
    cacheUsageLimits: { dataStorageMaximumGb: 100, ecpuPerSecondMaximum: 100_000 } as UsageLimits,
    users: ELASTICACHE_DEFAULTS.users,
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

/**
 * A Valkey or Redis OSS serverless cache on ElastiCache that is secure with no options set: a VPC endpoint in
 * private subnets behind a dedicated security group, TLS (always on for serverless), a customer-managed key,
 * RBAC users with generated passwords in Secrets Manager and a disabled `default` user, daily snapshots,
 * usage limits, scheduled snapshot exports to a hardened S3 bucket, and CloudWatch alarms and a dashboard on
 * the serverless metrics.
 */
export class ElastiCacheServerless extends pulumi.ComponentResource {
    /** The serverless cache name, the `clusterId` dimension of its metrics. */
    public readonly cacheName: pulumi.Output<string>;
    /** The endpoint for reads and writes, TLS only, on `port`. */
    public readonly endpointAddress: pulumi.Output<string>;
    /** The reader endpoint, on `readerPort`, which serves reads from replicas. */
    public readonly readerEndpointAddress: pulumi.Output<string>;
    /** The endpoint's port, 6379. */
    public readonly port: pulumi.Output<number>;
    /** The reader endpoint's port, 6380. */
    public readonly readerPort: pulumi.Output<number>;
    /** The security group of the endpoint; it admits only `allowedCidrBlocks` and `allowedSecurityGroupIds`. */
    public readonly securityGroupId: pulumi.Output<string>;
    /** The ARN of each user's credentials secret, by user name. */
    public readonly userSecretArns: pulumi.Output<Record<string, string>>;
    /** The ARN of the KMS key that encrypts the data, snapshots, secrets and topic. */
    public readonly kmsKeyArn: pulumi.Output<string>;
    /** The SNS topic that receives alarm and OK notifications. */
    public readonly notificationTopicArn: pulumi.Output<string>;
    /** The names of the CloudWatch alarms, `<cache name>-<metric>`. */
    public readonly alarmNames: pulumi.Output<string[]>;
    /** The CloudWatch dashboard's name, or undefined when the dashboard is off. */
    public readonly dashboardName: pulumi.Output<string | undefined>;
    /** The bucket that snapshot exports go to (created, or `backup.bucketName`), or undefined when `backup.enabled` is false. */
    public readonly backupBucketName: pulumi.Output<string | undefined>;
    /** The bucket in `backup.replicaRegion` that holds a copy of every export, or undefined. */
    public readonly backupReplicaBucketName: pulumi.Output<string | undefined>;
    /** The ElastiCache serverless cache itself. */
    public readonly serverlessCache: aws.elasticache.ServerlessCache;

    constructor(name: string, args: ElastiCacheServerlessArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = validateServerlessArgs(name, args);
        super(ELASTICACHE_SERVERLESS_TYPE, name, args, opts);
        const { cacheName, region, tags } = settings;

        const kmsKeyArn = args.kmsKeyArn ?? createKmsKey(name, { replicationGroupId: cacheName, tags, region }, this).arn;
        const securityGroup = createSecurityGroup(
            name,
            {
                replicationGroupId: cacheName,
                vpcId: settings.vpcId,
                port: SERVERLESS_PORT,
                extraPorts: [SERVERLESS_READER_PORT],
                allowedSecurityGroupIds: args.allowedSecurityGroupIds ?? [],
                allowedCidrBlocks: settings.allowedCidrBlocks,
                tags,
                region,
            },
            this,
        );
        const rbac = createRbac(name, { replicationGroupId: cacheName, engine: settings.engine, users: settings.users, tags, region }, this);
        const notificationTopicArn = createNotificationTopic(name, { replicationGroupId: cacheName, kmsKeyArn, settings: settings.notifications, tags, region }, this);

        this.serverlessCache = new aws.elasticache.ServerlessCache(
            `${name}-cache`,
            {
                name: cacheName,
                description: `Hardened ${settings.engine} ${settings.majorEngineVersion} serverless cache ${cacheName}`,
                engine: settings.engine,
                majorEngineVersion: settings.majorEngineVersion,
                kmsKeyId: kmsKeyArn,
                subnetIds: args.subnetIds,
                securityGroupIds: [securityGroup.id],
                userGroupId: rbac.userGroup.userGroupId,
                snapshotRetentionLimit: settings.snapshotRetentionDays,
                dailySnapshotTime: settings.dailySnapshotTime,
                cacheUsageLimits: {
                    dataStorage: { maximum: settings.limits.dataStorageMaximumGb, unit: "GB" },
                    ecpuPerSeconds: [{ maximum: settings.limits.ecpuPerSecondMaximum }],
                },
                region,
                tags,
            },
            { parent: this },
        );

        const cache = this.serverlessCache;
        const endpoint = cache.endpoints.apply((endpoints) => endpoints?.[0]?.address ?? "");
        this.cacheName = cache.name;
        this.endpointAddress = endpoint;
        this.readerEndpointAddress = cache.readerEndpoints.apply((endpoints) => endpoints?.[0]?.address ?? "");
        this.port = pulumi.output(SERVERLESS_PORT);
        this.readerPort = pulumi.output(SERVERLESS_READER_PORT);
        this.securityGroupId = securityGroup.id;
        this.kmsKeyArn = pulumi.output(kmsKeyArn);
        this.notificationTopicArn = notificationTopicArn;
        const secrets = storeCredentials(
            name,
            rbac.users,
            { replicationGroupId: cacheName, kmsKeyArn, primaryEndpoint: endpoint, readerEndpoint: endpoint, cluster: true, port: this.port, tags, region },
            this,
        );
        this.userSecretArns = pulumi.all(Object.fromEntries(Object.entries(secrets).map(([user, secret]) => [user, secret.arn])));

        const alarms = serverlessAlarmDefinitions(cacheName, settings.alarms).map((alarm) =>
            createMetricAlarm(name, alarm, { topicArn: notificationTopicArn, region, tags }, { parent: this, dependsOn: [cache] }),
        );
        this.alarmNames = pulumi.all(alarms.map((alarm) => alarm.name));
        const backup =
            settings.backup &&
            createBackup(
                name,
                settings.backup,
                { replicationGroupId: cacheName, source: "serverless-cache", kmsKeyArn, logRetentionDays: ELASTICACHE_DEFAULTS.logRetentionDays, alarmTopicArn: notificationTopicArn, tags, region },
                this,
            );
        this.backupBucketName = backup ? backup.bucketName : pulumi.output(undefined);
        this.backupReplicaBucketName = backup?.replicaBucketName ?? pulumi.output(undefined);
        this.dashboardName = settings.dashboard ? this.createDashboard(name, settings).dashboardName : pulumi.output(undefined);
        this.registerOutputs({
            cacheName: this.cacheName,
            endpointAddress: this.endpointAddress,
            readerEndpointAddress: this.readerEndpointAddress,
            port: this.port,
            readerPort: this.readerPort,
            securityGroupId: this.securityGroupId,
            userSecretArns: this.userSecretArns,
            kmsKeyArn: this.kmsKeyArn,
            notificationTopicArn: this.notificationTopicArn,
            alarmNames: this.alarmNames,
            dashboardName: this.dashboardName,
            backupBucketName: this.backupBucketName,
            backupReplicaBucketName: this.backupReplicaBucketName,
        });
    }

    private createDashboard(name: string, settings: ServerlessSettings): aws.cloudwatch.Dashboard {
        const regionName = aws.getRegionOutput({ region: settings.region }, { parent: this }).region;
        return new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            {
                dashboardName: regionName.apply((region) => dashboardName(settings.cacheName, region)),
                dashboardBody: regionName.apply((region) => JSON.stringify(serverlessDashboardBody(settings.cacheName, region, settings.alarms))),
                region: settings.region,
            },
            { parent: this, dependsOn: [this.serverlessCache] },
        );
    }
}

/** Checks every argument of `ElastiCacheServerless` and applies the defaults, before any resource exists. */
export function validateServerlessArgs(name: string, args: ElastiCacheServerlessArgs) {
    const check = new ArgChecker("ElastiCacheServerless", name);
    const d = SERVERLESS_DEFAULTS;
    check.args(args, ELASTICACHE_SERVERLESS_ARG_NAMES, "an object with vpcId, subnetIds, and allowedSecurityGroupIds or allowedCidrBlocks");
    const vpcId = check.nonEmptyString("vpcId", args.vpcId, 'the id of the VPC that holds subnetIds, such as "vpc-0123456789abcdef0"');
    const cacheName = check.matches(
        args.cacheName ? "cacheName" : "name (the default cacheName)",
        args.cacheName ?? name,
        CACHE_ID,
        "1 to 40 lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    );
    const allowedCidrBlocks = validateClients(check, args);
    const engine = check.oneOf("engine", args.engine ?? d.engine, ENGINES);
    const majorEngineVersion = check.oneOf("majorEngineVersion", args.majorEngineVersion ?? SERVERLESS_DEFAULT_MAJOR_VERSION[engine], SERVERLESS_MAJOR_VERSIONS[engine]);
    const dailySnapshotTime = check.matches("dailySnapshotTime", args.dailySnapshotTime ?? d.dailySnapshotTime, SNAPSHOT_TIME, 'a UTC time "hh:mm", such as "03:00"');
    const limits = resolveUsageLimits(check, args.cacheUsageLimits);
    return {
        cacheName,
        vpcId,
        allowedCidrBlocks,
        engine,
        majorEngineVersion,
        users: validateUsers(check, args.users ?? d.users),
        snapshotRetentionDays: check.integerInRange("snapshotRetentionDays", args.snapshotRetentionDays ?? d.snapshotRetentionDays, 1, 35),
        dailySnapshotTime,
        backup: validateBackupArgs(check, args.backup, { snapshotWindow: serverlessSnapshotWindow(dailySnapshotTime), source: "serverless-cache", region: args.region }),
        limits,
        alarms: resolveServerlessAlarms(check, args.alarms, limits),
        dashboard: (args.dashboard === undefined ? undefined : check.object("dashboard", args.dashboard, DASHBOARD_ARG_NAMES))?.enabled ?? true,
        notifications: validateNotifications(check, args.notifications),
        tags: pulumi.output(args.tags ?? {}).apply((userTags) => ({ "managed-by": "hardened-redis", ...userTags })),
        region: args.region,
    };
}

export type ServerlessSettings = ReturnType<typeof validateServerlessArgs>;

function resolveUsageLimits(check: ArgChecker, args: CacheUsageLimitsArgs = {}): UsageLimits {
    check.object("cacheUsageLimits", args, CACHE_USAGE_LIMITS_ARG_NAMES);
    const d = SERVERLESS_DEFAULTS.cacheUsageLimits;
    return {
        dataStorageMaximumGb: check.integerInRange("cacheUsageLimits.dataStorageMaximumGb", args.dataStorageMaximumGb ?? d.dataStorageMaximumGb, ...DATA_STORAGE_GB_RANGE),
        ecpuPerSecondMaximum: check.integerInRange("cacheUsageLimits.ecpuPerSecondMaximum", args.ecpuPerSecondMaximum ?? d.ecpuPerSecondMaximum, ...ECPU_PER_SECOND_RANGE),
    };
}
