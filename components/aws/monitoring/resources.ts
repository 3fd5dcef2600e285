import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LogGroups } from "../logs";
import { alarmDefinitions } from "./alarms";
import { DashboardPanel, dashboardBody, dashboardName } from "./dashboard";
import { forwardLogs } from "./log-forwarding";
import { MonitoringSettings } from "./settings";

/** What `createMonitoring` watches: the group, its members, and where alarms and logs go. */
export interface MonitoringResourceArgs {
    replicationGroupId: string;
    memberIds: string[];
    /** Every shard has replicas; see `AlarmScope.hasReplicas`. */
    hasReplicas: boolean;
    /** Cluster mode: the dashboard labels each line with its shard. */
    clusterMode: boolean;
    settings: MonitoringSettings;
    replicationGroup: aws.elasticache.ReplicationGroup;
    logGroups: LogGroups;
    topicArn: pulumi.Input<string>;
    /** Extra dashboard panels, such as the restore drill's. */
    panels?: DashboardPanel[];
    tags: pulumi.Input<Record<string, string>>;
    region?: string;
}

export interface Monitoring {
    alarms: aws.cloudwatch.MetricAlarm[];
    dashboard?: aws.cloudwatch.Dashboard;
    logSubscriptions: aws.cloudwatch.LogSubscriptionFilter[];
}

/** Per-node alarms to the topic, the dashboard and log forwarding, once the replication group exists. */
export function createMonitoring(name: string, args: MonitoringResourceArgs, parent: pulumi.Resource): Monitoring {
    const { settings, region, tags } = args;
    const alarms = alarmDefinitions(args.memberIds, settings.alarms, {
        globalSecondary: settings.globalSecondary,
        hasReplicas: args.hasReplicas,
    }).map((alarm) =>
        createMetricAlarm(name, alarm, { topicArn: args.topicArn, region, tags }, { parent, dependsOn: [args.replicationGroup] }),
    );
    const dashboard = settings.dashboard ? createDashboard(name, args, parent) : undefined;
    const logSubscriptions = settings.logForwarding
        ? forwardLogs(name, args.logGroups, settings.logForwarding, { replicationGroupId: args.replicationGroupId, region }, parent)
        : [];
    return { alarms, dashboard, logSubscriptions };
}

/** What a CloudWatch alarm of the component watches and when it fires. */
export interface MetricAlarmDefinition {
    name: string;
    description: string;
    metric: string;
    dimensions: Record<string, string>;
    statistic: string;
    periodSeconds: number;
    periods: number;
    comparison: string;
    threshold: number;
    treatMissingData: string;
}

/** One alarm in `AWS/ElastiCache` that notifies the topic on alarm and on OK, every breaching period required. */
export function createMetricAlarm(
    name: string,
    alarm: MetricAlarmDefinition,
    wiring: { topicArn: pulumi.Input<string>; region?: string; tags: pulumi.Input<Record<string, string>> },
    opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        `${name}-${alarm.name}`,
        {
            name: alarm.name,
            alarmDescription: alarm.description,
            namespace: "AWS/ElastiCache",
            metricName: alarm.metric,
            dimensions: alarm.dimensions,
            statistic: alarm.statistic,
            period: alarm.periodSeconds,
            evaluationPeriods: alarm.periods,
            datapointsToAlarm: alarm.periods,
            comparisonOperator: alarm.comparison,
            threshold: alarm.threshold,
            treatMissingData: alarm.treatMissingData,
            actionsEnabled: true,
            alarmActions: [wiring.topicArn],
            okActions: [wiring.topicArn],
            region: wiring.region,
            tags: wiring.tags,
        },
        opts,
    );
}

function createDashboard(name: string, args: MonitoringResourceArgs, parent: pulumi.Resource): aws.cloudwatch.Dashboard {
    const regionName = aws.getRegionOutput({ region: args.region }, { parent }).region;
    return new aws.cloudwatch.Dashboard(
        `${name}-dashboard`,
        {
            dashboardName: regionName.apply((region) => dashboardName(args.replicationGroupId, region)),
            dashboardBody: regionName.apply((region) =>
                JSON.stringify(
                    dashboardBody({
                        replicationGroupId: args.replicationGroupId,
                        region,
                        memberIds: args.memberIds,
                        hasReplicas: args.hasReplicas,
                        clusterMode: args.clusterMode,
                        alarms: args.settings.alarms,
                        globalSecondary: args.settings.globalSecondary,
                        panels: args.panels,
                    }),
                ),
            ),
            region: args.region,
        },
        { parent, dependsOn: [args.replicationGroup] },
    );
}
