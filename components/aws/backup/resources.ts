import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { backupAlarms, createAlarmResources } from "./alarms";
import { BackupSettings } from "./settings";
import { BackupBucket, createBackupBucket } from "./bucket";
import { createExportFunction } from "./export-function";
import { accountScope } from "./policies";
import { createCrossRegionCopy } from "./replication";
import { ExportSourceKind } from "../snapshot-export/contract";

export interface BackupResourceArgs {
    /** The replication group id, or the serverless cache name when `source` is `serverless-cache`; it names the backup's resources. */
    replicationGroupId: string;
    /** What the exports copy from; default a replication group. */
    source?: ExportSourceKind;
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
export function createBackup(name: string, settings: BackupSettings, wiring: BackupResourceArgs, parent: pulumi.Resource): Backup {
    const invokeOpts = { parent };
    const { replicationGroupId: group, region, tags } = wiring;
    const source = wiring.source ?? "replication-group";
    const scope = accountScope(region, parent);
    const partition = scope.partition;
    const accountId = scope.accountId;
    const resolvedRegion = scope.region;

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
                {
                    replicationGroupId: group,
                    source: bucket,
                    bucket: bucketArgs,
                    replicaRegion: settings.replicaRegion,
                    accountId,
                    region,
                    tags,
                },
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
            source,
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
    createAlarmResources(
        name,
        group,
        backupAlarms({
            replicationGroupId: group,
            source,
            functionName: exporter.functionName,
            failureQueueName: exporter.failureQueueName,
            rpoHours: settings.rpoHours,
        }),
        { topicArn: wiring.alarmTopicArn, tags, region },
        { parent, dependsOn: [exporter.function] },
    );
    return { bucketName, replicaBucketName: replica?.name };
}
