import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArgChecker } from "../../shared/validation";
import { LogGroups } from "../logs";
import { AlarmSettings, AlarmsArgs, alarmDefinitions, resolveAlarms } from "./alarms";
import { CacheDashboardArgs, DASHBOARD_ARG_NAMES, DashboardPanel, dashboardBody, dashboardName } from "./dashboard";
import { LogForwardingArgs, LogForwardingSettings, forwardLogs, validateLogForwarding } from "./log-forwarding";
import { NotificationSettings, NotificationsArgs, validateNotifications } from "./topic";

export { createNotificationTopic } from "./topic";
export { ALARM_METRICS, AlarmMetric } from "./alarms";
export { SERVERLESS_ALARM_METRICS, ServerlessAlarmMetric } from "./serverless-alarms";
export type { ServerlessAlarmsArgs, ServerlessAlarmThresholds } from "./serverless-alarms";
export type { AlarmsArgs, AlarmThresholds } from "./alarms";
export type { CacheDashboardArgs } from "./dashboard";
export type { LogForwardingArgs } from "./log-forwarding";
export type { NotificationsArgs } from "./topic";

/** The monitoring arguments of `ElastiCacheRedis`: alarms, dashboard, notifications and log forwarding. */
export interface CacheMonitoringArgs {
    alarms?: AlarmsArgs;
    dashboard?: CacheDashboardArgs;
    notifications?: NotificationsArgs;
    logForwarding?: LogForwardingArgs;
}

export interface MonitoringSettings {
    alarms: AlarmSettings;
    /** The cache is a Global Datastore secondary: it gets the cross-region lag alarm and graph. */
    globalDatastoreSecondary: boolean;
    dashboard: boolean;
    notifications: NotificationSettings;
    logForwarding?: LogForwardingSettings;
}

/**
 * Checks the monitoring arguments and applies their defaults: everything on. A cache that joins a
 * Global Datastore (`globalReplicationGroupId` set) is a secondary, and also watches its cross-region lag.
 */
export function validateMonitoringArgs(check: ArgChecker, args: CacheMonitoringArgs & { globalReplicationGroupId?: unknown }, nodeType: string): MonitoringSettings {
    return {
        alarms: resolveAlarms(check, args.alarms, nodeType),
        globalDatastoreSecondary: args.globalReplicationGroupId !== undefined,
        dashboard: check.boolean("dashboard.enabled", (args.dashboard === undefined ? undefined : check.object("dashboard", args.dashboard, DASHBOARD_ARG_NAMES))?.enabled ?? true),
        notifications: validateNotifications(check, args.notifications),
        logForwarding: validateLogForwarding(check, args.logForwarding),
    };
}

export interface MonitoringArgs {
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
export function createMonitoring(name: string, args: MonitoringArgs, parent: pulumi.Resource): Monitoring {
    const { settings, region, tags } = args;
    const alarms = alarmDefinitions(args.memberIds, settings.alarms, { globalDatastoreSecondary: settings.globalDatastoreSecondary, hasReplicas: args.hasReplicas }).map(
        (alarm) => createMetricAlarm(name, alarm, { topicArn: args.topicArn, region, tags }, { parent, dependsOn: [args.replicationGroup] }),
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

function createDashboard(name: string, args: MonitoringArgs, parent: pulumi.Resource): aws.cloudwatch.Dashboard {
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
                        globalDatastoreSecondary: args.settings.globalDatastoreSecondary,
                        panels: args.panels,
                    }),
                ),
            ),
            region: args.region,
        },
        { parent, dependsOn: [args.replicationGroup] },
    );
}
