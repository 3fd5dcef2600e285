import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { RedisUser, RedisUserArgs, validateUsers } from "../shared/users";
import { EVICTION_POLICIES, EvictionPolicy } from "../shared/eviction";
import { ArgChecker, argNames } from "../shared/validation";
import { ALLOWED_CIDR_DESCRIPTION, cidrProblem } from "./cidr";
import { createKmsKey, validateKmsKeyArn } from "./encryption";
import { Engine, resolveEngine } from "./engine";
import { LOG_RETENTION_DAYS, createLogGroups, logDelivery } from "./logs";
import { createNetwork } from "./network";
import { AlarmsArgs, CacheDashboardArgs, LogForwardingArgs, NotificationsArgs, createMonitoring, createNotificationTopic, validateMonitoringArgs } from "./monitoring";
import { BackupArgs, RestoreFromArgs, createBackup, validateBackupArgs, validateRestoreFromArgs } from "./backup";
import { SECRET_REPLICA_ARG_NAMES, SecretReplicaArgs, storeCredentials } from "./credentials";
import { AWS_REGION, AWS_REGION_DESCRIPTION } from "./region";
import { DRILL_USER_NAMES, RestoreDrillArgs, createRestoreDrill, restoreDrillUsers, validateRestoreDrillArgs } from "./restore-drill";
import { MAX_CACHE_CLUSTERS, MAX_NODES_PER_CLUSTER, MAX_REPLICAS_PER_SHARD, MAX_SHARDS, TOPOLOGY_DEFAULTS, Topology, memberClusterIds, resolveTopology } from "./topology";
import { createRbac } from "./rbac";
import { parseMaintenanceWindow, parseSnapshotWindow, windowsOverlap } from "./maintenance-windows";

export const ELASTICACHE_REDIS_TYPE = "hardened-redis:index:ElastiCacheRedis";

