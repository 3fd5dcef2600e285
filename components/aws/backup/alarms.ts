import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EXPORTED_METRIC, EXPORT_SOURCES, ExportSourceKind, METRIC_NAMESPACE } from "../snapshot-export/contract";

/** One CloudWatch alarm of the backup, apart from where it notifies. */
export interface BackupAlarm {
    /** Appended to the component name for the resource name, and to the group id for the alarm name. */
    suffix: string;
    description: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    statistic: "Sum" | "Maximum" | "Minimum";
    periodSeconds: number;
    evaluationPeriods: number;
    threshold: number;
    comparisonOperator: "GreaterThanThreshold" | "LessThanThreshold";
    /** `ignore` keeps the last state: right for metrics that arrive once per run. */
    treatMissingData: "breaching" | "notBreaching" | "ignore";
}

export interface BackupAlarmsArgs {
    /** The replication group id, or the serverless cache name when `source` is `serverless-cache`. */
    replicationGroupId: string;
    /** What the exports copy from; default a replication group. */
    source?: ExportSourceKind;
    functionName: string;
    failureQueueName: string;
    rpoHours: number;
}

const FIVE_MINUTES = 300;

/**
 * The export function failed; no export landed within the RPO; or EventBridge or Lambda gave up on an
 * event and parked it in the failure queue. The second one also covers everything the first cannot
 * see: a schedule that never fires, an export that ElastiCache accepts and then fails to write.
 */
export function backupAlarms(args: BackupAlarmsArgs): BackupAlarm[] {
    const group = args.replicationGroupId;
    const names = EXPORT_SOURCES[args.source ?? "replication-group"];
    return [
        {
            suffix: "export-errors",
            description: `The snapshot export function ${args.functionName} of ${group} failed. Its log group names the step and the cause; Lambda retries twice, then parks the event in ${args.failureQueueName}.`,
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: args.functionName },
            statistic: "Sum",
            periodSeconds: FIVE_MINUTES,
            evaluationPeriods: 1,
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
        },
        {
            suffix: "export-missing",
            description:
                `No snapshot export of ${group} landed in its backup bucket in the last ${args.rpoHours} hours, the backup RPO. ` +
                `Check the export function's logs and the ${names.noun}'s ElastiCache events for failed backups. ` +
                "It is also in ALARM after deployment until the first export lands.",
            namespace: METRIC_NAMESPACE,
            metricName: EXPORTED_METRIC,
            dimensions: { [names.dimension]: group },
            statistic: "Sum",
            periodSeconds: args.rpoHours * 3600,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "LessThanThreshold",
            treatMissingData: "breaching",
        },
        {
            suffix: "export-failures-queued",
            description: `Events for the snapshot export of ${group} that could not be delivered or processed are waiting in ${args.failureQueueName}. Read them, fix the cause, then purge the queue.`,
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: args.failureQueueName },
            statistic: "Maximum",
            periodSeconds: FIVE_MINUTES,
            evaluationPeriods: 1,
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
        },
    ];
}

export interface AlarmResourceArgs {
    topicArn: pulumi.Input<string>;
    tags: pulumi.Input<Record<string, string>>;
    region?: string;
}

/** One CloudWatch alarm per definition, named `<group>-<suffix>`, notifying the topic on ALARM and OK. */
export function createAlarmResources(
    name: string,
    group: string,
    alarms: BackupAlarm[],
    wiring: AlarmResourceArgs,
    opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm[] {
    return alarms.map(
        (alarm) =>
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
                    alarmActions: [wiring.topicArn],
                    okActions: [wiring.topicArn],
                    region: wiring.region,
                    tags: wiring.tags,
                },
                opts,
            ),
    );
}
