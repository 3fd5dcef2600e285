/**
 * The restore drill as an Amazon States Language definition, built by a pure function so that tests
 * validate and execute exactly what is deployed. Every path after `Start` goes through `Cleanup`,
 * which deletes the drill group; an execution that dies anyway (a timeout of the whole machine)
 * leaves its group to the janitor of the next run.
 */

export interface DrillDefinitionOptions {
    /** The function that runs the ElastiCache and CloudWatch steps (`start`, `pick`, `create`, `status`, `delete`, `publish`). */
    controlFunctionArn: string;
    /** The function inside the VPC that validates the restored copy. */
    validateFunctionArn: string;
    /** Seconds between two status checks of the drill group. */
    pollSeconds: number;
    /** Status checks before the wait counts as timed out. */
    maxPolls: number;
    maxCanaryAgeSeconds: number;
    keyCountTolerancePercent: number;
    sampleSize: number;
}

/** The drill's states, by name: tests and the README refer to them. */
export const DRILL_STATES = {
    prepare: "Prepare",
    start: "Start",
    pick: "PickBackup",
    create: "CreateDrillGroup",
    initWait: "StartWaiting",
    wait: "WaitForDrillGroup",
    status: "CheckDrillGroup",
    available: "DrillGroupAvailable",
    timedOut: "WaitTimedOut",
    validate: "ValidateRestore",
    validated: "ValidationPassed",
    validationFailed: "ValidationFailed",
    cleanup: "Cleanup",
    outcome: "Outcome",
    recordSuccess: "RecordSuccess",
    recordFailure: "RecordFailure",
    succeeded: "DrillSucceeded",
    failed: "DrillFailed",
} as const;

const S = DRILL_STATES;
/** Errors of the Lambda service itself, which a retry fixes; errors of the function go to the catchers. */
const LAMBDA_SERVICE_ERRORS = [
    "Lambda.ServiceException",
    "Lambda.AWSLambdaException",
    "Lambda.SdkClientException",
    "Lambda.TooManyRequestsException",
];
const SERVICE_RETRY = { ErrorEquals: LAMBDA_SERVICE_ERRORS, IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 };
/** Deletion fails while the group is still being created or modified; it is retried for about an hour. */
const CLEANUP_RETRY = { ErrorEquals: ["States.ALL"], IntervalSeconds: 60, MaxAttempts: 12, BackoffRate: 1.2, MaxDelaySeconds: 600 };
const CATCH_TO_CLEANUP = [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: S.cleanup }];
/** Margin of the whole execution over the wait, for the other steps and the cleanup's retries. */
export const EXECUTION_MARGIN_SECONDS = 2 * 3600;

export function drillTimeoutSeconds(args: Pick<DrillDefinitionOptions, "pollSeconds" | "maxPolls">): number {
    return args.pollSeconds * args.maxPolls + EXECUTION_MARGIN_SECONDS;
}

