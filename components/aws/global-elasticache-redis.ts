import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgChecker, argNames } from "../shared/validation";
import { ELASTICACHE_ARG_NAMES, ElastiCacheRedis, ElastiCacheRedisArgs, cacheParameters, validateElastiCacheArgs } from "./elasticache-redis";
import { createKmsKey, validateKmsKeyArn } from "./encryption";
import { ELASTICACHE_PASSWORD_POLICY, generatePassword } from "../shared/passwords";
import { AWS_REGION, AWS_REGION_DESCRIPTION } from "./region";

export const GLOBAL_ELASTICACHE_REDIS_TYPE = "hardened-redis:index:GlobalElastiCacheRedis";

/** Global Datastore runs on these node families, size large and above. */
export const GLOBAL_NODE_FAMILIES = ["m5", "m6g", "m7g", "r5", "r6g", "r6gd", "r7g", "c7gn"] as const;
const GLOBAL_NODE_TYPE = new RegExp(`^cache\\.(${GLOBAL_NODE_FAMILIES.join("|")})\\.(large|\\d*xlarge)$`);
export const MAX_SECONDARIES = 2;

/**
 * Settings of the primary's replication group that the Global Datastore owns once it has formed: AWS
 * applies changes to them only through ModifyGlobalReplicationGroup, to every member at once. The
 * component sends them to the GlobalReplicationGroup and has the primary's group ignore them.
 */
export const DATASTORE_OWNED_SETTINGS = ["engine", "engineVersion", "nodeType", "parameterGroupName"] as const;

const REPLICATION_GROUP_TYPE = "aws:elasticache/replicationGroup:ReplicationGroup";

/**
 * Makes the primary's replication group ignore changes to the settings the datastore owns, so that a
 * change shows up (and is applied or refused) on the GlobalReplicationGroup only, instead of a member
 * update that AWS rejects or, once the provider sees the group in a datastore, a diff it drops silently.
 */
export const datastoreOwnsPrimarySettings: pulumi.ResourceTransformation = ({ type, props, opts }) =>
    type === REPLICATION_GROUP_TYPE ? { props, opts: pulumi.mergeOptions(opts, { ignoreChanges: [...DATASTORE_OWNED_SETTINGS] }) } : undefined;

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

/**
 * The name of the datastore's parameter group: the datastore's id suffix, the family, and a digest of
 * the parameters, so that any parameter change is a new group and thus a new `parameterGroupName` on the
 * GlobalReplicationGroup. AWS takes a new parameter group for a Global Datastore only together with a
 * major engine upgrade, and the provider refuses the change at preview otherwise, before anything changes.
 * The suffix, unlike the primary's group id, survives a promotion that swaps primary and secondary.
 */
export function datastoreParameterGroupName(idSuffix: string, family: string, parameters: readonly CacheParameter[]): string {
    const canonical = [...parameters]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((p) => `${p.name}=${p.value}`)
        .join("\n");
    // Parameter group names may not hold two hyphens in a row; the suffix may.
    const prefix = idSuffix.replace(/-+/g, "-");
    return `${prefix}-datastore-${family}-${createHash("sha256").update(canonical).digest("hex").slice(0, 8)}`.replace(/-+/g, "-");
}

/** Settings a secondary inherits from the primary through the Global Datastore, and so must not set. */
export const INHERITED_SETTINGS = ["engine", "engineVersion", "nodeType", "maxmemoryPolicy", "parameterGroupName", "atRestEncryptionEnabled", "transitEncryptionEnabled", "port"] as const;

