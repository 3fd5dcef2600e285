import { ArgChecker } from "../../shared/validation";
import { ExportSourceKind } from "../snapshot-export/contract";
import { Window } from "../maintenance-windows";

/**
 * When the export runs and what recovery point that buys. ElastiCache takes one automatic snapshot a
 * day, in the snapshot window; the export copies the newest one to S3. So the age of the newest
 * exported backup peaks just before an export lands: a day, plus the window, plus the wait for the
 * next run, plus the export itself. That worst case is computed here from the schedule, in UTC.
 */

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** ElastiCache allows 20 manual backups per node in any 24 hours, and an export is a copy, i.e. a manual backup. */
export const MAX_RUNS_PER_DAY = 20;
/**
 * What the schedule and RPO errors say of each kind of cache: why 20 runs a day at most, and what gives a lower
 * recovery point. Serverless caches allow 24 manual backups per 24 hours, node-based clusters 20 per node
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups.html, "Backup constraints"); Global Datastore
 * is for node-based clusters only.
 */
const SOURCE_LIMITS: Record<ExportSourceKind, { runs: string; lowerRpo: string }> = {
    "replication-group": {
        runs: "the number of manual backups (exports are copies) ElastiCache allows per node",
        lowerRpo:
            "For a lower recovery point, add a Global Datastore (ElastiCache replicates to another region within about a second); exported snapshots cannot provide it",
    },
    "serverless-cache": {
        runs: "below the 24 manual backups ElastiCache allows per serverless cache",
        lowerRpo:
            "Serverless caches have no Global Datastore; for a lower recovery point, use ElastiCacheRedis with a Global Datastore. Exported snapshots cannot provide it",
    },
};

/** Time allowed between CopySnapshot and the export object in S3. */
export const EXPORT_ALLOWANCE_MINUTES = 60;
/** The default schedule runs this long after the snapshot window closes. */
export const DEFAULT_DELAY_AFTER_WINDOW_MINUTES = 60;
/** The "no export" alarm looks back one RPO, and CloudWatch alarms look back at most 7 days. */
export const MAX_RPO_HOURS = 168;

/** A schedule as the run times it produces: minutes after Sunday 00:00 UTC, or a fixed rate. */
export type Schedule = { kind: "cron"; runs: number[] } | { kind: "rate"; everyMinutes: number };

const ARG = "backup.schedule";
const ALLOWED_SCHEDULE =
    'an EventBridge expression in UTC that repeats every week: "cron(minutes hours * * ? *)", "cron(minutes hours ? * days *)" with days such as MON-FRI, or "rate(n minutes|hours|days)"';
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/** Daily, an hour after the snapshot window closes. */
export function defaultScheduleExpression(window: Window): string {
    const run = (window.end + DEFAULT_DELAY_AFTER_WINDOW_MINUTES) % MINUTES_PER_DAY;
    return `cron(${run % MINUTES_PER_HOUR} ${Math.floor(run / MINUTES_PER_HOUR)} * * ? *)`;
}