export function restoreDrillDefinition(args: DrillDefinitionOptions) {
    const control = (parameters: Record<string, unknown>, next: string, resultPath: string, catchToCleanup = true) => ({
        Type: "Task",
        Resource: args.controlFunctionArn,
        Parameters: parameters,
        ResultPath: resultPath,
        Retry: [SERVICE_RETRY],
        ...(catchToCleanup ? { Catch: CATCH_TO_CLEANUP } : {}),
        Next: next,
    });
    const publish = (succeeded: boolean, next: string) => ({
        ...control(
            { action: "publish", succeeded, "rtoSeconds.$": "$.validation.rtoSeconds", "rpoSeconds.$": "$.validation.rpoSeconds" },
            next,
            "$.published",
            false,
        ),
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.publishError", Next: S.failed }],
    });
    return {
        Comment:
            "Restores the newest backup (the newest export when exports are on, else the newest automatic snapshot) into a drill group of one node per shard, validates it, publishes RTO and RPO, and always deletes the drill group.",
        StartAt: S.prepare,
        TimeoutSeconds: drillTimeoutSeconds(args),
        States: {
            [S.prepare]: { Type: "Pass", Result: { rtoSeconds: null, rpoSeconds: null }, ResultPath: "$.validation", Next: S.start },
            [S.start]: {
                ...control({ action: "start" }, S.pick, "$.drill", false),
                Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: S.recordFailure }],
            },
            [S.pick]: control({ action: "pick" }, S.create, "$.backup"),
            [S.create]: control(
                { action: "create", "replicationGroupId.$": "$.drill.replicationGroupId", "backup.$": "$.backup" },
                S.initWait,
                "$.created",
            ),
            [S.initWait]: { Type: "Pass", Result: { attempt: 0, available: false }, ResultPath: "$.status", Next: S.wait },
            [S.wait]: { Type: "Wait", Seconds: args.pollSeconds, Next: S.status },
            [S.status]: control(
                { action: "status", "replicationGroupId.$": "$.drill.replicationGroupId", "attempt.$": "$.status.attempt" },
                S.available,
                "$.status",
            ),
            [S.available]: {
                Type: "Choice",
                Choices: [
                    { Variable: "$.status.available", BooleanEquals: true, Next: S.validate },
                    { Variable: "$.status.attempt", NumericGreaterThanEquals: args.maxPolls, Next: S.timedOut },
                ],
                Default: S.wait,
            },
            [S.timedOut]: {
                Type: "Pass",
                Result: {
                    Error: "WaitTimedOut",
                    Cause: `The drill group was not available after ${args.maxPolls} checks, ${Math.round((args.maxPolls * args.pollSeconds) / 60)} minutes.`,
                },
                ResultPath: "$.error",
                Next: S.cleanup,
            },
            [S.validate]: {
                Type: "Task",
                Resource: args.validateFunctionArn,
                Parameters: {
                    "host.$": "$.status.host",
                    "port.$": "$.status.port",
                    "shards.$": "$.status.shards",
                    "backupCreatedAt.$": "$.backup.backupCreatedAt",
                    "chosenAt.$": "$.backup.chosenAt",
                    "expectedKeys.$": "$.backup.expectedKeys",
                    maxCanaryAgeSeconds: args.maxCanaryAgeSeconds,
                    keyCountTolerancePercent: args.keyCountTolerancePercent,
                    sampleSize: args.sampleSize,
                },
                ResultPath: "$.validation",
                Retry: [SERVICE_RETRY],
                Catch: CATCH_TO_CLEANUP,
                Next: S.validated,
            },
            [S.validated]: {
                Type: "Choice",
                Choices: [{ Variable: "$.validation.passed", BooleanEquals: true, Next: S.cleanup }],
                Default: S.validationFailed,
            },
            [S.validationFailed]: {
                Type: "Pass",
                Parameters: { Error: "ValidationFailed", "Cause.$": "States.JsonToString($.validation.failures)" },
                ResultPath: "$.error",
                Next: S.cleanup,
            },
            [S.cleanup]: {
                Type: "Task",
                Resource: args.controlFunctionArn,
                Parameters: { action: "delete", "replicationGroupId.$": "$.drill.replicationGroupId" },
                ResultPath: "$.cleanup",
                Retry: [CLEANUP_RETRY],
                Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.cleanupError", Next: S.recordFailure }],
                Next: S.outcome,
            },
            [S.outcome]: {
                Type: "Choice",
                Choices: [{ Variable: "$.error", IsPresent: true, Next: S.recordFailure }],
                Default: S.recordSuccess,
            },
            [S.recordSuccess]: publish(true, S.succeeded),
            [S.recordFailure]: publish(false, S.failed),
            [S.succeeded]: { Type: "Succeed" },
            [S.failed]: {
                Type: "Fail",
                Error: "RestoreDrillFailed",
                Cause: "The restore drill failed; the execution's input and output of each state name the step and the cause.",
            },
        },
    };
}
