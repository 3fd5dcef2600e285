import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createBackup } from "./backup/resources";
import { storeCredentials } from "./credentials";
import { ELASTICACHE_REDIS_TYPE, ElastiCacheRedisArgs, elastiCacheRedisSettings } from "./elasticache-redis-settings";
import { createKmsKey } from "./encryption";
import { createLogGroups } from "./logs";
import { createNetwork } from "./network";
import { createMonitoring } from "./monitoring/resources";
import { createNotificationTopic } from "./monitoring/topic";
import { createReplicationGroup } from "./replication-group";
import { createRestoreDrill, restoreDrillUsers } from "./restore-drill/resources";
import { memberClusterIds } from "./topology";
import { createRbac } from "./rbac";

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
        const settings = elastiCacheRedisSettings(name, args);
        super(ELASTICACHE_REDIS_TYPE, name, args, opts);
        const { replicationGroupId, region, tags, engine, topology } = settings;

        const kmsKeyArn = settings.kmsKeyArn ?? createKmsKey(name, { replicationGroupId, tags, region }, this).arn;
        const network = createNetwork(
            name,
            {
                replicationGroupId,
                vpcId: settings.vpcId,
                subnetIds: settings.subnetIds,
                port: settings.port,
                allowedSecurityGroupIds: settings.allowedSecurityGroupIds,
                allowedCidrBlocks: settings.allowedCidrBlocks,
                tags,
                region,
            },
            this,
        );
        const rbac = createRbac(
            name,
            {
                replicationGroupId,
                engine: engine.engine,
                users: settings.users,
                passwords: settings.userPasswords,
                serviceUsers: restoreDrillUsers(settings.restoreDrill, replicationGroupId),
                tags,
                region,
            },
            this,
        );
        const logGroups = createLogGroups(
            name,
            { replicationGroupId, retentionInDays: settings.logRetentionDays, kmsKeyArn, tags, region },
            this,
        );
        const notificationTopicArn = createNotificationTopic(
            name,
            { replicationGroupId, kmsKeyArn, settings: settings.monitoring.notifications, tags, region },
            this,
        );

        this.replicationGroup = createReplicationGroup(
            name,
            settings,
            { network, kmsKeyArn, userGroupId: rbac.userGroup.userGroupId, logGroups, notificationTopicArn },
            this,
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
            createBackup(
                name,
                settings.backup,
                {
                    replicationGroupId,
                    kmsKeyArn,
                    logRetentionDays: settings.logRetentionDays,
                    alarmTopicArn: notificationTopicArn,
                    tags,
                    region,
                },
                this,
            );
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
                    subnetIds: settings.subnetIds,
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
}
