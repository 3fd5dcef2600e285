import { ArgChecker } from "../../shared/validation";
import { AlarmSettings, AlarmsArgs, validateAlarmsArgs } from "./alarms";
import { CacheDashboardArgs, validateDashboardArgs } from "./dashboard";
import { LogForwardingArgs, LogForwardingSettings, validateLogForwardingArgs } from "./log-forwarding";
import { NotificationSettings, NotificationsArgs, validateNotificationsArgs } from "./topic";

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
    globalSecondary: boolean;
    dashboard: boolean;
    notifications: NotificationSettings;
    logForwarding?: LogForwardingSettings;
}

/** The cache the monitoring arguments are checked against. */
export interface MonitoringContext {
    /** Sizes the memory alarms. */
    nodeType: string;
    /** A Global Datastore secondary also watches its cross-region lag. */
    globalSecondary: boolean;
}

/** Checks the monitoring arguments and applies their defaults: everything on. */
export function validateMonitoringArgs(check: ArgChecker, args: CacheMonitoringArgs, context: MonitoringContext): MonitoringSettings {
    return {
        alarms: validateAlarmsArgs(check, args.alarms, context.nodeType),
        globalSecondary: context.globalSecondary,
        dashboard: validateDashboardArgs(check, args.dashboard),
        notifications: validateNotificationsArgs(check, args.notifications),
        logForwarding: validateLogForwardingArgs(check, args.logForwarding),
    };
}
