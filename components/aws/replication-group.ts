import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ElastiCacheRedisSettings, cacheParameters } from "./elasticache-redis-settings";
import { LogGroups, logDelivery } from "./logs";
import { Network } from "./network";
import { Topology } from "./topology";

/** What the replication group joins: its network, key, users, log groups and event topic. */
export interface ReplicationGroupResourceArgs {
    network: Network;
    kmsKeyArn: pulumi.Input<string>;
    userGroupId: pulumi.Input<string>;
    logGroups: LogGroups;
    notificationTopicArn: pulumi.Input<string>;
}

/**
 * The replication group: TLS required, encrypted at rest with the cache's key, RBAC users only, logs delivered,
 * and a final snapshot of its own. A Global Datastore secondary inherits its engine, node type, port,
 * parameters and encryption from the primary, so it sends none of them.
 */
export function createReplicationGroup(
    name: string,
    settings: ElastiCacheRedisSettings,
    args: ReplicationGroupResourceArgs,
    parent: pulumi.Resource,
): aws.elasticache.ReplicationGroup {
    const { replicationGroupId, engine, region, tags } = settings;
    const { globalSecondary } = settings;
    return new aws.elasticache.ReplicationGroup(
        `${name}-group`,
        {
            replicationGroupId,
            description: `Hardened ${engine.engine} ${engine.version} cache ${replicationGroupId}`,
            ...(globalSecondary
                ? { globalReplicationGroupId: settings.globalReplicationGroupId }
                : engineAndEncryption(name, settings, parent)),
            ...nodeLayout(settings.topology, settings.highAvailability, globalSecondary),
            subnetGroupName: args.network.subnetGroup.name,
            securityGroupIds: [args.network.securityGroup.id],
            kmsKeyId: args.kmsKeyArn,
            userGroupIds: [args.userGroupId],
            snapshotRetentionLimit: settings.snapshotRetentionDays,
            snapshotWindow: settings.snapshotWindow,
            maintenanceWindow: settings.maintenanceWindow,
            autoMinorVersionUpgrade: true,
            finalSnapshotIdentifier: finalSnapshotIdentifier(name, settings, args.kmsKeyArn, parent),
            ...settings.restoreFrom,
            logDeliveryConfigurations: logDelivery(args.logGroups),
            notificationTopicArn: args.notificationTopicArn,
            region,
            tags,
        },
        { parent, dependsOn: Object.values(args.logGroups) },
    );
}

/**
 * A final snapshot name of its own for each physical group. Snapshots outlive their group, so a fixed
 * name would make the next deletion of a group with the same id fail (a replacement, a restore, a
 * stack destroyed and created again). The suffix changes whenever an input that replaces the group does.
 */
function finalSnapshotIdentifier(
    name: string,
    settings: ElastiCacheRedisSettings,
    kmsKeyArn: pulumi.Input<string>,
    parent: pulumi.Resource,
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
                kmsKeyArn,
                restoreFrom: JSON.stringify(settings.restoreFrom),
                globalReplicationGroupId: settings.globalReplicationGroupId ?? "",
            },
        },
        { parent },
    );
    return pulumi.interpolate`${replicationGroupId}-final-${suffix.hex}`;
}

/** What a primary sets and a Global Datastore secondary inherits: engine, node, port, parameters, encryption. */
function engineAndEncryption(name: string, settings: ElastiCacheRedisSettings, parent: pulumi.Resource) {
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
        { parent },
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

/**
 * The replication group's node inputs. Cluster mode requires automatic failover on (CreateReplicationGroup,
 * `AutomaticFailoverEnabled`), so `highAvailability` then switches Multi-AZ only. A Global Datastore secondary
 * takes its shard count from the primary and may not send `numNodeGroups`.
 */
function nodeLayout(topology: Topology, highAvailability: boolean, globalSecondary: boolean) {
    if (!topology.clusterMode) {
        return {
            numCacheClusters: 1 + topology.replicasPerShard,
            automaticFailoverEnabled: highAvailability,
            multiAzEnabled: highAvailability,
        };
    }
    return {
        ...(globalSecondary ? {} : { numNodeGroups: topology.shards }),
        replicasPerNodeGroup: topology.replicasPerShard,
        automaticFailoverEnabled: true,
        multiAzEnabled: highAvailability,
    };
}
