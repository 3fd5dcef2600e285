import { ArgChecker } from "../shared/validation";

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const TIME = "([01]\\d|2[0-3]):([0-5]\\d)";
const SNAPSHOT_WINDOW = new RegExp(`^${TIME}-${TIME}$`);
const MAINTENANCE_WINDOW = new RegExp(`^(${DAYS.join("|")}):${TIME}-(${DAYS.join("|")}):${TIME}$`);

/** A window as minutes since Sunday 00:00 UTC, for comparing snapshot and maintenance windows. */
export interface Window {
    start: number;
    end: number;
}

const minutes = (h: string, m: string) => Number(h) * 60 + Number(m);

/** Parses `hh:mm-hh:mm` (UTC, daily); ElastiCache wants at least 60 minutes. */
export function parseSnapshotWindow(check: ArgChecker, value: string): Window {
    const match = SNAPSHOT_WINDOW.exec(value);
    if (!match) {
        check.fail("snapshotWindow", `is "${value}"`, 'a daily UTC range "hh:mm-hh:mm" such as "03:00-05:00"');
    }
    const start = minutes(match[1], match[2]);
    return atLeastAnHour(check, "snapshotWindow", value, {
        start,
        end: start + cyclicLength(start, minutes(match[3], match[4]), MINUTES_PER_DAY),
    });
}

/** Parses `ddd:hh:mm-ddd:hh:mm` (UTC, weekly); ElastiCache wants at least 60 minutes. */
export function parseMaintenanceWindow(check: ArgChecker, value: string): Window {
    const match = MAINTENANCE_WINDOW.exec(value);
    if (!match) {
        check.fail("maintenanceWindow", `is "${value}"`, 'a weekly UTC range "ddd:hh:mm-ddd:hh:mm" such as "sun:05:00-sun:06:00"');
    }
    const start = DAYS.indexOf(match[1]) * MINUTES_PER_DAY + minutes(match[2], match[3]);
    const end = DAYS.indexOf(match[4]) * MINUTES_PER_DAY + minutes(match[5], match[6]);
    return atLeastAnHour(check, "maintenanceWindow", value, { start, end: start + cyclicLength(start, end, MINUTES_PER_WEEK) });
}

/** True when the daily snapshot window meets the weekly maintenance window on any day. */
export function windowsOverlap(snapshot: Window, maintenance: Window): boolean {
    return DAYS.some((_, day) => {
        const start = snapshot.start + day * MINUTES_PER_DAY;
        const end = snapshot.end + day * MINUTES_PER_DAY;
        return [-MINUTES_PER_WEEK, 0, MINUTES_PER_WEEK].some((shift) => start < maintenance.end + shift && maintenance.start + shift < end);
    });
}

function cyclicLength(start: number, end: number, period: number): number {
    return (end - start + period) % period;
}

function atLeastAnHour(check: ArgChecker, arg: string, value: string, window: Window): Window {
    if (window.end - window.start < 60) {
        check.fail(arg, `is "${value}", shorter than 60 minutes`, "a window of 60 minutes or more");
    }
    return window;
}
