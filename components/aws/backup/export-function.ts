import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ENV, EXPORTED_EVENT, EXPORTED_METRIC, EXPORT_SOURCES, ExportSourceKind, METRIC_NAMESPACE } from "../snapshot-export/contract";
import { EXPORT_FUNCTION_HANDLER, EXPORT_FUNCTION_RUNTIME, exportFunctionCode } from "./bundle";
import { AccountScope, assumeRolePolicy, exportFunctionPolicy, failureQueuePolicy } from "./policies";

/** Lambda retries a failed asynchronous invocation twice; EventBridge retries a delivery this often. */
const DELIVERY_RETRIES = 3;
const EVENT_MAX_AGE_SECONDS = 3600;
const FAILURE_RETENTION_SECONDS = 14 * 24 * 3600;

export interface ExportFunctionResourceArgs {
    /** The replication group id, or the serverless cache name when `source` is `serverless-cache`. */
    replicationGroupId: string;
    source: ExportSourceKind;
    bucketName: pulumi.Input<string>;
    scheduleExpression: string;
    /** The function refuses to export a newest snapshot older than this. */
    maxSnapshotAgeHours: number;
    scope: pulumi.Output<AccountScope>;
    logRetentionDays: number;
    kmsKeyArn: pulumi.Input<string>;
    tags: pulumi.Input<Record<string, string>>;
    region?: pulumi.Input<string>;
}

export interface ExportFunction {
    function: aws.lambda.Function;
    functionName: string;
    failureQueue: aws.sqs.Queue;
    failureQueueName: string;
}

/**
 * The export function with everything around it: its role, an encrypted log group with retention,
 * the metric filter that counts finished exports, a failure queue for events that Lambda or
 * EventBridge gave up on, the schedule, and the rule that tells it when S3 has an export.
 */
export function createExportFunction(name: string, args: ExportFunctionResourceArgs, parent: pulumi.Resource): ExportFunction {
    const opts = { parent };
    const { region, tags, replicationGroupId, source } = args;
    const names = EXPORT_SOURCES[source];
    const functionName = `${replicationGroupId}-snapshot-export`;
    const failureQueueName = `${replicationGroupId}-snapshot-export-failures`;

    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-export-logs`,
        { name: `/aws/lambda/${functionName}`, retentionInDays: args.logRetentionDays, kmsKeyId: args.kmsKeyArn, region, tags },
        opts,
    );
    new aws.cloudwatch.LogMetricFilter(
        `${name}-exported`,
        {
            name: `${replicationGroupId}-snapshots-exported`,
            logGroupName: logGroup.name,
            pattern: `{ $.event = "${EXPORTED_EVENT}" && $.${names.logField} = "${replicationGroupId}" }`,
            metricTransformation: {
                namespace: METRIC_NAMESPACE,
                name: EXPORTED_METRIC,
                value: "1",
                unit: "Count",
                dimensions: { [names.dimension]: `$.${names.logField}` },
            },
            region,
        },
        opts,
    );
    const failureQueue = new aws.sqs.Queue(
        `${name}-export-failures`,
        { name: failureQueueName, sqsManagedSseEnabled: true, messageRetentionSeconds: FAILURE_RETENTION_SECONDS, region, tags },
        opts,
    );

    const role = new aws.iam.Role(
        `${name}-export`,
        {
            description: `Snapshot exports of the ${replicationGroupId} cache to S3`,
            assumeRolePolicy: JSON.stringify(assumeRolePolicy("lambda.amazonaws.com")),
            tags,
        },
        opts,
    );
    const rolePolicy = new aws.iam.RolePolicy(
        `${name}-export`,
        {
            role: role.id,
            policy: pulumi
                .all([args.scope, args.bucketName, logGroup.arn, failureQueue.arn])
                .apply(([scope, bucketName, logGroupArn, failureQueueArn]) =>
                    JSON.stringify(
                        exportFunctionPolicy({ ...scope, replicationGroupId, source, bucketName, logGroupArn, failureQueueArn }),
                    ),
                ),
        },
        opts,
    );

    const fn = new aws.lambda.Function(
        `${name}-export`,
        {
            name: functionName,
            description: `Exports the newest automated snapshot of ${replicationGroupId} to S3`,
            runtime: EXPORT_FUNCTION_RUNTIME,
            handler: EXPORT_FUNCTION_HANDLER,
            code: exportFunctionCode(),
            role: role.arn,
            timeout: 60,
            memorySize: 256,
            environment: {
                variables: {
                    [names.envVar]: replicationGroupId,
                    [ENV.targetBucket]: args.bucketName,
                    [ENV.maxSnapshotAgeHours]: String(args.maxSnapshotAgeHours),
                },
            },
            loggingConfig: { logFormat: "JSON", logGroup: logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
            region,
            tags,
        },
        { parent, dependsOn: [logGroup, rolePolicy] },
    );
    new aws.lambda.FunctionEventInvokeConfig(
        `${name}-export`,
        {
            functionName: fn.name,
            maximumRetryAttempts: 2,
            maximumEventAgeInSeconds: EVENT_MAX_AGE_SECONDS,
            destinationConfig: { onFailure: { destination: failureQueue.arn } },
            region,
        },
        opts,
    );

    const trigger = (
        suffix: string,
        description: string,
        rule: Pick<aws.cloudwatch.EventRuleArgs, "scheduleExpression" | "eventPattern">,
    ) => {
        const eventRule = new aws.cloudwatch.EventRule(
            `${name}-${suffix}`,
            { name: `${replicationGroupId}-${suffix}`, description, ...rule, region, tags },
            opts,
        );
        new aws.cloudwatch.EventTarget(
            `${name}-${suffix}`,
            {
                rule: eventRule.name,
                arn: fn.arn,
                retryPolicy: { maximumRetryAttempts: DELIVERY_RETRIES, maximumEventAgeInSeconds: EVENT_MAX_AGE_SECONDS },
                deadLetterConfig: { arn: failureQueue.arn },
                region,
            },
            opts,
        );
        new aws.lambda.Permission(
            `${name}-${suffix}`,
            { function: fn.name, action: "lambda:InvokeFunction", principal: "events.amazonaws.com", sourceArn: eventRule.arn, region },
            opts,
        );
        return eventRule;
    };
    const schedule = trigger("export-schedule", `Starts the snapshot export of ${replicationGroupId}`, {
        scheduleExpression: args.scheduleExpression,
    });
    const landed = trigger("export-landed", `Tells the snapshot export of ${replicationGroupId} that an export is in S3`, {
        eventPattern: pulumi.output(args.bucketName).apply((bucket) =>
            JSON.stringify({
                source: ["aws.s3"],
                "detail-type": ["Object Created"],
                detail: { bucket: { name: [bucket] }, object: { key: [{ prefix: names.prefix(replicationGroupId) }] } },
            }),
        ),
    });
    new aws.sqs.QueuePolicy(
        `${name}-export-failures`,
        {
            queueUrl: failureQueue.url,
            policy: pulumi
                .all([failureQueue.arn, schedule.arn, landed.arn])
                .apply(([queue, ...rules]) => JSON.stringify(failureQueuePolicy(queue, rules))),
            region,
        },
        opts,
    );
    return { function: fn, functionName, failureQueue, failureQueueName };
}
