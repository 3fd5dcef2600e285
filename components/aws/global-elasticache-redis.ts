import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ElastiCacheRedis } from "./elasticache-redis";
import { withCheckedSettings } from "./elasticache-redis-settings";
import { createKmsKey } from "./encryption";
import {
    CacheParameter,
    GLOBAL_ELASTICACHE_REDIS_TYPE,
    GlobalElastiCacheRedisArgs,
    validateGlobalElastiCacheRedisArgs,
} from "./global-elasticache-redis-settings";
import { ELASTICACHE_PASSWORD_POLICY, generatePassword } from "../shared/passwords";

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
    type === REPLICATION_GROUP_TYPE
        ? { props, opts: pulumi.mergeOptions(opts, { ignoreChanges: [...DATASTORE_OWNED_SETTINGS] }) }
        : undefined;

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
        const settings = validateGlobalElastiCacheRedisArgs(name, args);
        super(GLOBAL_ELASTICACHE_REDIS_TYPE, name, args, opts);
        const { primaryRegion, idSuffix, datastore } = settings;
        const { replicationGroupId: primaryGroupId, tags } = settings.primary.settings;

        const secondaryRegions = Object.keys(settings.secondaries);
        const secondaryKeys = Object.fromEntries(
            Object.entries(settings.secondaries).map(([region, member]) => [
                region,
                member.kmsKeyArn ??
                    createKmsKey(`${name}-${region}`, { replicationGroupId: member.settings.replicationGroupId, tags, region }, this).arn,
            ]),
        );
        const userPasswords = Object.fromEntries(
            settings.primary.settings.users.map((user) => [
                user.name,
                generatePassword(`${name}-${user.name}-password`, ELASTICACHE_PASSWORD_POLICY, this),
            ]),
        );

        const secretReplicas = secondaryRegions.map((region) => ({ region, kmsKeyArn: secondaryKeys[region] }));
        const primary = new ElastiCacheRedis(
            `${name}-${primaryRegion}`,
            withCheckedSettings(settings.primary, { userPasswords, secretReplicas }),
            { parent: this, transformations: [datastoreOwnsPrimarySettings] },
        );
        // AWS copies the primary's own parameter group into the datastore when it forms, and afterwards
        // takes a parameter group only through the datastore, with a major engine upgrade. This group
        // carries the same parameters under a name that changes with them; see datastoreParameterGroupName.
        const datastoreParameters = new aws.elasticache.ParameterGroup(
            `${name}-datastore-params`,
            {
                name: datastoreParameterGroupName(idSuffix, datastore.family, datastore.parameters),
                family: datastore.family,
                description: `Parameters of the ${idSuffix} Global Datastore (${datastore.parameters.map((p) => `${p.name}=${p.value}`).join(", ")}), applied with a major engine upgrade`,
                parameters: datastore.parameters,
                region: primaryRegion,
                tags: tags,
            },
            { parent: this },
        );
        const global = new aws.elasticache.GlobalReplicationGroup(
            `${name}-global`,
            {
                globalReplicationGroupIdSuffix: idSuffix,
                globalReplicationGroupDescription: `Global Datastore of ${primaryGroupId}, replicated to ${secondaryRegions.join(" and ")}`,
                primaryReplicationGroupId: primary.replicationGroupId,
                engine: datastore.engine,
                engineVersion: datastore.engineVersion,
                cacheNodeType: datastore.nodeType,
                parameterGroupName: datastoreParameters.name,
                region: primaryRegion,
            },
            { parent: this },
        );
        const secondaries = Object.fromEntries(
            secondaryRegions.map((region) => [
                region,
                new ElastiCacheRedis(
                    `${name}-${region}`,
                    withCheckedSettings(settings.secondaries[region], {
                        globalReplicationGroupId: global.globalReplicationGroupId,
                        kmsKeyArn: secondaryKeys[region],
                        userPasswords,
                    }),
                    { parent: this },
                ),
            ]),
        );

        this.globalReplicationGroupId = global.globalReplicationGroupId;
        MEMBERS.set(this, { primary, secondaries });
        this.primaryEndpointAddress = primary.primaryEndpointAddress;
        this.readerEndpoints = pulumi.all({
            [primaryRegion]: primary.readerEndpointAddress,
            ...Object.fromEntries(secondaryRegions.map((region) => [region, secondaries[region].readerEndpointAddress])),
        });
        this.registerOutputs({
            globalReplicationGroupId: this.globalReplicationGroupId,
            primaryEndpointAddress: this.primaryEndpointAddress,
            readerEndpoints: this.readerEndpoints,
        });
    }
}
