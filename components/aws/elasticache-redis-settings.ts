import * as pulumi from "@pulumi/pulumi";
import { RedisUserArgs, validateUsersArgs } from "../shared/users";
import { EVICTION_POLICIES, EvictionPolicy } from "../shared/eviction";
import { ArgChecker, argNames } from "../shared/validation";
import { BackupArgs, RestoreFromArgs, validateBackupArgs, validateRestoreFromArgs } from "./backup/settings";
import { validateCacheClientArgs } from "./clients";
import { SECRET_REPLICA_ARG_NAMES, SecretReplicaArgs } from "./credentials";
import { validateKmsKeyArn } from "./encryption";
import { Engine, validateEngineArgs } from "./engine";
import { LOG_RETENTION_DAYS } from "./logs";
import { AlarmsArgs } from "./monitoring/alarms";
import { CacheDashboardArgs } from "./monitoring/dashboard";
import { LogForwardingArgs } from "./monitoring/log-forwarding";
import { validateMonitoringArgs } from "./monitoring/settings";
import { NotificationsArgs } from "./monitoring/topic";
import { AWS_REGION, AWS_REGION_DESCRIPTION } from "./region";
import { DRILL_USER_NAMES } from "./restore-drill/contract";
import { RestoreDrillArgs, validateRestoreDrillArgs } from "./restore-drill/settings";
import { TOPOLOGY_DEFAULTS, validateTopologyArgs } from "./topology";
import { parseMaintenanceWindow, parseSnapshotWindow, windowsOverlap } from "./maintenance-windows";

export const ELASTICACHE_REDIS_TYPE = "hardened-redis:index:ElastiCacheRedis";