export interface GlobalSecondaryArgs {
    /** The secondary's region; it must differ from the primary's and from every other secondary's. */
    region: string;
    /** The VPC of the secondary in its region. */
    vpcId: pulumi.Input<string>;
    /** Private subnets in the secondary's region. */
    subnetIds: pulumi.Input<string>[];
    /** Client security groups in the secondary's region. */
    allowedSecurityGroupIds?: pulumi.Input<string>[];
    /** Private client CIDR blocks in the secondary's region. */
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
export const GLOBAL_ARG_NAMES = argNames<GlobalElastiCacheRedisArgs>()(["primary", "secondaries", "globalReplicationGroupIdSuffix"]);

/** Every field of a `secondaries` entry, including the inherited settings that are refused with a reason of their own. */
export const GLOBAL_SECONDARY_ARG_NAMES = argNames<GlobalSecondaryArgs>()([
    "region",
    "vpcId",
    "subnetIds",
    "allowedSecurityGroupIds",
    "allowedCidrBlocks",
    "numCacheClusters",
    "kmsKeyArn",
    "engine",
    "engineVersion",
    "nodeType",
    "maxmemoryPolicy",
    "parameterGroupName",
    "atRestEncryptionEnabled",
    "transitEncryptionEnabled",
    "port",
]);

/** The arguments of the primary and of each secondary, derived from the global component's. */
interface MemberPlan {
    primaryRegion: string;
    primaryGroupId: string;
    idSuffix: string;
    userNames: string[];
    tags: pulumi.Input<Record<string, string>>;
    primary: ElastiCacheRedisArgs;
    /** Secondary member args by region, still without the datastore id, key and passwords. */
    secondaries: Record<string, ElastiCacheRedisArgs>;
    datastore: DatastoreSettings;
}

/**
 * The member components of each Global Datastore. They live off the instance, behind getters, because
 * the component schema other languages use can reference only `@pulumi` packages' resources.
 */
const MEMBERS = new WeakMap<GlobalElastiCacheRedis, { primary: ElastiCacheRedis; secondaries: Record<string, ElastiCacheRedis> }>();

function members(datastore: GlobalElastiCacheRedis): { primary: ElastiCacheRedis; secondaries: Record<string, ElastiCacheRedis> } {
    const found = MEMBERS.get(datastore);
    if (!found) throw new Error("GlobalElastiCacheRedis members are read before the constructor created them");
    return found;
}

/**
 * A Global Datastore: a hardened primary ElastiCacheRedis in one region and one or two hardened
 * secondaries in others, each with its own network, key, users, alarms and credentials secrets.
 * Users have the same password in every region; the primary's secrets are replicated to the
 * secondaries' regions so that writers there read them locally.
 */
export class GlobalElastiCacheRedis extends pulumi.ComponentResource {
    /** The Global Datastore's ID: the suffix after a prefix AWS chooses. */
    public readonly globalReplicationGroupId: pulumi.Output<string>;
    /** Reader endpoints by region, for clients that read locally. */
    public readonly readerEndpoints: pulumi.Output<Record<string, string>>;
    /** The writer endpoint, in the primary's region. */
    public readonly primaryEndpointAddress: pulumi.Output<string>;

    /** The primary, in its region (TypeScript only: other languages read `primaryEndpointAddress` and `readerEndpoints`). */
    public get primary(): ElastiCacheRedis {
        return members(this).primary;
    }

    /** The secondaries, by region (TypeScript only: other languages read `readerEndpoints`). */
    public get secondaries(): Record<string, ElastiCacheRedis> {
        return members(this).secondaries;
    }

