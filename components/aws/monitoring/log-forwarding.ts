import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgChecker, argNames } from "../../shared/validation";
import { LOG_TYPES, LogGroups, LogType } from "../logs";

/** Forwarding of the slow log and engine log to a destination outside the cache's log groups. */
export interface LogForwardingArgs {
    /**
     * The ARN of a CloudWatch Logs destination (typically in a central log account), a Kinesis data
     * stream or a Firehose delivery stream, in the cache's region.
     */
    destinationArn: pulumi.Input<string>;
    /** An IAM role that CloudWatch Logs assumes to put records; required for Kinesis and Firehose. */
    roleArn?: pulumi.Input<string>;
    /** Which logs to forward: `slow-log`, `engine-log`. Default both. */
    logTypes?: LogType[];
    /** A CloudWatch Logs filter pattern, at most 1024 characters. Default `""`: every event. */
    filterPattern?: string;
}

export const LOG_FORWARDING_ARG_NAMES = argNames<LogForwardingArgs>()(["destinationArn", "roleArn", "logTypes", "filterPattern"]);

export interface LogForwardingSettings {
    destinationArn: pulumi.Input<string>;
    roleArn?: pulumi.Input<string>;
    logTypes: LogType[];
    filterPattern: string;
}

const DESTINATIONS = [
    {
        kind: "CloudWatch Logs destination",
        pattern: /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:destination:[A-Za-z0-9_.#/-]+$/,
        needsRole: false,
    },
    { kind: "Kinesis data stream", pattern: /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[A-Za-z0-9_.-]+$/, needsRole: true },
    {
        kind: "Firehose delivery stream",
        pattern: /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/[A-Za-z0-9_.-]+$/,
        needsRole: true,
    },
];
const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]+$/;
const MAX_FILTER_PATTERN_LENGTH = 1024;

/** Checks the destination (now or once it resolves), the role it needs, the log types and the pattern. */
export function validateLogForwardingArgs(check: ArgChecker, args: LogForwardingArgs | undefined): LogForwardingSettings | undefined {
    if (args === undefined) return undefined;
    check.object("logForwarding", args, LOG_FORWARDING_ARG_NAMES);
    const roleArn =
        args.roleArn === undefined
            ? undefined
            : check.whenKnown(args.roleArn, (arn) => {
                  check.matches("logForwarding.roleArn", arn, IAM_ROLE_ARN, 'an IAM role ARN, "arn:aws:iam::<account>:role/<name>"');
              });
    const destinationArn = check.whenKnown(args.destinationArn, (arn) => {
        const destination = DESTINATIONS.find((d) => d.pattern.test(arn));
        if (!destination) {
            check.fail("logForwarding.destinationArn", `is "${arn}"`, `the ARN of a ${DESTINATIONS.map((d) => d.kind).join(", a ")}`);
        }
        if (destination.needsRole && roleArn === undefined) {
            check.fail(
                "logForwarding.roleArn",
                `is missing for the ${destination.kind} "${arn}"`,
                "an IAM role that CloudWatch Logs may assume to put records into it",
            );
        }
    });
    const logTypes = check
        .nonEmpty("logForwarding.logTypes", args.logTypes ?? [...LOG_TYPES], `one or both of ${LOG_TYPES.map((t) => `"${t}"`).join(", ")}`)
        .map((logType, i) => check.oneOf(`logForwarding.logTypes[${i}]`, logType, LOG_TYPES));
    if (new Set(logTypes).size !== logTypes.length) {
        check.fail("logForwarding.logTypes", `lists a log type twice: ${logTypes.join(", ")}`, "each log type once");
    }
    const filterPattern = args.filterPattern ?? "";
    if (filterPattern.length > MAX_FILTER_PATTERN_LENGTH) {
        check.fail(
            "logForwarding.filterPattern",
            `has ${filterPattern.length} characters`,
            `a CloudWatch Logs filter pattern of at most ${MAX_FILTER_PATTERN_LENGTH} characters`,
        );
    }
    return { destinationArn, roleArn, logTypes, filterPattern };
}

/** One subscription filter per forwarded log group, to the given destination. */
export function forwardLogs(
    name: string,
    logGroups: LogGroups,
    settings: LogForwardingSettings,
    args: { replicationGroupId: string; region?: pulumi.Input<string> },
    parent: pulumi.Resource,
): aws.cloudwatch.LogSubscriptionFilter[] {
    return settings.logTypes.map(
        (logType) =>
            new aws.cloudwatch.LogSubscriptionFilter(
                `${name}-${logType}-forwarding`,
                {
                    name: `${args.replicationGroupId}-${logType}-forwarding`,
                    logGroup: logGroups[logType].name,
                    destinationArn: settings.destinationArn,
                    roleArn: settings.roleArn,
                    filterPattern: settings.filterPattern,
                    region: args.region,
                },
                { parent },
            ),
    );
}