/** Replication group ids and serverless cache names: 1 to 40 lowercase letters, digits and hyphens. */
export const CACHE_ID = /^(?!.*--)[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;
const NODE_TYPE = /^cache\.[a-z0-9-]+\.[a-z0-9]+$/;

export const ELASTICACHE_REDIS_DEFAULTS = {
    engine: "redis",
    nodeType: "cache.r7g.large",
    ...TOPOLOGY_DEFAULTS,
    highAvailability: true,
    port: 6380,
    snapshotRetentionDays: 7,
    snapshotWindow: "03:00-05:00",
    maintenanceWindow: "sun:05:00-sun:06:00",
    logRetentionDays: 365,
    maxmemoryPolicy: "volatile-lru",
    users: [{ name: "app", role: "readwrite" }] as RedisUserArgs[],
} as const;

export interface ElastiCacheRedisArgs {
    /** The VPC of the cache and its security group. */
    vpcId: pulumi.Input<string>;
    /** Private subnets, ideally one per availability zone, for a dedicated subnet group. */
    subnetIds: pulumi.Input<string>[];
    /** Security groups whose members may connect on the Redis port. */
    allowedSecurityGroupIds?: pulumi.Input<string>[];
    /** Private CIDR blocks that may connect on the Redis port. Public blocks and anything wider than a private range are refused. */
    allowedCidrBlocks?: pulumi.Input<string>[];
    /** `redis` (Redis OSS, default) or `valkey`. */
    engine?: Engine;
    /** Engine version: `7.0` or `7.1` (default) for redis, `7.2`, `8.0` or `8.1` (default) for valkey. */
    engineVersion?: string;
    /** Node type, `cache.<family>.<size>` such as `cache.r7g.large` (the default). */
    nodeType?: string;
    /** Number of nodes without cluster mode: a primary plus replicas, 1 to 6. Default 2. Refused together with `shards`. */
    numCacheClusters?: number;
    /**
     * Shards (node groups), 1 to 500: setting it runs the group with cluster mode enabled (`cluster-enabled yes`),
     * the key space split over the shards, and clients connect to `configurationEndpointAddress` with a
     * cluster-aware client. Changing it later reshards online, in place. Unset: one shard, cluster mode disabled.
     */
    shards?: number;
    /**
     * Replicas in each shard, 0 to 5, with `shards` only. Default 1. `shards × (1 + replicasPerShard)` may not exceed
     * 500 nodes, ElastiCache's per-cluster quota. Changing it adds or removes replicas online, in place.
     */
    replicasPerShard?: number;
    /** Multi-AZ with automatic failover. Default true; it needs a replica: 2 or more `numCacheClusters`, or 1 or more `replicasPerShard`. */
    highAvailability?: boolean;
    /** The Redis port, default 6380: not the well-known 6379 that every scanner probes first. */
    port?: number;
    /** The replication group id, 1 to 40 lowercase letters, digits and hyphens. Defaults to the component name. */
    replicationGroupId?: string;
    /** An existing KMS key for encryption at rest, secrets and logs. By default a key with rotation is created. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Application users. Default: one `app` user with the `readwrite` role. */
    users?: RedisUserArgs[];
    /** Days of automatic snapshots to keep, 1 to 35. Default 7. */
    snapshotRetentionDays?: number;
    /** Daily UTC snapshot window, `hh:mm-hh:mm`. Default `03:00-05:00`. */
    snapshotWindow?: string;
    /** Weekly UTC maintenance window, `ddd:hh:mm-ddd:hh:mm`. Default `sun:05:00-sun:06:00`. */
    maintenanceWindow?: string;
    /** Retention of the slow-log and engine-log groups, in days: one of CloudWatch's retention periods (`LOG_RETENTION_DAYS`). Default 365. */
    logRetentionDays?: number;
    /** The eviction policy. Default `volatile-lru`. */
    maxmemoryPolicy?: EvictionPolicy;
    /** CloudWatch alarms on every member node, to the notification topic. On by default; see `AlarmsArgs`. */
    alarms?: AlarmsArgs;
    /** A CloudWatch dashboard of the cache, one line per node. On by default. */
    dashboard?: CacheDashboardArgs;
    /** The SNS topic for alarms and ElastiCache events: created and encrypted with the cache's key unless given, plus subscriptions. */
    notifications?: NotificationsArgs;
    /** Subscription filters that forward the slow log and engine log to a destination you give. Off unless set. */
    logForwarding?: LogForwardingArgs;
    /**
     * Exports of the daily automatic snapshot to an S3 bucket, with a schedule, an RPO alarm and optional Object Lock
     * and cross-region replica. On by default; see `BackupArgs` and docs/restore-drill.md.
     */
    backup?: BackupArgs;
    /**
     * Creates the replication group from a snapshot or an exported `.rdb` file instead of empty. Changing it replaces
     * the replication group, so restore into a new component (a new name and group id) and move clients over.
     */
    restoreFrom?: RestoreFromArgs;
    /**
     * Automated restore drills: a canary key written every minute, and a scheduled state machine that
     * restores the newest automatic snapshot into a one-node group, validates it, publishes the measured
     * RTO and RPO, and deletes the group. On by default (off on a Global Datastore secondary); see
     * `RestoreDrillArgs` and docs/restore-drill.md.
     */
    restoreDrill?: RestoreDrillArgs;
    /**
     * Joins this Global Datastore as a read-only secondary. The member inherits the engine, version, node
     * type, port, parameter group and encryption settings from the primary, so none of them is sent;
     * `engine`, `engineVersion`, `nodeType` and `port` then describe the datastore, for users and alarms.
     * `GlobalElastiCacheRedis` sets this; use that component rather than this argument directly.
     */
    globalReplicationGroupId?: pulumi.Input<string>;
    /** Passwords by user name, instead of generated ones: for the same users in every region of a Global Datastore. */
    userPasswords?: Record<string, pulumi.Input<string>>;
    /** Read replicas of every credentials secret in other regions, each encrypted with a key of that region. */
    secretReplicas?: SecretReplicaArgs[];
    /** Tags for every taggable child resource. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** The AWS region of every child resource. Defaults to the provider's region. */
    region?: string;
}

/** Every argument name of `ElastiCacheRedisArgs`; any other name is refused as a likely typo. */
export const ELASTICACHE_REDIS_ARG_NAMES = argNames<ElastiCacheRedisArgs>()([
    "vpcId",
    "subnetIds",
    "allowedSecurityGroupIds",
    "allowedCidrBlocks",
    "engine",
    "engineVersion",
    "nodeType",
    "numCacheClusters",
    "shards",
    "replicasPerShard",
    "highAvailability",
    "port",
    "replicationGroupId",
    "kmsKeyArn",
    "users",
    "snapshotRetentionDays",
    "snapshotWindow",
    "maintenanceWindow",
    "logRetentionDays",
    "maxmemoryPolicy",
    "alarms",
    "dashboard",
    "notifications",
    "logForwarding",
    "backup",
    "restoreFrom",
    "restoreDrill",
    "globalReplicationGroupId",
    "userPasswords",
    "secretReplicas",
    "tags",
    "region",
]);

/**
 * Checks every argument and applies the defaults, in one place, before any resource exists.
 * `joinsAsSecondary`: the cache joins a Global Datastore as a read-only secondary. By default it follows
 * `globalReplicationGroupId`, unless a parent component that sets that id later says so up front.
 */
export function validateElastiCacheRedisArgs(name: string, args: ElastiCacheRedisArgs, joinsAsSecondary?: boolean) {
    const check: ArgChecker = new ArgChecker("ElastiCacheRedis", name);
    const d = ELASTICACHE_REDIS_DEFAULTS;
    check.args(args, ELASTICACHE_REDIS_ARG_NAMES, "an object with vpcId, subnetIds, and allowedSecurityGroupIds or allowedCidrBlocks");
    const globalSecondary = joinsAsSecondary ?? args.globalReplicationGroupId !== undefined;
    // Without a VPC the security group would be created in the account's default VPC.
    const vpcId = check.nonEmptyString("vpcId", args.vpcId, 'the id of the VPC that holds subnetIds, such as "vpc-0123456789abcdef0"');
    const replicationGroupId = check.matches(
        args.replicationGroupId ? "replicationGroupId" : "name (the default replicationGroupId)",
        args.replicationGroupId ?? name,
        CACHE_ID,
        "1 to 40 lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    );
    const clients = validateCacheClientArgs(check, args);
    const highAvailability = check.boolean("highAvailability", args.highAvailability ?? d.highAvailability);
    const topology = validateTopologyArgs(check, {
        numCacheClusters: args.numCacheClusters,
        shards: args.shards,
        replicasPerShard: args.replicasPerShard,
        highAvailability,
    });
    const nodeType = check.matches(
        "nodeType",
        args.nodeType ?? d.nodeType,
        NODE_TYPE,
        'an ElastiCache node type such as "cache.r7g.large"',
    );
    const snapshotWindow = args.snapshotWindow ?? d.snapshotWindow;
    const maintenanceWindow = args.maintenanceWindow ?? d.maintenanceWindow;
    const snapshotMinutes = parseSnapshotWindow(check, snapshotWindow);
    if (windowsOverlap(snapshotMinutes, parseMaintenanceWindow(check, maintenanceWindow))) {
        check.fail(
            "snapshotWindow",
            `"${snapshotWindow}" overlaps maintenanceWindow "${maintenanceWindow}"`,
            "windows that do not overlap",
        );
    }
    const logRetentionDays = args.logRetentionDays ?? d.logRetentionDays;
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
        check.fail("logRetentionDays", `is ${logRetentionDays}`, `one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    const users = validateUsersArgs(check, args.users ?? d.users, DRILL_USER_NAMES);
    if (globalSecondary && args.restoreFrom !== undefined) {
        check.fail(
            "restoreFrom",
            "is set on a Global Datastore secondary",
            "no restoreFrom: a secondary is filled by replication from the primary",
        );
    }
    for (const user of Object.keys(args.userPasswords ?? {})) {
        if (!users.some((u) => u.name === user)) {
            check.fail(`userPasswords.${user}`, "names no user of this cache", users.map((u) => `"${u.name}"`).join(", "));
        }
    }
    const engine = validateEngineArgs(check, args.engine, args.engineVersion);
    const port = check.integerInRange("port", args.port ?? d.port, 1024, 65535);
    const snapshotRetentionDays = check.integerInRange(
        "snapshotRetentionDays",
        args.snapshotRetentionDays ?? d.snapshotRetentionDays,
        1,
        35,
    );
    const maxmemoryPolicy = check.oneOf("maxmemoryPolicy", args.maxmemoryPolicy ?? d.maxmemoryPolicy, EVICTION_POLICIES);
    const region = args.region === undefined ? undefined : check.matches("region", args.region, AWS_REGION, AWS_REGION_DESCRIPTION);
    return {
        replicationGroupId,
        vpcId,
        ...clients,
        engine,
        nodeType,
        topology,
        highAvailability,
        port,
        users,
        snapshotRetentionDays,
        snapshotWindow,
        maintenanceWindow,
        logRetentionDays,
        maxmemoryPolicy,
        tags: pulumi.output(args.tags ?? {}).apply((userTags) => ({ "managed-by": "hardened-redis", ...userTags })),
        region,
        kmsKeyArn: validateKmsKeyArn(check, "kmsKeyArn", args.kmsKeyArn),
        globalSecondary,
        globalReplicationGroupId: args.globalReplicationGroupId,
        userPasswords: validateUserPasswords(check, args.userPasswords),
        secretReplicas: validateSecretReplicas(check, args.secretReplicas, region),
        monitoring: validateMonitoringArgs(check, args, { nodeType, globalSecondary }),
        backup: validateBackupArgs(check, args.backup, { nodeType, snapshotWindow, region }),
        restoreFrom: validateRestoreFromArgs(check, args.restoreFrom, topology.shards),
        restoreDrill: validateRestoreDrillArgs(check, args.restoreDrill, {
            snapshotWindow: snapshotMinutes,
            globalSecondary,
        }),
    };
}

/** ElastiCache's rule for RBAC user passwords (CreateUser `Passwords`): 16 to 128 printable ASCII characters but space, `"`, `/` and `@`. */
const USER_PASSWORD = /^[!#-.0-?A-~]{16,128}$/;

/** Checks given passwords once they resolve, naming the user but never showing the password. */
function validateUserPasswords(check: ArgChecker, passwords: Record<string, pulumi.Input<string>> | undefined) {
    if (passwords === undefined) return undefined;
    const allowed = '16 to 128 printable ASCII characters other than space, ", / and @ (ElastiCache RBAC user passwords)';
    return Object.fromEntries(
        Object.entries(check.record("userPasswords", passwords, "an object of user names and passwords")).map(([user, password]) => [
            user,
            check.whenKnown(password, (value) => {
                const arg = `userPasswords.${user}`;
                if (typeof value !== "string") check.fail(arg, "is not a string", allowed);
                if (value.length < 16 || value.length > 128) check.fail(arg, `is ${value.length} characters long`, allowed);
                if (!USER_PASSWORD.test(value)) check.fail(arg, "holds a character that ElastiCache refuses", allowed);
            }),
        ]),
    );
}

/** Checks the read replicas of the credentials secrets: known regions other than the cache's, each once, and their keys. */
function validateSecretReplicas(
    check: ArgChecker,
    secretReplicas: SecretReplicaArgs[] | undefined,
    cacheRegion: string | undefined,
): SecretReplicaArgs[] {
    const replicas = check.list("secretReplicas", secretReplicas ?? [], "a list of { region, kmsKeyArn? }");
    const regions = replicas.map((replica, i) =>
        check.matches(
            `secretReplicas[${i}].region`,
            check.object(`secretReplicas[${i}]`, replica, SECRET_REPLICA_ARG_NAMES).region,
            AWS_REGION,
            AWS_REGION_DESCRIPTION,
        ),
    );
    return replicas.map((replica, i) => {
        if (regions[i] === cacheRegion || regions.indexOf(regions[i]) !== i) {
            check.fail(`secretReplicas[${i}].region`, `"${regions[i]}" is the cache's own region or repeated`, "each other region once");
        }
        return { region: regions[i], kmsKeyArn: validateKmsKeyArn(check, `secretReplicas[${i}].kmsKeyArn`, replica.kmsKeyArn) };
    });
}

/** The engine parameters of the group's parameter group: the eviction policy, and cluster mode when sharded. */
export function cacheParameters(
    settings: Pick<ElastiCacheRedisSettings, "maxmemoryPolicy" | "topology">,
): { name: string; value: string }[] {
    const parameters = [{ name: "maxmemory-policy", value: settings.maxmemoryPolicy }];
    return settings.topology.clusterMode ? [...parameters, { name: "cluster-enabled", value: "yes" }] : parameters;
}

export type ElastiCacheRedisSettings = ReturnType<typeof validateElastiCacheRedisArgs>;

/** Arguments and the settings checked from them. */
export interface CheckedElastiCacheRedisArgs {
    args: ElastiCacheRedisArgs;
    settings: ElastiCacheRedisSettings;
}

/** What a parent component makes for a member once its arguments are checked: passwords, key, secret replicas, datastore id. */
type MadeByParent = Pick<ElastiCacheRedisArgs, "userPasswords" | "secretReplicas" | "globalReplicationGroupId" | "kmsKeyArn">;

/** Settings a parent component already checked, by the member arguments they were checked for. */
const CHECKED = new WeakMap<ElastiCacheRedisArgs, ElastiCacheRedisSettings>();

/**
 * Member arguments for `ElastiCacheRedis` whose settings a parent component (`GlobalElastiCacheRedis`) checked
 * before it created anything, completed with what it made since, so that the member does not check them again.
 * The made values are taken as they are: the parent's own keys, generated passwords and datastore id.
 */
export function withCheckedSettings(checked: CheckedElastiCacheRedisArgs, made: MadeByParent): ElastiCacheRedisArgs {
    const args = { ...checked.args, ...made };
    CHECKED.set(args, { ...checked.settings, ...made });
    return args;
}

/** The settings of a component's arguments: those a parent component checked, or checked now. */
export function elastiCacheRedisSettings(name: string, args: ElastiCacheRedisArgs): ElastiCacheRedisSettings {
    return CHECKED.get(args) ?? validateElastiCacheRedisArgs(name, args);
}