    constructor(name: string, args: GlobalElastiCacheRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = validateGlobalArgs(name, args);
        super(GLOBAL_ELASTICACHE_REDIS_TYPE, name, args, opts);

        const secondaryRegions = Object.keys(plan.secondaries);
        const secondaryKeys = Object.fromEntries(
            args.secondaries.map((secondary) => [
                secondary.region,
                secondary.kmsKeyArn ?? createKmsKey(`${name}-${secondary.region}`, { replicationGroupId: plan.secondaries[secondary.region].replicationGroupId!, tags: plan.tags, region: secondary.region }, this).arn,
            ]),
        );
        const userPasswords = Object.fromEntries(plan.userNames.map((user) => [user, generatePassword(`${name}-${user}-password`, ELASTICACHE_PASSWORD_POLICY, this)]));

        const primary = new ElastiCacheRedis(
            `${name}-${plan.primaryRegion}`,
            { ...plan.primary, userPasswords, secretReplicas: secondaryRegions.map((region) => ({ region, kmsKeyArn: secondaryKeys[region] })) },
            { parent: this, transformations: [datastoreOwnsPrimarySettings] },
        );
        const { datastore } = plan;
        // AWS copies the primary's own parameter group into the datastore when it forms, and afterwards
        // takes a parameter group only through the datastore, with a major engine upgrade. This group
        // carries the same parameters under a name that changes with them; see datastoreParameterGroupName.
        const datastoreParameters = new aws.elasticache.ParameterGroup(
            `${name}-datastore-params`,
            {
                name: datastoreParameterGroupName(plan.idSuffix, datastore.family, datastore.parameters),
                family: datastore.family,
                description: `Parameters of the ${plan.idSuffix} Global Datastore (${datastore.parameters.map((p) => `${p.name}=${p.value}`).join(", ")}), applied with a major engine upgrade`,
                parameters: datastore.parameters,
                region: plan.primaryRegion,
                tags: plan.tags,
            },
            { parent: this },
        );
        const global = new aws.elasticache.GlobalReplicationGroup(
            `${name}-global`,
            {
                globalReplicationGroupIdSuffix: plan.idSuffix,
                globalReplicationGroupDescription: `Global Datastore of ${plan.primaryGroupId}, replicated to ${secondaryRegions.join(" and ")}`,
                primaryReplicationGroupId: primary.replicationGroupId,
                engine: datastore.engine,
                engineVersion: datastore.engineVersion,
                cacheNodeType: datastore.nodeType,
                parameterGroupName: datastoreParameters.name,
                region: plan.primaryRegion,
            },
            { parent: this },
        );
        const secondaries = Object.fromEntries(
            secondaryRegions.map((region) => [
                region,
                new ElastiCacheRedis(
                    `${name}-${region}`,
                    { ...plan.secondaries[region], globalReplicationGroupId: global.globalReplicationGroupId, kmsKeyArn: secondaryKeys[region], userPasswords },
                    { parent: this },
                ),
            ]),
        );

        this.globalReplicationGroupId = global.globalReplicationGroupId;
        MEMBERS.set(this, { primary, secondaries });
        this.primaryEndpointAddress = primary.primaryEndpointAddress;
        this.readerEndpoints = pulumi.all({
            [plan.primaryRegion]: primary.readerEndpointAddress,
            ...Object.fromEntries(secondaryRegions.map((region) => [region, secondaries[region].readerEndpointAddress])),
        });
        this.registerOutputs({
            globalReplicationGroupId: this.globalReplicationGroupId,
            primaryEndpointAddress: this.primaryEndpointAddress,
            readerEndpoints: this.readerEndpoints,
        });
    }
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
        notifications: primary.notifications && { emails: primary.notifications.emails, httpsEndpoints: primary.notifications.httpsEndpoints },
        backup: { enabled: false },
        tags: primary.tags,
    };
}