/** Parses an EventBridge schedule expression that repeats weekly; `arg` names the argument in errors. */
export function parseSchedule(check: ArgChecker, expression: string, arg: string = ARG): Schedule {
    const rate = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression);
    if (rate) {
        const amount = Number(rate[1]);
        const unit = rate[2].replace(/s$/, "");
        if (amount < 1 || (amount === 1) !== (unit === rate[2])) {
            check.fail(arg, `is "${expression}"`, 'a positive rate with a matching unit, such as "rate(1 day)" or "rate(12 hours)"');
        }
        return { kind: "rate", everyMinutes: amount * { minute: 1, hour: MINUTES_PER_HOUR, day: MINUTES_PER_DAY }[unit]! };
    }
    const cron = /^cron\((.*)\)$/.exec(expression);
    if (!cron) check.fail(arg, `is "${expression}"`, ALLOWED_SCHEDULE);
    const fields = cron[1].trim().split(/\s+/);
    if (fields.length !== 6) check.fail(arg, `is "${expression}", which has ${fields.length} fields instead of 6`, ALLOWED_SCHEDULE);
    const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
    if (!["*", "?"].includes(dayOfMonth) || month !== "*" || year !== "*") {
        check.fail(arg, `is "${expression}", which does not run every week`, ALLOWED_SCHEDULE);
    }
    if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
        check.fail(arg, `is "${expression}"`, 'exactly one "?", in the day-of-month or the day-of-week field, as EventBridge requires');
    }
    const days =
        dayOfWeek === "?" ? [0, 1, 2, 3, 4, 5, 6] : cronValues(check, arg, expression, dayOfWeek, 1, 7, DAY_NAMES).map((d) => d - 1);
    const runHours = cronValues(check, arg, expression, hours, 0, 23);
    const runMinutes = cronValues(check, arg, expression, minutes, 0, 59);
    const runs = days.flatMap((d) => runHours.flatMap((h) => runMinutes.map((m) => d * MINUTES_PER_DAY + h * MINUTES_PER_HOUR + m)));
    return { kind: "cron", runs: runs.sort((a, b) => a - b) };
}

/** Expands one cron field: a star, `n`, `a-b`, each optionally with a `/step`, and lists of these; day names count from 1 = SUN. */
function cronValues(
    check: ArgChecker,
    arg: string,
    expression: string,
    field: string,
    min: number,
    max: number,
    names: string[] = [],
): number[] {
    const value = (token: string) => {
        const named = names.indexOf(token.toUpperCase());
        const n = named >= 0 ? named + min : /^\d+$/.test(token) ? Number(token) : NaN;
        if (!(n >= min && n <= max))
            check.fail(
                arg,
                `is "${expression}", and "${token}" is not a value from ${min} to ${max}${names.length ? ` or ${names.join(", ")}` : ""}`,
                ALLOWED_SCHEDULE,
            );
        return n;
    };
    const values = new Set<number>();
    for (const part of field.split(",")) {
        const [range, stepText] = part.split("/");
        const step = stepText === undefined ? 1 : value(stepText);
        const [from, to] =
            range === "*"
                ? [min, max]
                : range.includes("-")
                  ? range.split("-").map(value)
                  : [value(range), stepText === undefined ? value(range) : max];
        if (from > to || step < 1) check.fail(arg, `is "${expression}", and "${part}" is an empty range`, ALLOWED_SCHEDULE);
        for (let v = from; v <= to; v += step) values.add(v);
    }
    return [...values].sort((a, b) => a - b);
}

/** The most runs in any 24 hours. */
export function maxRunsPerDay(schedule: Schedule): number {
    if (schedule.kind === "rate") return Math.ceil(MINUTES_PER_DAY / schedule.everyMinutes);
    const runs = schedule.runs;
    return Math.max(...runs.map((start) => runs.filter((r) => (r - start + MINUTES_PER_WEEK) % MINUTES_PER_WEEK < MINUTES_PER_DAY).length));
}

/** The best any schedule can do: an export that starts the moment the snapshot window closes. */
export function bestCaseRpoMinutes(window: Window): number {
    return MINUTES_PER_DAY + (window.end - window.start) + EXPORT_ALLOWANCE_MINUTES;
}

/**
 * The oldest the newest exported backup gets. A run exports the newest snapshot that is surely
 * complete (its window has closed) and lands an hour later; the backup holds data from the start
 * of that window. For a rate, whose phase is unknown, the worst phase counts.
 */
export function worstCaseRpoMinutes(schedule: Schedule, window: Window): number {
    if (schedule.kind === "cron") return worstCaseOfRuns(weeksOfRuns(schedule.runs, 4), window);
    const every = schedule.everyMinutes;
    const horizon = Math.max(4 * MINUTES_PER_WEEK, 6 * every);
    let worst = 0;
    for (let phase = 0; phase < Math.min(every, MINUTES_PER_WEEK); phase++) {
        const runs = Array.from({ length: Math.floor((horizon - phase) / every) + 1 }, (_, i) => phase + i * every);
        worst = Math.max(worst, worstCaseOfRuns(runs, window));
    }
    return worst;
}

