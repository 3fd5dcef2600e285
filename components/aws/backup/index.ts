import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { backupAlarms } from "./alarms";
import { BackupSettings } from "./args";
import { BackupBucket, createBackupBucket } from "./bucket";
import { createExportFunction } from "./export-function";
import { AccountScope } from "./policies";
import { createCrossRegionCopy } from "./replication";

export { BACKUP_DEFAULTS, OBJECT_LOCK_MODES, ObjectLockMode, STORAGE_CLASSES, StorageClass } from "./args";
export type { BackupArgs, BackupSettings, ObjectLockArgs, RestoreFromArgs, RestoreSource } from "./args";
export { validateBackup, validateRestoreFrom } from "./validate";

export interface BackupWiring {
    replicationGroupId: string;
    kmsKeyArn: pulumi.Input<string>;
    logRetentionDays: number;
    /** Where the backup alarms notify. */
    alarmTopicArn: pulumi.Input<string>;
    tags: pulumi.Input<Record<string, string>>;
    region?: string;
}

export interface Backup {
    bucketName: pulumi.Output<string>;
    /** The bucket in the replica region, when there is one. */
    replicaBucketName?: pulumi.Output<string>;
}

/** The backup bucket (or the user's), an optional cross-region replica, the export function and its alarms. */
export function createBackup(name: string, settings: BackupSettings, wiring: BackupWiring, parent: pulumi.Resource): Backup {
    const invokeOpts = { parent };
    const { replicationGroupId: group, region, tags } = wiring;
    const partition = aws.getPartitionOutput({}, invokeOpts).partition;
    const accountId = aws.getCallerIdentityOutput({}, invokeOpts).accountId;
    const resolvedRegion = aws.getRegionOutput({ region }, invokeOpts).region;
    const scope: pulumi.Output<AccountScope> = pulumi.all([partition, accountId, resolvedRegion]).apply(([p, a, r]) => ({ partition: p, accountId: a, region: r }));

    let bucketName: pulumi.Output<string>;
    let replica: BackupBucket | undefined;
    if (settings.existingBucketName === undefined) {
        const bucketArgs = {
            ownerCanonicalUserId: aws.s3.getCanonicalUserIdOutput(invokeOpts).id,
            partition,
            lifecycle: settings.lifecycle,
            objectLock: settings.objectLock,
            tags,
        };
        const bucket = createBackupBucket(
            `${name}-backups`,
            { ...bucketArgs, bucketPrefix: `${group.slice(0, 29)}-backup-`, resolvedRegion, eventBridge: true, region },
            parent,
        );
        bucketName = bucket.name;
        if (settings.replicaRegion) {
            replica = createCrossRegionCopy(
                `${name}-backups`,
                { replicationGroupId: group, source: bucket, bucket: bucketArgs, replicaRegion: settings.replicaRegion, accountId, region, tags },
                parent,
            );
        }
    } else {
        bucketName = pulumi.output(settings.existingBucketName);
    }

    const exporter = createExportFunction(
        name,
        {
            replicationGroupId: group,
            bucketName,
            scheduleExpression: settings.scheduleExpression,
            maxSnapshotAgeHours: settings.rpoHours,
            scope,
            logRetentionDays: wiring.logRetentionDays,
            kmsKeyArn: wiring.kmsKeyArn,
            tags,
            region,
        },
        parent,
    );
    for (const alarm of backupAlarms({ replicationGroupId: group, functionName: exporter.functionName, failureQueueName: exporter.failureQueueName, rpoHours: settings.rpoHours })) {
        new aws.cloudwatch.MetricAlarm(
            `${name}-${alarm.suffix}`,
            {
                name: `${group}-${alarm.suffix}`,
                alarmDescription: alarm.description,
                namespace: alarm.namespace,
                metricName: alarm.metricName,
                dimensions: alarm.dimensions,
                statistic: alarm.statistic,
                period: alarm.periodSeconds,
                evaluationPeriods: alarm.evaluationPeriods,
                threshold: alarm.threshold,
                comparisonOperator: alarm.comparisonOperator,
                treatMissingData: alarm.treatMissingData,
                alarmActions: [wiring.alarmTopicArn],
                okActions: [wiring.alarmTopicArn],
                region,
                tags,
            },
            { parent, dependsOn: [exporter.function] },
        );
    }
    return { bucketName, replicaBucketName: replica?.name };
}
