import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { RedisUserArgs, validateUsers } from "../shared/users";
import { ArgChecker } from "../shared/validation";
import { ALLOWED_CIDR_DESCRIPTION, cidrProblem } from "./cidr";
import { storeCredentials } from "./credentials";
import { createKmsKey } from "./encryption";
import { resolveEngine } from "./engine";
import { LOG_RETENTION_DAYS, createLogGroups, logDelivery } from "./logs";
import { createNetwork } from "./network";
import { createRbac } from "./users";
import { parseMaintenanceWindow, parseSnapshotWindow, windowsOverlap } from "./windows";

export const ELASTICACHE_REDIS_TYPE = "hardened-redis:index:ElastiCacheRedis";

export const MAX_CACHE_CLUSTERS = 6;
const REPLICATION_GROUP_ID = /^[a-z](?!.*--)[a-z0-9-]{0,38}[a-z0-9]$/;
const NODE_TYPE = /^cache\.[a-z0-9-]+\.[a-z0-9]+$/;

export const ELASTICACHE_DEFAULTS = {
    engine: "redis",
    nodeType: "cache.r7g.large",
    numCacheClusters: 2,
    highAvailability: true,
    port: 6379,
    snapshotRetentionDays: 7,
    snapshotWindow: "03:00-05:00",
    maintenanceWindow: "sun:05:00-sun:06:00",
    logRetentionDays: 365,
    maxmemoryPolicy: "volatile-lru",
    users: [{ name: "app", role: "readwrite" }] as RedisUserArgs[],
} as const;

const MAXMEMORY_POLICIES = ["volatile-lru", "allkeys-lru", "volatile-lfu", "allkeys-lfu", "volatile-random", "allkeys-random", "volatile-ttl", "noeviction"] as const;

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
    engine?: string;
    /** Engine version: `7.0` or `7.1` (default) for redis, `7.2`, `8.0` or `8.1` (default) for valkey. */
    engineVersion?: string;
    /** Node type, default `cache.r7g.large`. */
    nodeType?: string;
    /** Number of nodes: a primary plus replicas, 1 to 6. Default 2. */
    numCacheClusters?: number;
    /** Automatic failover and Multi-AZ. Default true; a single node requires false. */
    highAvailability?: boolean;
    /** The Redis port, default 6379. */
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
    maxmemoryPolicy?: string;
    /** Tags for every taggable child resource. */
    tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
    /** The AWS region of every child resource. Defaults to the provider's region. */
    region?: string;
}

/**
 * A Redis OSS or Valkey replication group on ElastiCache that is secure with no options set:
 * private subnets, a dedicated security group, TLS required, a customer-managed key at rest,
 * RBAC users with generated passwords in Secrets Manager, backups and encrypted logs.
 */
export class ElastiCacheRedis extends pulumi.ComponentResource {
    public readonly replicationGroupId: pulumi.Output<string>;
    public readonly primaryEndpointAddress: pulumi.Output<string>;
    public readonly readerEndpointAddress: pulumi.Output<string>;
    public readonly port: pulumi.Output<number>;
    public readonly securityGroupId: pulumi.Output<string>;
    /** The member node ids (`<group>-001`, ...), the `CacheClusterId` of per-node metrics. */
    public readonly memberClusterIds: pulumi.Output<string[]>;
    /** The ARN of each user's credentials secret, by user name. */
    public readonly userSecretArns: pulumi.Output<Record<string, string>>;
    public readonly kmsKeyArn: pulumi.Output<string>;
    public readonly replicationGroup: aws.elasticache.ReplicationGroup;

