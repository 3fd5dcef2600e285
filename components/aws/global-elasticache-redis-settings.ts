import * as pulumi from "@pulumi/pulumi";
import { ArgChecker, argNames } from "../shared/validation";
import {
    CheckedElastiCacheRedisArgs,
    ELASTICACHE_REDIS_ARG_NAMES,
    ElastiCacheRedisArgs,
    cacheParameters,
    validateElastiCacheRedisArgs,
} from "./elasticache-redis-settings";
import { validateKmsKeyArn } from "./encryption";
import { AWS_REGION, AWS_REGION_DESCRIPTION } from "./region";

export const GLOBAL_ELASTICACHE_REDIS_TYPE = "hardened-redis:index:GlobalElastiCacheRedis";

/** Global Datastore runs on these node families, size large and above. */
export const GLOBAL_NODE_FAMILIES = ["m5", "m6g", "m7g", "r5", "r6g", "r6gd", "r7g", "c7gn"] as const;
const GLOBAL_NODE_TYPE = new RegExp(`^cache\\.(${GLOBAL_NODE_FAMILIES.join("|")})\\.(large|\\d*xlarge)$`);
export const MAX_SECONDARIES = 2;

/** One engine parameter of a parameter group. */
export interface CacheParameter {
    name: string;
    value: string;
}

/** What the Global Datastore runs, from the primary's arguments: sent to the GlobalReplicationGroup. */
export interface DatastoreSettings {
    engine: string;
    engineVersion: string;
    nodeType: string;
    /** The parameter group family of the engine version, such as `redis7` or `valkey8`. */
    family: string;
    /** The same parameters as the primary's own parameter group. */
    parameters: CacheParameter[];
}

/** Settings a secondary inherits from the primary through the Global Datastore, and so must not set. */
export const INHERITED_SETTINGS = [
    "engine",
    "engineVersion",
    "nodeType",
    "maxmemoryPolicy",
    "parameterGroupName",
    "atRestEncryptionEnabled",
    "transitEncryptionEnabled",
    "port",
] as const;

export interface GlobalSecondaryArgs {
    /** The secondary's region; it must differ from the primary's and from every other secondary's. */
    region: string;
    /** The VPC of the secondary in its region. */
    vpcId: pulumi.Input<string>;
    /** Private subnets in the secondary's region. */
    subnetIds: pulumi.Input<string>[];
    /** Client security groups in the secondary's region. This or `allowedCidrBlocks` must name at least one client. */
    allowedSecurityGroupIds?: pulumi.Input<string>[];
    /** Private client CIDR blocks in the secondary's region. This or `allowedSecurityGroupIds` must name at least one client. */
    allowedCidrBlocks?: pulumi.Input<string>[];
    /**
     * Nodes of the secondary, 2 to 6; it may differ from the primary to fit local read traffic. Default: the primary's.
     * Refused when the primary runs in cluster mode: every member then has the primary's shards and replicas per shard.
     */
    numCacheClusters?: number;
    /** A KMS key in the secondary's region. By default one is created with rotation on. */
    kmsKeyArn?: pulumi.Input<string>;
    /** Refused: inherited from the primary. */
    engine?: string;
    /** Refused: inherited from the primary. */
    engineVersion?: string;
    /** Refused: inherited from the primary. */
    nodeType?: string;
    /** Refused: the parameter group is inherited from the primary. */
    maxmemoryPolicy?: string;
    /** Refused: inherited from the primary. */
    parameterGroupName?: string;
    /** Refused: inherited from the primary. */
    atRestEncryptionEnabled?: boolean;
    /** Refused: inherited from the primary. */
    transitEncryptionEnabled?: boolean;
    /** Refused: inherited from the primary. */
    port?: number;
}

export interface GlobalElastiCacheRedisArgs {
    /** The primary cluster, which takes writes. Its `region` is required. */
    primary: ElastiCacheRedisArgs;
    /** One or two read-only secondaries in other regions. */
    secondaries: GlobalSecondaryArgs[];
    /** The suffix of the Global Datastore id; AWS prefixes it per region. Defaults to the component name. */
    globalReplicationGroupIdSuffix?: string;
}