export { MAX_CACHE_CLUSTERS, MAX_NODES_PER_CLUSTER, MAX_REPLICAS_PER_SHARD, MAX_SHARDS };
/** Replication group ids and serverless cache names: 1 to 40 lowercase letters, digits and hyphens. */
export const CACHE_ID = /^(?!.*--)[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/;
const NODE_TYPE = /^cache\.[a-z0-9-]+\.[a-z0-9]+$/;

export const ELASTICACHE_DEFAULTS = {
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
    /** Node type, default `cache.r7g.large`. */
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
    /** Retention of the slow-log and engine-log groups, in days. Default 365. */
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
export const ELASTICACHE_ARG_NAMES = argNames<ElastiCacheRedisArgs>()([
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
 * A Redis OSS or Valkey replication group on ElastiCache that is secure with no options set:
 * private subnets, a dedicated security group, TLS required, a customer-managed key at rest,
 * RBAC users with generated passwords in Secrets Manager, backups and encrypted logs.
 */
export class ElastiCacheRedis extends pulumi.ComponentResource {
    /** The replication group's ID, at most 40 characters. */
    public readonly replicationGroupId: pulumi.Output<string>;
    /** The primary endpoint: reads and writes, TLS only. Empty in cluster mode, where clients use the configuration endpoint. */
    public readonly primaryEndpointAddress: pulumi.Output<string>;
    /** The reader endpoint, which balances reads over the replicas. Empty in cluster mode. */
    public readonly readerEndpointAddress: pulumi.Output<string>;
    /** In cluster mode (`shards` set), the configuration endpoint that cluster-aware clients discover every shard from; otherwise undefined. */
    public readonly configurationEndpointAddress: pulumi.Output<string | undefined>;
    /** The TCP port Redis listens on, default 6380. */
    public readonly port: pulumi.Output<number>;
    /** The security group of the nodes; it admits only `allowedCidrBlocks` and `allowedSecurityGroupIds`. */
    public readonly securityGroupId: pulumi.Output<string>;
    /** The member node ids (`<group>-001`, ..., or `<group>-0001-001`, ... in cluster mode), the `CacheClusterId` of per-node metrics. */
    public readonly memberClusterIds: pulumi.Output<string[]>;
    /** The ARN of each user's credentials secret, by user name. */
    public readonly userSecretArns: pulumi.Output<Record<string, string>>;
    /** The ARN of the KMS key that encrypts data at rest, the credentials secrets and the logs. */
    public readonly kmsKeyArn: pulumi.Output<string>;
    /** The SNS topic that receives alarm and OK notifications and ElastiCache events. */
    public readonly notificationTopicArn: pulumi.Output<string>;
    /** The names of the CloudWatch alarms, `<member id>-<metric>`. */
    public readonly alarmNames: pulumi.Output<string[]>;
    /** The CloudWatch dashboard's name, or undefined when the dashboard is off. */
    public readonly dashboardName: pulumi.Output<string | undefined>;
    /** The bucket that snapshot exports go to, or undefined when backups are off. */
    public readonly backupBucketName: pulumi.Output<string | undefined>;
    /** The bucket in `backup.replicaRegion` that holds a copy of every export, or undefined. */
    public readonly backupReplicaBucketName: pulumi.Output<string | undefined>;
    /** The restore drill's state machine, to start a drill on demand, or undefined when drills are off. */
    public readonly restoreDrillStateMachineArn: pulumi.Output<string | undefined>;
    /** The ElastiCache replication group itself. */
    public readonly replicationGroup: aws.elasticache.ReplicationGroup;

    constructor(name: string, args: ElastiCacheRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = validateElastiCacheArgs(name, args);
        super(ELASTICACHE_REDIS_TYPE, name, args, opts);
        const { replicationGroupId, region, tags, engine, topology } = settings;

        const kmsKeyArn = settings.kmsKeyArn ?? createKmsKey(name, { replicationGroupId, tags, region }, this).arn;
        const network = createNetwork(
            name,
            {
                replicationGroupId,
                vpcId: settings.vpcId,
                subnetIds: args.subnetIds,
                port: settings.port,
                allowedSecurityGroupIds: args.allowedSecurityGroupIds ?? [],
                allowedCidrBlocks: settings.allowedCidrBlocks,
                tags,
                region,
            },
            this,
        );
        const rbac = createRbac(name, { replicationGroupId, engine: engine.engine, users: settings.users, passwords: settings.userPasswords, serviceUsers: restoreDrillUsers(settings.restoreDrill, replicationGroupId), tags, region }, this);
        const logGroups = createLogGroups(name, { replicationGroupId, retentionInDays: settings.logRetentionDays, kmsKeyArn, tags, region }, this);
        const notificationTopicArn = createNotificationTopic(name, { replicationGroupId, kmsKeyArn, settings: settings.monitoring.notifications, tags, region }, this);

        this.replicationGroup = new aws.elasticache.ReplicationGroup(
            `${name}-group`,
            {
                replicationGroupId,
                description: `Hardened ${engine.engine} ${engine.version} cache ${replicationGroupId}`,
                ...(args.globalReplicationGroupId
                    ? { globalReplicationGroupId: args.globalReplicationGroupId }
                    : this.engineAndEncryption(name, settings)),
                ...nodeLayout(topology, settings.highAvailability, args.globalReplicationGroupId !== undefined),
                subnetGroupName: network.subnetGroup.name,
                securityGroupIds: [network.securityGroup.id],
                kmsKeyId: kmsKeyArn,
                userGroupIds: [rbac.userGroup.userGroupId],
                snapshotRetentionLimit: settings.snapshotRetentionDays,
                snapshotWindow: settings.snapshotWindow,
                maintenanceWindow: settings.maintenanceWindow,
                autoMinorVersionUpgrade: true,
                finalSnapshotIdentifier: this.finalSnapshotIdentifier(name, settings, { kmsKeyArn, globalReplicationGroupId: args.globalReplicationGroupId }),
                ...settings.restoreFrom,
                logDeliveryConfigurations: logDelivery(logGroups),
                notificationTopicArn,
                region,
                tags,
            },
            { parent: this, dependsOn: Object.values(logGroups) },
        );

        const group = this.replicationGroup;
        this.port = group.port.apply((p) => p ?? settings.port);
        this.configurationEndpointAddress = topology.clusterMode ? group.configurationEndpointAddress : pulumi.output(undefined);
        const secrets = storeCredentials(
            name,
            rbac.users,
            {
                replicationGroupId,
                kmsKeyArn,
                primaryEndpoint: group.primaryEndpointAddress,
                readerEndpoint: group.readerEndpointAddress,
                configurationEndpoint: topology.clusterMode ? group.configurationEndpointAddress : undefined,
                port: this.port,
                replicas: settings.secretReplicas,
                tags,
                region,
            },
            this,
        );

        this.replicationGroupId = group.id;
        this.primaryEndpointAddress = group.primaryEndpointAddress;
        this.readerEndpointAddress = group.readerEndpointAddress;
        this.securityGroupId = network.securityGroup.id;
        this.memberClusterIds = group.id.apply((id) => memberClusterIds(id, topology));
        this.userSecretArns = pulumi.all(Object.fromEntries(Object.entries(secrets).map(([user, secret]) => [user, secret.arn])));
        this.kmsKeyArn = pulumi.output(kmsKeyArn);
        const backup =
            settings.backup &&
            createBackup(name, settings.backup, { replicationGroupId, kmsKeyArn, logRetentionDays: settings.logRetentionDays, alarmTopicArn: notificationTopicArn, tags, region }, this);
        const drill =
            settings.restoreDrill &&
            createRestoreDrill(
                name,
                settings.restoreDrill,
                {
                    replicationGroupId,
                    replicationGroup: group,
                    users: rbac.serviceUsers,
                    vpcId: settings.vpcId,
                    subnetIds: args.subnetIds,
                    port: settings.port,
                    nodeType: settings.nodeType,
                    shards: topology.clusterMode ? topology.shards : undefined,
                    exportBucketName: backup ? backup.bucketName : undefined,
                    kmsKeyArn,
                    topicArn: notificationTopicArn,
                    logRetentionDays: settings.logRetentionDays,
                    tags,
                    region,
                },
                this,
            );
        this.restoreDrillStateMachineArn = drill ? drill.stateMachine.arn : pulumi.output(undefined);
        const monitoring = createMonitoring(
            name,
            {
                replicationGroupId,
                memberIds: memberClusterIds(replicationGroupId, topology),
                hasReplicas: topology.replicasPerShard > 0,
                clusterMode: topology.clusterMode,
                settings: settings.monitoring,
                replicationGroup: group,
                logGroups,
                topicArn: notificationTopicArn,
                panels: drill?.panels,
                tags,
                region,
            },
            this,
        );
        this.notificationTopicArn = notificationTopicArn;
        this.alarmNames = pulumi.all(monitoring.alarms.map((alarm) => alarm.name));
        this.dashboardName = monitoring.dashboard ? monitoring.dashboard.dashboardName : pulumi.output(undefined);
        this.backupBucketName = backup ? backup.bucketName : pulumi.output(undefined);
        this.backupReplicaBucketName = backup?.replicaBucketName ?? pulumi.output(undefined);
        this.registerOutputs({
            replicationGroupId: this.replicationGroupId,
            primaryEndpointAddress: this.primaryEndpointAddress,
            readerEndpointAddress: this.readerEndpointAddress,
            configurationEndpointAddress: this.configurationEndpointAddress,
            port: this.port,
            securityGroupId: this.securityGroupId,
            memberClusterIds: this.memberClusterIds,
            userSecretArns: this.userSecretArns,
            kmsKeyArn: this.kmsKeyArn,
            notificationTopicArn: this.notificationTopicArn,
            alarmNames: this.alarmNames,
            dashboardName: this.dashboardName,
            backupBucketName: this.backupBucketName,
            backupReplicaBucketName: this.backupReplicaBucketName,
            restoreDrillStateMachineArn: this.restoreDrillStateMachineArn,
        });
    }

    /**
     * A final snapshot name of its own for each physical group. Snapshots outlive their group, so a fixed
     * name would make the next deletion of a group with the same id fail (a replacement, a restore, a
     * stack destroyed and created again). The suffix changes whenever an input that replaces the group does.
     */
    private finalSnapshotIdentifier(
        name: string,
        settings: ElastiCacheSettings,
        inputs: { kmsKeyArn: pulumi.Input<string>; globalReplicationGroupId?: pulumi.Input<string> },
    ): pulumi.Output<string> {
        const { replicationGroupId, region } = settings;
        const suffix = new random.RandomId(
            `${name}-final-snapshot-suffix`,
            {
                byteLength: 4,
                keepers: {
                    replicationGroupId,
                    region: region ?? "",
                    port: String(settings.port),
                    kmsKeyArn: inputs.kmsKeyArn,
                    restoreFrom: JSON.stringify(settings.restoreFrom),
                    globalReplicationGroupId: inputs.globalReplicationGroupId ?? "",
                },
            },
            { parent: this },
        );
        return pulumi.interpolate`${replicationGroupId}-final-${suffix.hex}`;
    }

    /** What a primary sets and a Global Datastore secondary inherits: engine, node, port, parameters, encryption. */
    private engineAndEncryption(name: string, settings: ElastiCacheSettings) {
        const { engine, replicationGroupId, region, tags } = settings;
        // The family is in the name, so that an engine or major-version upgrade creates the new group
        // before the cache moves to it, instead of replacing in place a group the cache still uses.
        const parameterGroup = new aws.elasticache.ParameterGroup(
            `${name}-params`,
            {
                name: `${replicationGroupId}-${engine.parameterGroupFamily}${settings.topology.clusterMode ? "-cluster-on" : ""}`,
                family: engine.parameterGroupFamily,
                description: `Parameters of the ${replicationGroupId} cache`,
                parameters: cacheParameters(settings),
                region,
                tags,
            },
            { parent: this },
        );
        return {
            engine: engine.engine,
            engineVersion: engine.version,
            nodeType: settings.nodeType,
            port: settings.port,
            parameterGroupName: parameterGroup.name,
            atRestEncryptionEnabled: true,
            transitEncryptionEnabled: true,
            transitEncryptionMode: "required",
        };
    }
}

export { memberClusterIds };

/** The engine parameters of the group's parameter group: the eviction policy, and cluster mode when sharded. */
export function cacheParameters(settings: Pick<ElastiCacheSettings, "maxmemoryPolicy" | "topology">): { name: string; value: string }[] {
    const parameters = [{ name: "maxmemory-policy", value: settings.maxmemoryPolicy }];
    return settings.topology.clusterMode ? [...parameters, { name: "cluster-enabled", value: "yes" }] : parameters;
}

/**
 * The replication group's node inputs. Cluster mode requires automatic failover on (CreateReplicationGroup,
 * `AutomaticFailoverEnabled`), so `highAvailability` then switches Multi-AZ only. A Global Datastore secondary
 * takes its shard count from the primary and may not send `numNodeGroups`.
 */
function nodeLayout(topology: Topology, highAvailability: boolean, globalSecondary: boolean) {
    if (!topology.clusterMode) {
        return { numCacheClusters: 1 + topology.replicasPerShard, automaticFailoverEnabled: highAvailability, multiAzEnabled: highAvailability };
    }
    return {
        ...(globalSecondary ? {} : { numNodeGroups: topology.shards }),
        replicasPerNodeGroup: topology.replicasPerShard,
        automaticFailoverEnabled: true,
        multiAzEnabled: highAvailability,
    };
}

/** Checks every argument and applies the defaults, in one place, before any resource exists. */
export function validateElastiCacheArgs(name: string, args: ElastiCacheRedisArgs) {
    const check: ArgChecker = new ArgChecker("ElastiCacheRedis", name);
    const d = ELASTICACHE_DEFAULTS;
    check.args(args, ELASTICACHE_ARG_NAMES, "an object with vpcId, subnetIds, and allowedSecurityGroupIds or allowedCidrBlocks");
    // Without a VPC the security group would be created in the account's default VPC.
    const vpcId = check.nonEmptyString("vpcId", args.vpcId, 'the id of the VPC that holds subnetIds, such as "vpc-0123456789abcdef0"');
    const replicationGroupId = check.matches(
        args.replicationGroupId ? "replicationGroupId" : "name (the default replicationGroupId)",
        args.replicationGroupId ?? name,
        CACHE_ID,
        "1 to 40 lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    );
    const allowedCidrBlocks = validateClients(check, args);
    const highAvailability = check.boolean("highAvailability", args.highAvailability ?? d.highAvailability);
    const topology = resolveTopology(check, { numCacheClusters: args.numCacheClusters, shards: args.shards, replicasPerShard: args.replicasPerShard, highAvailability });
    const nodeType = check.matches("nodeType", args.nodeType ?? d.nodeType, NODE_TYPE, 'an ElastiCache node type such as "cache.r7g.large"');
    const snapshotWindow = args.snapshotWindow ?? d.snapshotWindow;
    const maintenanceWindow = args.maintenanceWindow ?? d.maintenanceWindow;
    if (windowsOverlap(parseSnapshotWindow(check, snapshotWindow), parseMaintenanceWindow(check, maintenanceWindow))) {
        check.fail("snapshotWindow", `"${snapshotWindow}" overlaps maintenanceWindow "${maintenanceWindow}"`, "windows that do not overlap");
    }
    const logRetentionDays = args.logRetentionDays ?? d.logRetentionDays;
    if (!(LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)) {
        check.fail("logRetentionDays", `is ${logRetentionDays}`, `one of CloudWatch's retention periods: ${LOG_RETENTION_DAYS.join(", ")}`);
    }
    const users = validateUsers(check, args.users ?? d.users, DRILL_USER_NAMES);
    validateGlobalMembership(check, args, users);
    return {
        replicationGroupId,
        vpcId,
        engine: resolveEngine(check, args.engine, args.engineVersion),
        nodeType,
        topology,
        highAvailability,
        port: check.integerInRange("port", args.port ?? d.port, 1024, 65535),
        allowedCidrBlocks,
        users,
        snapshotRetentionDays: check.integerInRange("snapshotRetentionDays", args.snapshotRetentionDays ?? d.snapshotRetentionDays, 1, 35),
        snapshotWindow,
        maintenanceWindow,
        logRetentionDays,
        maxmemoryPolicy: check.oneOf("maxmemoryPolicy", args.maxmemoryPolicy ?? d.maxmemoryPolicy, EVICTION_POLICIES),
        tags: pulumi.output(args.tags ?? {}).apply((userTags) => ({ "managed-by": "hardened-redis", ...userTags })),
        region: args.region === undefined ? undefined : check.matches("region", args.region, AWS_REGION, AWS_REGION_DESCRIPTION),
        kmsKeyArn: validateKmsKeyArn(check, "kmsKeyArn", args.kmsKeyArn),
        userPasswords: validateUserPasswords(check, args.userPasswords),
        secretReplicas: validateSecretReplicas(check, args),
        monitoring: validateMonitoringArgs(check, args, nodeType),
        backup: validateBackupArgs(check, args.backup, { nodeType, snapshotWindow, region: args.region }),
        restoreFrom: validateRestoreFromArgs(check, args.restoreFrom, topology.shards),
        restoreDrill: validateRestoreDrillArgs(check, args.restoreDrill, { snapshotWindow: parseSnapshotWindow(check, snapshotWindow), globalSecondary: args.globalReplicationGroupId !== undefined }),
    };
}

export type ElastiCacheSettings = ReturnType<typeof validateElastiCacheArgs>;

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

/** The network arguments every cache shares. */
export interface CacheClientArgs {
    subnetIds: pulumi.Input<string>[];
    allowedSecurityGroupIds?: pulumi.Input<string>[];
    allowedCidrBlocks?: pulumi.Input<string>[];
}

/** Checks the subnets and the named client sources: private CIDR blocks, and at least one source. Returns the checked blocks. */
export function validateClients(check: ArgChecker, args: CacheClientArgs): pulumi.Input<string>[] {
    check.nonEmpty("subnetIds", args.subnetIds, "one or more private subnet ids, ideally one per availability zone");
    const allowedSecurityGroupIds = check.list("allowedSecurityGroupIds", args.allowedSecurityGroupIds ?? [], "a list of client security group ids");
    const allowedCidrBlocks = check.list("allowedCidrBlocks", args.allowedCidrBlocks ?? [], "a list of private client CIDR blocks").map((cidr, i) =>
        check.whenKnown(cidr, (block) => {
            const problem = cidrProblem(block);
            if (problem) check.fail(`allowedCidrBlocks[${i}]`, `"${block}" ${problem}`, ALLOWED_CIDR_DESCRIPTION);
        }),
    );
    if (allowedSecurityGroupIds.length + allowedCidrBlocks.length === 0) {
        check.fail("allowedSecurityGroupIds and allowedCidrBlocks", "are both empty, so no client could connect", "at least one client security group id or private CIDR block");
    }
    return allowedCidrBlocks;
}

/** Checks the arguments that tie the cache to a Global Datastore and to other regions. */
function validateGlobalMembership(check: ArgChecker, args: ElastiCacheRedisArgs, users: RedisUser[]): void {
    if (args.globalReplicationGroupId !== undefined && args.restoreFrom !== undefined) {
        check.fail("restoreFrom", "is set on a Global Datastore secondary", "no restoreFrom: a secondary is filled by replication from the primary");
    }
    for (const user of Object.keys(args.userPasswords ?? {})) {
        if (!users.some((u) => u.name === user)) {
            check.fail(`userPasswords.${user}`, "names no user of this cache", users.map((u) => `"${u.name}"`).join(", "));
        }
    }
}

/** Checks the read replicas of the credentials secrets: known regions other than the cache's, each once, and their keys. */
function validateSecretReplicas(check: ArgChecker, args: ElastiCacheRedisArgs): SecretReplicaArgs[] {
    const replicas = check.list("secretReplicas", args.secretReplicas ?? [], "a list of { region, kmsKeyArn? }");
    const regions = replicas.map((replica, i) =>
        check.matches(`secretReplicas[${i}].region`, check.object(`secretReplicas[${i}]`, replica, SECRET_REPLICA_ARG_NAMES).region, AWS_REGION, AWS_REGION_DESCRIPTION),
    );
    return replicas.map((replica, i) => {
        if (regions[i] === args.region || regions.indexOf(regions[i]) !== i) {
            check.fail(`secretReplicas[${i}].region`, `"${regions[i]}" is the cache's own region or repeated`, "each other region once");
        }
        return { region: regions[i], kmsKeyArn: validateKmsKeyArn(check, `secretReplicas[${i}].kmsKeyArn`, replica.kmsKeyArn) };
    });
}