    constructor(name: string, args: ElastiCacheRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = validateElastiCacheArgs(name, args);
        super(ELASTICACHE_REDIS_TYPE, name, args, opts);
        const { replicationGroupId, region, tags, engine } = settings;

        const key = args.kmsKeyArn ? undefined : createKmsKey(name, { replicationGroupId, tags, region }, this);
        const kmsKeyArn = args.kmsKeyArn ?? key!.arn;
        const network = createNetwork(
            name,
            {
                replicationGroupId,
                vpcId: args.vpcId,
                subnetIds: args.subnetIds,
                port: settings.port,
                allowedSecurityGroupIds: args.allowedSecurityGroupIds ?? [],
                allowedCidrBlocks: settings.allowedCidrBlocks,
                tags,
                region,
            },
            this,
        );
        const parameterGroup = new aws.elasticache.ParameterGroup(
            `${name}-params`,
            {
                name: `${replicationGroupId}-params`,
                family: engine.parameterGroupFamily,
                description: `Parameters of the ${replicationGroupId} cache`,
                parameters: [{ name: "maxmemory-policy", value: settings.maxmemoryPolicy }],
                region,
                tags,
            },
            { parent: this },
        );
        const rbac = createRbac(name, { replicationGroupId, engine: engine.engine, users: settings.users, tags, region }, this);
        const logGroups = createLogGroups(name, { replicationGroupId, retentionInDays: settings.logRetentionDays, kmsKeyArn, tags, region }, this);

        this.replicationGroup = new aws.elasticache.ReplicationGroup(
            `${name}-group`,
            {
                replicationGroupId,
                description: `Hardened ${engine.engine} ${engine.version} cache ${replicationGroupId}`,
                engine: engine.engine,
                engineVersion: engine.version,
                nodeType: settings.nodeType,
                numCacheClusters: settings.numCacheClusters,
                automaticFailoverEnabled: settings.highAvailability,
                multiAzEnabled: settings.highAvailability,
                port: settings.port,
                parameterGroupName: parameterGroup.name,
                subnetGroupName: network.subnetGroup.name,
                securityGroupIds: [network.securityGroup.id],
                atRestEncryptionEnabled: true,
                kmsKeyId: kmsKeyArn,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "required",
                userGroupIds: [rbac.userGroup.userGroupId],
                snapshotRetentionLimit: settings.snapshotRetentionDays,
                snapshotWindow: settings.snapshotWindow,
                maintenanceWindow: settings.maintenanceWindow,
                autoMinorVersionUpgrade: true,
                finalSnapshotIdentifier: `${replicationGroupId}-final`,
                logDeliveryConfigurations: logDelivery(logGroups),
                region,
                tags,
            },
            { parent: this, dependsOn: Object.values(logGroups) },
        );

        const group = this.replicationGroup;
        this.port = group.port.apply((p) => p ?? settings.port);
        const secrets = storeCredentials(
            name,
            rbac.users,
            {
                replicationGroupId,
                kmsKeyArn,
                primaryEndpoint: group.primaryEndpointAddress,
                readerEndpoint: group.readerEndpointAddress,
                port: this.port,
                tags,
                region,
            },
            this,
        );

        this.replicationGroupId = group.id;
        this.primaryEndpointAddress = group.primaryEndpointAddress;
        this.readerEndpointAddress = group.readerEndpointAddress;
        this.securityGroupId = network.securityGroup.id;
        this.memberClusterIds = group.id.apply((id) => memberClusterIds(id, settings.numCacheClusters));
        this.userSecretArns = pulumi.all(Object.fromEntries(Object.entries(secrets).map(([user, secret]) => [user, secret.arn])));
        this.kmsKeyArn = pulumi.output(kmsKeyArn);
        this.registerOutputs({
            replicationGroupId: this.replicationGroupId,
            primaryEndpointAddress: this.primaryEndpointAddress,
            readerEndpointAddress: this.readerEndpointAddress,
            port: this.port,
            securityGroupId: this.securityGroupId,
            memberClusterIds: this.memberClusterIds,
            userSecretArns: this.userSecretArns,
            kmsKeyArn: this.kmsKeyArn,
        });
    }
}

/** Member node ids as ElastiCache names them: the group id, a hyphen, and a three-digit index. */
export function memberClusterIds(replicationGroupId: string, numCacheClusters: number): string[] {
    return Array.from({ length: numCacheClusters }, (_, i) => `${replicationGroupId}-${String(i + 1).padStart(3, "0")}`);
}

/** Checks every argument and applies the defaults, in one place, before any resource exists. */
export function validateElastiCacheArgs(name: string, args: ElastiCacheRedisArgs) {
    const check = new ArgChecker("ElastiCacheRedis", name);
    const d = ELASTICACHE_DEFAULTS;
    const replicationGroupId = check.matches(
        args.replicationGroupId ? "replicationGroupId" : "name (the default replicationGroupId)",
        args.replicationGroupId ?? name,
        REPLICATION_GROUP_ID,
        "1 to 40 lowercase letters, digits and hyphens, starting with a letter, without a trailing or double hyphen",
    );
    check.nonEmpty("subnetIds", args.subnetIds, "one or more private subnet ids, ideally one per availability zone");
    const allowedSecurityGroupIds = args.allowedSecurityGroupIds ?? [];
    const allowedCidrBlocks = (args.allowedCidrBlocks ?? []).map((cidr, i) =>
        check.whenKnown(cidr, (block) => {
            const problem = cidrProblem(block);
            if (problem) check.fail(`allowedCidrBlocks[${i}]`, `"${block}" ${problem}`, ALLOWED_CIDR_DESCRIPTION);
        }),
    );
    if (allowedSecurityGroupIds.length + allowedCidrBlocks.length === 0) {
        check.fail("allowedSecurityGroupIds and allowedCidrBlocks", "are both empty, so no client could connect", "at least one client security group id or private CIDR block");
    }
    const highAvailability = args.highAvailability ?? d.highAvailability;
    const numCacheClusters = check.integerInRange("numCacheClusters", args.numCacheClusters ?? d.numCacheClusters, 1, MAX_CACHE_CLUSTERS);
    if (highAvailability && numCacheClusters < 2) {
        check.fail("numCacheClusters", `is ${numCacheClusters} while highAvailability is on`, `2 to ${MAX_CACHE_CLUSTERS}, or 1 with highAvailability: false`);
    }
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
    return {
        replicationGroupId,
        engine: resolveEngine(check, args.engine, args.engineVersion),
        nodeType,
        numCacheClusters,
        highAvailability,
        port: check.integerInRange("port", args.port ?? d.port, 1024, 65535),
        allowedCidrBlocks,
        users: validateUsers(check, args.users ?? d.users),
        snapshotRetentionDays: check.integerInRange("snapshotRetentionDays", args.snapshotRetentionDays ?? d.snapshotRetentionDays, 1, 35),
        snapshotWindow,
        maintenanceWindow,
        logRetentionDays,
        maxmemoryPolicy: check.oneOf("maxmemoryPolicy", args.maxmemoryPolicy ?? d.maxmemoryPolicy, MAXMEMORY_POLICIES),
        tags: pulumi.output(args.tags ?? {}).apply((userTags) => ({ "managed-by": "hardened-redis", ...userTags })),
        region: args.region,
    };
}

export type ElastiCacheSettings = ReturnType<typeof validateElastiCacheArgs>;
