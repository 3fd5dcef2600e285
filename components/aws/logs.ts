import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The Redis logs ElastiCache delivers (the schema enum `LogType`). */
export const LogType = {
    slowLog: "slow-log",
    engineLog: "engine-log",
} as const;
/** One of the Redis logs ElastiCache delivers. */
export type LogType = (typeof LogType)[keyof typeof LogType];

export const LOG_TYPES: readonly LogType[] = Object.values(LogType);

/** Retention periods that CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export interface LogGroupsResourceArgs {
    replicationGroupId: string;
    retentionInDays: number;
    kmsKeyArn: pulumi.Input<string>;
    tags: pulumi.Input<Record<string, string>>;
    region?: pulumi.Input<string>;
}

export type LogGroups = Record<LogType, aws.cloudwatch.LogGroup>;

/**
 * An encrypted log group with retention for each ElastiCache log type, under `/aws/vendedlogs/`:
 * log delivery adds any other group to the account's size-limited CloudWatch Logs resource policy,
 * which stops delivery after a few dozen caches; AWS documents this prefix as the way around it.
 */
export function createLogGroups(name: string, args: LogGroupsResourceArgs, parent: pulumi.Resource): LogGroups {
    const group = (logType: LogType) =>
        new aws.cloudwatch.LogGroup(
            `${name}-${logType}`,
            {
                name: `/aws/vendedlogs/elasticache/${args.replicationGroupId}/${logType}`,
                retentionInDays: args.retentionInDays,
                kmsKeyId: args.kmsKeyArn,
                region: args.region,
                tags: args.tags,
            },
            { parent },
        );
    return { "slow-log": group("slow-log"), "engine-log": group("engine-log") };
}

/** The replication group's log delivery settings: JSON records into the given groups. */
export function logDelivery(groups: LogGroups): aws.types.input.elasticache.ReplicationGroupLogDeliveryConfiguration[] {
    return LOG_TYPES.map((logType) => ({
        destination: groups[logType].name,
        destinationType: "cloudwatch-logs",
        logFormat: "json",
        logType,
    }));
}