/** Every argument name of `GlobalElastiCacheRedisArgs`; any other name is refused as a likely typo. */
export const GLOBAL_ELASTICACHE_REDIS_ARG_NAMES = argNames<GlobalElastiCacheRedisArgs>()([
    "primary",
    "secondaries",
    "globalReplicationGroupIdSuffix",
]);

/** Every field of a `secondaries` entry, including the inherited settings that are refused with a reason of their own. */
export const GLOBAL_SECONDARY_ARG_NAMES = argNames<GlobalSecondaryArgs>()([
    "region",
    "vpcId",
    "subnetIds",
    "allowedSecurityGroupIds",
    "allowedCidrBlocks",
    "numCacheClusters",
    "kmsKeyArn",
    ...INHERITED_SETTINGS,
]);

/** The Global Datastore's arguments once checked: each member's, checked once, and the datastore's own. */
export interface GlobalElastiCacheRedisSettings {
    primaryRegion: string;
    idSuffix: string;
    /** Checked before the datastore makes the passwords and secret replicas. */
    primary: CheckedElastiCacheRedisArgs;
    /** Secondaries by region, checked before the datastore makes their keys, passwords and datastore id; each with the key given for it, if any. */
    secondaries: Record<string, CheckedElastiCacheRedisArgs & { kmsKeyArn?: pulumi.Input<string> }>;
    datastore: DatastoreSettings;
}
/**
 * A secondary's args: its own network and size, and from the primary everything that must match
 * (users, engine and node, for users and alarms) or that an operator expects to be the same
 * (windows, retention, alarms). Regional settings of the primary (its topic, log destination,
 * backups, restore) stay with the primary.
 */
function secondaryArgs(primary: ElastiCacheRedisArgs, primaryGroupId: string, secondary: GlobalSecondaryArgs): ElastiCacheRedisArgs {
    return {
        vpcId: secondary.vpcId,
        subnetIds: secondary.subnetIds,
        allowedSecurityGroupIds: secondary.allowedSecurityGroupIds,
        allowedCidrBlocks: secondary.allowedCidrBlocks,
        ...(primary.shards === undefined
            ? { numCacheClusters: secondary.numCacheClusters ?? primary.numCacheClusters }
            : { shards: primary.shards, replicasPerShard: primary.replicasPerShard }),
        replicationGroupId: `${primaryGroupId}-${secondary.region}`,
        region: secondary.region,
        engine: primary.engine,
        engineVersion: primary.engineVersion,
        nodeType: primary.nodeType,
        port: primary.port,
        highAvailability: primary.highAvailability,
        users: primary.users,
        snapshotRetentionDays: primary.snapshotRetentionDays,
        snapshotWindow: primary.snapshotWindow,
        maintenanceWindow: primary.maintenanceWindow,
        logRetentionDays: primary.logRetentionDays,
        alarms: primary.alarms,
        dashboard: primary.dashboard,
        notifications: primary.notifications && {
            emails: primary.notifications.emails,
            httpsEndpoints: primary.notifications.httpsEndpoints,
        },
        backup: { enabled: false },
        tags: primary.tags,
    };
}