/** Checks the Global Datastore constraints and every member's own arguments, before anything exists. */
export function validateGlobalArgs(name: string, args: GlobalElastiCacheRedisArgs): MemberPlan {
    const check: ArgChecker = new ArgChecker("GlobalElastiCacheRedis", name);
    check.args(args, GLOBAL_ARG_NAMES, "an object with primary and secondaries");
    check.object("primary", args.primary, ELASTICACHE_ARG_NAMES, "the primary's ElastiCacheRedis arguments, with its region");
    const primaryRegion = check.matches("primary.region", args.primary.region as string, AWS_REGION, AWS_REGION_DESCRIPTION);
    const secondariesAllowed = `1 or ${MAX_SECONDARIES} secondaries: a Global Datastore replicates to at most two other regions`;
    if (args.secondaries !== undefined && !Array.isArray(args.secondaries as unknown)) check.fail("secondaries", "is not a list", secondariesAllowed);
    const secondaries = args.secondaries ?? [];
    if (secondaries.length < 1 || secondaries.length > MAX_SECONDARIES) {
        check.fail("secondaries", `has ${secondaries.length} entries`, secondariesAllowed);
    }
    const regions = new Set([primaryRegion]);
    secondaries.forEach((secondary, i) => {
        check.object(`secondaries[${i}]`, secondary, GLOBAL_SECONDARY_ARG_NAMES, "{ region, vpcId, subnetIds, allowedSecurityGroupIds or allowedCidrBlocks, numCacheClusters?, kmsKeyArn? }");
        check.matches(`secondaries[${i}].region`, secondary.region, AWS_REGION, AWS_REGION_DESCRIPTION);
        // A key that resolves later is checked by the member that consumes it.
        if (typeof secondary.kmsKeyArn === "string") validateKmsKeyArn(check, `secondaries[${i}].kmsKeyArn`, secondary.kmsKeyArn);
        if (regions.has(secondary.region)) {
            check.fail(`secondaries[${i}].region`, `"${secondary.region}" is already used by the primary or another secondary`, "a region of its own for every member");
        }
        regions.add(secondary.region);
        if (args.primary.shards !== undefined && secondary.numCacheClusters !== undefined) {
            check.fail(`secondaries[${i}].numCacheClusters`, "is set while the primary runs in cluster mode", "leave it out: every member has the primary's shards and replicasPerShard");
        }
        for (const setting of INHERITED_SETTINGS) {
            if (secondary[setting] !== undefined) {
                check.fail(`secondaries[${i}].${setting}`, "is set, but a secondary inherits it from the primary", `leave it out, and set primary.${setting} instead`);
            }
        }
    });
    const primaryArgs: ElastiCacheRedisArgs = { ...args.primary, replicationGroupId: args.primary.replicationGroupId ?? name };
    const primary = validateElastiCacheArgs(`${name}-${primaryRegion}`, primaryArgs);
    if (!GLOBAL_NODE_TYPE.test(primary.nodeType)) {
        check.fail("primary.nodeType", `is "${primary.nodeType}", which Global Datastore does not support`, `a large or bigger node of the ${GLOBAL_NODE_FAMILIES.join(", ")} families, such as "cache.r7g.large"`);
    }
    if (!primary.highAvailability) {
        check.fail("primary.highAvailability", "is false", "true: secondaries inherit Multi-AZ and automatic failover from the primary, and promotion needs them");
    }
    if (args.primary.restoreFrom !== undefined) {
        check.fail("primary.restoreFrom", "is set", "no restoreFrom: restore into a standalone ElastiCacheRedis, then make it the primary of a new Global Datastore");
    }
    const members = Object.fromEntries(secondaries.map((secondary) => [secondary.region, secondaryArgs(primaryArgs, primary.replicationGroupId, secondary)]));
    for (const [region, member] of Object.entries(members)) {
        validateElastiCacheArgs(`${name}-${region}`, { ...member, globalReplicationGroupId: "checked-before-creation" });
    }
    return {
        primaryRegion,
        primaryGroupId: primary.replicationGroupId,
        idSuffix: check.matches("globalReplicationGroupIdSuffix", args.globalReplicationGroupIdSuffix ?? name, /^[a-z][a-z0-9-]{0,39}$/, "1 to 40 lowercase letters, digits and hyphens, starting with a letter"),
        userNames: primary.users.map((u) => u.name),
        tags: primary.tags,
        primary: primaryArgs,
        secondaries: members,
        datastore: {
            engine: primary.engine.engine,
            engineVersion: primary.engine.version,
            nodeType: primary.nodeType,
            family: primary.engine.parameterGroupFamily,
            parameters: cacheParameters(primary),
        },
    };
}
