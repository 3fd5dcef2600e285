import { ArgChecker, argNames } from "../../shared/validation";
import { Schedule, maxRunsPerDay, parseSchedule } from "../backup/schedule";
import { Window } from "../maintenance-windows";
import { drillTimeoutSeconds } from "./definition";

/** Automated restore drills of the cache's backups, with a canary that measures the RPO. On by default. */
export interface RestoreDrillArgs {
    /**
     * Run restore drills. Default true, except on a Global Datastore secondary, whose backups are the
     * primary's. A drill costs one node of the cache's node type per shard for its duration (usually 15 to 40 minutes).
     */
    enabled?: boolean;
    /**
     * When drills run: an EventBridge `cron(...)` or `rate(...)` expression in UTC that repeats weekly, at
     * most once a day. Default: weekly, on Wednesday, two hours after the snapshot window closes.
     */
    schedule?: string;
    /**
     * The recovery point objective in minutes: how old the newest canary in a backup may be when the
     * backup is taken. A drill that measures more fails, and the RPO alarm fires. The canary writes
     * every minute, so 2 is the floor. Default 5, at most 1440.
     */
    rpoMinutes?: number;
    /**
     * The recovery time objective in minutes, from choosing the backup to validated data in a new group;
     * the RTO alarm fires above it. The drill waits twice this long for the group before it gives up.
     * Default 60; 10 to 720.
     */
    rtoMinutes?: number;
    /** How far the restored key count may differ from the source's count when the backup was taken, in percent (at least one key). Default 1; 0 to 50. */
    keyCountTolerancePercent?: number;
}

export const RESTORE_DRILL_ARG_NAMES = argNames<RestoreDrillArgs>()([
    "enabled",
    "schedule",
    "rpoMinutes",
    "rtoMinutes",
    "keyCountTolerancePercent",
]);

export const RESTORE_DRILL_DEFAULTS = {
    rpoMinutes: 5,
    rtoMinutes: 60,
    keyCountTolerancePercent: 1,
    /** The default schedule runs this long after the snapshot window closes, on this day. */
    delayAfterWindowMinutes: 120,
    weekday: "WED",
    /** Seconds between two status checks of the drill group. */
    pollSeconds: 60,
    /** Keys the validation reads from the restored copy. */
    sampleSize: 20,
} as const;

/** The arguments once checked, with the defaults applied. */
export interface RestoreDrillSettings {
    scheduleExpression: string;
    rpoMinutes: number;
    rtoMinutes: number;
    keyCountTolerancePercent: number;
    pollSeconds: number;
    maxPolls: number;
    sampleSize: number;
    /** The longest a whole drill may run; the janitor deletes drill groups older than this. */
    timeoutSeconds: number;
    /** The "missing drill" alarm fires when no drill succeeded for this long: the longest gap of the schedule plus a whole drill. */
    maxSecondsWithoutSuccess: number;
}

const ARG = "restoreDrill";
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** Weekly on `weekday`, `delay` after the snapshot window closes. */
export function defaultDrillSchedule(window: Window): string {
    const run = (window.end + RESTORE_DRILL_DEFAULTS.delayAfterWindowMinutes) % MINUTES_PER_DAY;
    return `cron(${run % 60} ${Math.floor(run / 60)} ? * ${RESTORE_DRILL_DEFAULTS.weekday} *)`;
}

/** The longest time between two runs, in minutes. */
export function longestGapMinutes(schedule: Schedule): number {
    if (schedule.kind === "rate") return schedule.everyMinutes;
    const runs = schedule.runs;
    return Math.max(...runs.map((run, i) => (i + 1 < runs.length ? runs[i + 1] - run : runs[0] + MINUTES_PER_WEEK - run)));
}

export interface RestoreDrillContext {
    snapshotWindow: Window;
    /** The cache joins a Global Datastore as a secondary. */
    globalSecondary: boolean;
}

/** Checks `restoreDrill` and fills in the defaults; undefined when drills are off. */
export function validateRestoreDrillArgs(
    check: ArgChecker,
    args: RestoreDrillArgs | undefined,
    context: RestoreDrillContext,
): RestoreDrillSettings | undefined {
    const drill = args ?? {};
    check.object(ARG, drill, RESTORE_DRILL_ARG_NAMES);
    if (drill.enabled !== undefined && typeof drill.enabled !== "boolean")
        check.fail(`${ARG}.enabled`, `is ${JSON.stringify(drill.enabled)}`, "true or false");
    if (drill.enabled === false || (context.globalSecondary && drill.enabled === undefined)) return undefined;
    if (context.globalSecondary) {
        check.fail(
            `${ARG}.enabled`,
            "is true on a Global Datastore secondary",
            "false or unset: the secondary's data comes from the primary, whose own component drills its backups",
        );
    }
    const d = RESTORE_DRILL_DEFAULTS;
    const scheduleExpression = drill.schedule ?? defaultDrillSchedule(context.snapshotWindow);
    const schedule = parseSchedule(check, scheduleExpression, `${ARG}.schedule`);
    const runs = maxRunsPerDay(schedule);
    if (runs > 1) {
        check.fail(
            `${ARG}.schedule`,
            `is "${scheduleExpression}", which runs up to ${runs} times in 24 hours`,
            "at most one drill a day: each drill pays for a node per shard, and ElastiCache takes one automatic snapshot a day",
        );
    }
    const rpoMinutes = check.integerInRange(`${ARG}.rpoMinutes`, drill.rpoMinutes ?? d.rpoMinutes, 2, MINUTES_PER_DAY);
    const rtoMinutes = check.integerInRange(`${ARG}.rtoMinutes`, drill.rtoMinutes ?? d.rtoMinutes, 10, 720);
    const keyCountTolerancePercent = drill.keyCountTolerancePercent ?? d.keyCountTolerancePercent;
    if (typeof keyCountTolerancePercent !== "number" || !(keyCountTolerancePercent >= 0 && keyCountTolerancePercent <= 50)) {
        check.fail(`${ARG}.keyCountTolerancePercent`, `is ${JSON.stringify(keyCountTolerancePercent)}`, "a number of percent from 0 to 50");
    }
    const maxPolls = Math.ceil((2 * rtoMinutes * 60) / d.pollSeconds);
    const timeoutSeconds = drillTimeoutSeconds({ pollSeconds: d.pollSeconds, maxPolls });
    return {
        scheduleExpression,
        rpoMinutes,
        rtoMinutes,
        keyCountTolerancePercent,
        pollSeconds: d.pollSeconds,
        maxPolls,
        sampleSize: d.sampleSize,
        timeoutSeconds,
        maxSecondsWithoutSuccess: longestGapMinutes(schedule) * 60 + timeoutSeconds,
    };
}