function weeksOfRuns(runs: number[], weeks: number): number[] {
    return Array.from({ length: weeks }, (_, w) => runs.map((r) => r + w * MINUTES_PER_WEEK)).flat();
}

function worstCaseOfRuns(runs: number[], window: Window): number {
    let newestData = -Infinity;
    let worst = 0;
    for (const run of runs) {
        const day = Math.floor((run - window.end) / MINUTES_PER_DAY);
        const data = day * MINUTES_PER_DAY + window.start;
        if (data <= newestData) continue;
        if (newestData > -Infinity) worst = Math.max(worst, run + EXPORT_ALLOWANCE_MINUTES - newestData);
        newestData = data;
    }
    return worst;
}

export interface ExportTiming {
    scheduleExpression: string;
    /** The RPO the "no export" alarm holds the exports to. */
    rpoHours: number;
    worstCaseRpoMinutes: number;
}

/**
 * Checks the schedule against ElastiCache's limits and the RPO against what daily snapshots can give,
 * and fills in the defaults: daily after the window, and an RPO one hour above the schedule's worst case.
 */
export function exportTiming(
    check: ArgChecker,
    args: { schedule?: string; rpoHours?: number; window: Window; windowText: string; source?: ExportSourceKind },
): ExportTiming {
    const limits = SOURCE_LIMITS[args.source ?? "replication-group"];
    const scheduleExpression = args.schedule ?? defaultScheduleExpression(args.window);
    const schedule = parseSchedule(check, scheduleExpression);
    const runsPerDay = maxRunsPerDay(schedule);
    if (runsPerDay > MAX_RUNS_PER_DAY) {
        check.fail(
            ARG,
            `is "${scheduleExpression}", which runs up to ${runsPerDay} times in 24 hours`,
            `at most ${MAX_RUNS_PER_DAY} runs in any 24 hours, ${limits.runs}; snapshots are taken once a day, so one run a day after the snapshot window is enough`,
        );
    }
    const floorHours = Math.ceil(bestCaseRpoMinutes(args.window) / MINUTES_PER_HOUR);
    if (args.rpoHours !== undefined && args.rpoHours < floorHours) {
        check.fail(
            "backup.rpoHours",
            `is ${args.rpoHours}, but ElastiCache takes one automatic snapshot a day: with the snapshot window "${args.windowText}" and up to an hour for the export, exported snapshots are up to ${floorHours} hours old`,
            `${floorHours} to ${MAX_RPO_HOURS} hours. ${limits.lowerRpo}`,
        );
    }
    const worst = worstCaseRpoMinutes(schedule, args.window);
    const rpoHours = args.rpoHours ?? Math.min(Math.ceil(worst / MINUTES_PER_HOUR) + 1, MAX_RPO_HOURS);
    if (args.rpoHours !== undefined) check.integerInRange("backup.rpoHours", args.rpoHours, floorHours, MAX_RPO_HOURS);
    if (worst > rpoHours * MINUTES_PER_HOUR) {
        const defaultWorst = worstCaseRpoMinutes(parseSchedule(check, defaultScheduleExpression(args.window)), args.window);
        check.fail(
            ARG,
            `is "${scheduleExpression}", which lets the newest export get ${Math.ceil(worst / MINUTES_PER_HOUR)} hours old, more than the RPO of ${rpoHours} hours`,
            `a schedule that exports within the RPO after the snapshot window "${args.windowText}"; the default, daily an hour after the window, keeps exports within ${Math.ceil(defaultWorst / MINUTES_PER_HOUR)} hours`,
        );
    }
    return { scheduleExpression, rpoHours, worstCaseRpoMinutes: worst };
}
