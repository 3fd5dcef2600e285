import {
    EXPORT_ALLOWANCE_MINUTES,
    bestCaseRpoMinutes,
    defaultScheduleExpression,
    exportTiming,
    maxRunsPerDay,
    parseSchedule,
    worstCaseRpoMinutes,
} from "../../../components/aws/backup/schedule";
import { ArgChecker } from "../../../components/shared/validation";
import { parseSnapshotWindow } from "../../../components/aws/maintenance-windows";

const check = new ArgChecker("ElastiCacheRedis", "test");
const window = (text: string) => parseSnapshotWindow(check, text);
const HOUR = 60;
const DAY = 24 * HOUR;

describe("the default schedule", () => {
    it.each([
        ["03:00-05:00", "cron(0 6 * * ? *)"],
        ["22:30-23:45", "cron(45 0 * * ? *)"],
        ["23:30-00:40", "cron(40 1 * * ? *)"],
    ])("runs an hour after the window %s closes: %s", (text, expected) => {
        expect(defaultScheduleExpression(window(text))).toBe(expected);
    });
});

describe("parsing EventBridge expressions", () => {
    it("expands minutes, hours, steps, ranges and day names into run times of the week", () => {
        const schedule = parseSchedule(check, "cron(0/30 6-7 ? * MON,WED-THU *)");
        expect(schedule.kind).toBe("cron");
        const runs = schedule.kind === "cron" ? schedule.runs : [];
        const monday = DAY;
        expect(runs.filter((r) => r < 2 * DAY)).toEqual([
            monday + 6 * HOUR,
            monday + 6 * HOUR + 30,
            monday + 7 * HOUR,
            monday + 7 * HOUR + 30,
        ]);
        expect(runs).toHaveLength(12);
        expect(new Set(runs.map((r) => Math.floor(r / DAY)))).toEqual(new Set([1, 3, 4]));
    });

    it("reads day numbers from 1 for Sunday, as EventBridge does", () => {
        expect(parseSchedule(check, "cron(15 2 ? * 1 *)")).toEqual({ kind: "cron", runs: [2 * HOUR + 15] });
    });

    it("reads rates in minutes, hours and days", () => {
        expect(parseSchedule(check, "rate(45 minutes)")).toEqual({ kind: "rate", everyMinutes: 45 });
        expect(parseSchedule(check, "rate(1 hour)")).toEqual({ kind: "rate", everyMinutes: 60 });
        expect(parseSchedule(check, "rate(2 days)")).toEqual({ kind: "rate", everyMinutes: 2 * DAY });
    });
});

describe("runs per day", () => {
    it("counts the busiest 24 hours", () => {
        expect(maxRunsPerDay(parseSchedule(check, "cron(0 6 * * ? *)"))).toBe(1);
        expect(maxRunsPerDay(parseSchedule(check, "cron(0 */2 * * ? *)"))).toBe(12);
        expect(maxRunsPerDay(parseSchedule(check, "cron(0,30 20-23 ? * FRI *)"))).toBe(8);
        expect(maxRunsPerDay(parseSchedule(check, "rate(90 minutes)"))).toBe(16);
    });
});

describe("the worst-case recovery point", () => {
    const defaults = window("03:00-05:00");

    it("is a day, the window and the export at best", () => {
        expect(bestCaseRpoMinutes(defaults)).toBe(DAY + 2 * HOUR + EXPORT_ALLOWANCE_MINUTES);
    });

    it("adds the wait after the window for a daily run", () => {
        // Data from 03:00 is exported at 06:00 and lands by 07:00; the next lands a day later.
        expect(worstCaseRpoMinutes(parseSchedule(check, "cron(0 6 * * ? *)"), defaults)).toBe(DAY + 4 * HOUR);
    });

    it("loses a day when the run falls inside the snapshot window", () => {
        // At 04:00 today's snapshot may not exist yet, so yesterday's is exported.
        expect(worstCaseRpoMinutes(parseSchedule(check, "cron(0 4 * * ? *)"), defaults)).toBe(2 * DAY + 2 * HOUR);
    });

    it("takes the worst phase of a rate", () => {
        // A daily rate that lands a minute before the window closes exports the previous day's snapshot.
        expect(worstCaseRpoMinutes(parseSchedule(check, "rate(1 day)"), defaults)).toBe(
            DAY + (DAY + 5 * HOUR - 1 + EXPORT_ALLOWANCE_MINUTES - 3 * HOUR),
        );
    });

    it("counts the gap over a weekend for a weekday schedule", () => {
        // Friday's export covers data until Monday's lands: 3 days plus 06:00 + 1 h - 03:00.
        expect(worstCaseRpoMinutes(parseSchedule(check, "cron(0 6 ? * MON-FRI *)"), defaults)).toBe(3 * DAY + 4 * HOUR);
    });

    it("reaches the best case when a run falls on the window's close", () => {
        expect(worstCaseRpoMinutes(parseSchedule(check, "cron(0 * * * ? *)"), defaults)).toBe(bestCaseRpoMinutes(defaults));
    });
});

describe("export timing", () => {
    it("defaults to daily after the window with an RPO one hour above its worst case", () => {
        expect(exportTiming(check, { window: window("03:00-05:00"), windowText: "03:00-05:00" })).toEqual({
            scheduleExpression: "cron(0 6 * * ? *)",
            rpoHours: 29,
            worstCaseRpoMinutes: 28 * HOUR,
        });
    });

    it("keeps a given RPO that the schedule meets", () => {
        expect(
            exportTiming(check, { schedule: "rate(12 hours)", rpoHours: 40, window: window("03:00-05:00"), windowText: "03:00-05:00" })
                .rpoHours,
        ).toBe(40);
    });

    it("derives the floor of the RPO from the window's length", () => {
        const wide = window("00:00-06:00");
        expect(() => exportTiming(check, { rpoHours: 30, window: wide, windowText: "00:00-06:00" })).toThrow(
            /exported snapshots are up to 31 hours old\. Allowed: 31 to 168 hours/,
        );
    });
});
