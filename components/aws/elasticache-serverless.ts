import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { createBackup } from "./backup/resources";
import { storeCredentials } from "./credentials";
import { ELASTICACHE_REDIS_DEFAULTS } from "./elasticache-redis-settings";
import {
    ELASTICACHE_SERVERLESS_TYPE,
    ElastiCacheServerlessArgs,
    SERVERLESS_PORT,
    SERVERLESS_READER_PORT,
    ElastiCacheServerlessSettings,
    validateElastiCacheServerlessArgs,
} from "./elasticache-serverless-settings";
import { createKmsKey } from "./encryption";
import { createSecurityGroup } from "./network";
import { createMetricAlarm } from "./monitoring/resources";
import { serverlessAlarmDefinitions, serverlessDashboardBody } from "./monitoring/serverless-alarms";
import { dashboardName } from "./monitoring/dashboard";
import { createNotificationTopic } from "./monitoring/topic";
import { createRbac } from "./rbac";

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
        const settings = validateElastiCacheServerlessArgs(name, args);
        super(ELASTICACHE_SERVERLESS_TYPE, name, args, opts);
        const { cacheName, region, tags } = settings;

        const kmsKeyArn = settings.kmsKeyArn ?? createKmsKey(name, { replicationGroupId: cacheName, tags, region }, this).arn;
        const securityGroup = createSecurityGroup(
            name,
            {
                replicationGroupId: cacheName,
                vpcId: settings.vpcId,
                port: SERVERLESS_PORT,
                extraPorts: [SERVERLESS_READER_PORT],
                allowedSecurityGroupIds: settings.allowedSecurityGroupIds,
                allowedCidrBlocks: settings.allowedCidrBlocks,
                tags,
                region,
            },
            this,
        );
        const rbac = createRbac(
            name,
            { replicationGroupId: cacheName, engine: settings.engine, users: settings.users, tags, region },
            this,
        );
        const notificationTopicArn = createNotificationTopic(
            name,
            { replicationGroupId: cacheName, kmsKeyArn, settings: settings.notifications, tags, region },
            this,
        );

        this.serverlessCache = new aws.elasticache.ServerlessCache(
            `${name}-cache`,
            {
                name: cacheName,
                description: `Hardened ${settings.engine} ${settings.majorEngineVersion} serverless cache ${cacheName}`,
                engine: settings.engine,
                majorEngineVersion: settings.majorEngineVersion,
                kmsKeyId: kmsKeyArn,
                subnetIds: settings.subnetIds,
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
            {
                replicationGroupId: cacheName,
                kmsKeyArn,
                primaryEndpoint: endpoint,
                readerEndpoint: endpoint,
                cluster: true,
                port: this.port,
                tags,
                region,
            },
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
                {
                    replicationGroupId: cacheName,
                    source: "serverless-cache",
                    kmsKeyArn,
                    logRetentionDays: ELASTICACHE_REDIS_DEFAULTS.logRetentionDays,
                    alarmTopicArn: notificationTopicArn,
                    tags,
                    region,
                },
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

    private createDashboard(name: string, settings: ElastiCacheServerlessSettings): aws.cloudwatch.Dashboard {
        const regionName = aws.getRegionOutput({ region: settings.region }, { parent: this }).region;
        return new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            {
                dashboardName: regionName.apply((region) => dashboardName(settings.cacheName, region)),
                dashboardBody: regionName.apply((region) =>
                    JSON.stringify(serverlessDashboardBody(settings.cacheName, region, settings.alarms)),
                ),
                region: settings.region,
            },
            { parent: this, dependsOn: [this.serverlessCache] },
        );
    }
}
