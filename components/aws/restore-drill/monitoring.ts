import { BackupAlarm } from "../backup/alarms";
import { DashboardPanel } from "../monitoring/dashboard";
import { DRILL_METRICS, DRILL_METRIC_NAMESPACE } from "./contract";
import { RestoreDrillSettings } from "./settings";

const HOUR = 3600;

export interface DrillMonitoringResourceArgs {
    replicationGroupId: string;
    stateMachineName: string;
    canaryFunctionName: string;
    settings: RestoreDrillSettings;
}

/**
 * A drill failed; no drill succeeded for longer than the schedule's longest gap plus a whole drill
 * (from the hourly watchdog's metric, since an alarm cannot look back more than seven days); the
 * measured RTO or RPO is above its objective; the canary keeps failing. Per-run metrics keep their
 * state until the next run (`ignore`).
 */
export function drillAlarms(args: DrillMonitoringResourceArgs): BackupAlarm[] {
    const group = args.replicationGroupId;
    const { rtoMinutes, rpoMinutes, maxSecondsWithoutSuccess } = args.settings;
    const dimensions = { ReplicationGroupId: group };
    const perRun = (suffix: string, metricName: string, description: string, threshold: number): BackupAlarm => ({
        suffix,
        description,
        namespace: DRILL_METRIC_NAMESPACE,
        metricName,
        dimensions,
        statistic: "Maximum",
        periodSeconds: HOUR,
        evaluationPeriods: 1,
        threshold,
        comparisonOperator: "GreaterThanThreshold",
        treatMissingData: "ignore",
    });
    return [
        {
            ...perRun("restore-drill-failed", DRILL_METRICS.succeeded, "", 1),
            description: `The last restore drill of ${group} failed. The failed execution of the state machine ${args.stateMachineName} names the step and the cause; its drill group has been deleted (or is left to the next run's janitor).`,
            statistic: "Minimum",
            comparisonOperator: "LessThanThreshold",
        },
        {
            ...perRun("restore-drill-missing", DRILL_METRICS.sinceSuccessSeconds, "", maxSecondsWithoutSuccess),
            description: `No restore drill of ${group} succeeded in the last ${Math.round(maxSecondsWithoutSuccess / HOUR)} hours, the schedule's longest gap plus a whole drill. It is also in ALARM after deployment until the first drill succeeds; start one with aws stepfunctions start-execution.`,
            periodSeconds: 2 * HOUR,
            treatMissingData: "breaching",
        },
        perRun(
            "restore-drill-rto",
            DRILL_METRICS.rtoSeconds,
            `The last restore drill of ${group} took longer than the RTO of ${rtoMinutes} minutes from choosing the backup to validated data.`,
            rtoMinutes * 60,
        ),
        perRun(
            "restore-drill-rpo",
            DRILL_METRICS.rpoSeconds,
            `In the last restore drill of ${group}, the newest canary in the backup was more than the RPO of ${rpoMinutes} minutes old when the backup was taken.`,
            rpoMinutes * 60,
        ),
        {
            suffix: "restore-canary-errors",
            description: `The restore drill canary ${args.canaryFunctionName} of ${group} failed for 30 minutes: without it, drills cannot measure the RPO. Its log group names the cause (network, credentials, ACL).`,
            namespace: "AWS/Lambda",
            metricName: "Errors",
            dimensions: { FunctionName: args.canaryFunctionName },
            statistic: "Sum",
            periodSeconds: 900,
            evaluationPeriods: 2,
            threshold: 0,
            comparisonOperator: "GreaterThanThreshold",
            treatMissingData: "notBreaching",
        },
    ];
}

/** The drill's panels on the cache's dashboard: outcome, RTO and RPO against their objectives. */
export function drillPanels(replicationGroupId: string, settings: RestoreDrillSettings): DashboardPanel[] {
    const metric = (name: string) => [DRILL_METRIC_NAMESPACE, name, "ReplicationGroupId", replicationGroupId];
    return [
        { title: "Restore drills (1 succeeded, 0 failed)", metrics: [metric(DRILL_METRICS.succeeded)], stat: "Minimum", period: HOUR },
        {
            title: "Restore drill RTO (s)",
            metrics: [metric(DRILL_METRICS.rtoSeconds)],
            stat: "Maximum",
            period: HOUR,
            line: { label: `RTO ${settings.rtoMinutes} min`, value: settings.rtoMinutes * 60 },
        },
        {
            title: "Restore drill RPO (s)",
            metrics: [metric(DRILL_METRICS.rpoSeconds)],
            stat: "Maximum",
            period: HOUR,
            line: { label: `RPO ${settings.rpoMinutes} min`, value: settings.rpoMinutes * 60 },
        },
    ];
}