/** Checks the Global Datastore constraints and every member's own arguments, before anything exists. */
export function validateGlobalElastiCacheRedisArgs(name: string, args: GlobalElastiCacheRedisArgs): GlobalElastiCacheRedisSettings {
    const check: ArgChecker = new ArgChecker("GlobalElastiCacheRedis", name);
    check.args(args, GLOBAL_ELASTICACHE_REDIS_ARG_NAMES, "an object with primary and secondaries");
    check.object("primary", args.primary, ELASTICACHE_REDIS_ARG_NAMES, "the primary's ElastiCacheRedis arguments, with its region");
    const primaryRegion = check.matches("primary.region", args.primary.region as string, AWS_REGION, AWS_REGION_DESCRIPTION);
    const secondariesAllowed = `1 or ${MAX_SECONDARIES} secondaries: a Global Datastore replicates to at most two other regions`;
    if (args.secondaries !== undefined && !Array.isArray(args.secondaries as unknown))
        check.fail("secondaries", "is not a list", secondariesAllowed);
    const secondaries = args.secondaries ?? [];
    if (secondaries.length < 1 || secondaries.length > MAX_SECONDARIES) {
        check.fail("secondaries", `has ${secondaries.length} entries`, secondariesAllowed);
    }
    const regions = new Set([primaryRegion]);
    const secondaryKeys = secondaries.map((secondary, i) => {
        check.object(
            `secondaries[${i}]`,
            secondary,
            GLOBAL_SECONDARY_ARG_NAMES,
            "{ region, vpcId, subnetIds, allowedSecurityGroupIds or allowedCidrBlocks, numCacheClusters?, kmsKeyArn? }",
        );
        check.matches(`secondaries[${i}].region`, secondary.region, AWS_REGION, AWS_REGION_DESCRIPTION);
        // Checked here rather than by the member, which receives the key made or given for it, so the error names the secondary.
        const kmsKeyArn = validateKmsKeyArn(check, `secondaries[${i}].kmsKeyArn`, secondary.kmsKeyArn);
        if (regions.has(secondary.region)) {
            check.fail(
                `secondaries[${i}].region`,
                `"${secondary.region}" is already used by the primary or another secondary`,
                "a region of its own for every member",
            );
        }
        regions.add(secondary.region);
        if (args.primary.shards !== undefined && secondary.numCacheClusters !== undefined) {
            check.fail(
                `secondaries[${i}].numCacheClusters`,
                "is set while the primary runs in cluster mode",
                "leave it out: every member has the primary's shards and replicasPerShard",
            );
        }
        for (const setting of INHERITED_SETTINGS) {
            if (secondary[setting] !== undefined) {
                check.fail(
                    `secondaries[${i}].${setting}`,
                    "is set, but a secondary inherits it from the primary",
                    `leave it out, and set primary.${setting} instead`,
                );
            }
        }
        return kmsKeyArn;
    });
    const primaryArgs: ElastiCacheRedisArgs = { ...args.primary, replicationGroupId: args.primary.replicationGroupId ?? name };
    const primary = validateElastiCacheRedisArgs(`${name}-${primaryRegion}`, primaryArgs);
    if (!GLOBAL_NODE_TYPE.test(primary.nodeType)) {
        check.fail(
            "primary.nodeType",
            `is "${primary.nodeType}", which Global Datastore does not support`,
            `a large or bigger node of the ${GLOBAL_NODE_FAMILIES.join(", ")} families, such as "cache.r7g.large"`,
        );
    }
    if (!primary.highAvailability) {
        check.fail(
            "primary.highAvailability",
            "is false",
            "true: secondaries inherit Multi-AZ and automatic failover from the primary, and promotion needs them",
        );
    }
    if (args.primary.restoreFrom !== undefined) {
        check.fail(
            "primary.restoreFrom",
            "is set",
            "no restoreFrom: restore into a standalone ElastiCacheRedis, then make it the primary of a new Global Datastore",
        );
    }
    const checkedSecondaries = Object.fromEntries(
        secondaries.map((secondary, i) => {
            const member = secondaryArgs(primaryArgs, primary.replicationGroupId, secondary);
            return [
                secondary.region,
                {
                    args: member,
                    settings: validateElastiCacheRedisArgs(`${name}-${secondary.region}`, member, true),
                    kmsKeyArn: secondaryKeys[i],
                },
            ];
        }),
    );
    return {
        primaryRegion,
        idSuffix: check.matches(
            "globalReplicationGroupIdSuffix",
            args.globalReplicationGroupIdSuffix ?? name,
            /^[a-z][a-z0-9-]{0,39}$/,
            "1 to 40 lowercase letters, digits and hyphens, starting with a letter",
        ),
        primary: { args: primaryArgs, settings: primary },
        secondaries: checkedSecondaries,
        datastore: {
            engine: primary.engine.engine,
            engineVersion: primary.engine.version,
            nodeType: primary.nodeType,
            family: primary.engine.parameterGroupFamily,
            parameters: cacheParameters(primary),
        },
    };
}
