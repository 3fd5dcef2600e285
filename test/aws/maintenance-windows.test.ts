import { parseMaintenanceWindow, parseSnapshotWindow, windowsOverlap } from "../../components/aws/maintenance-windows";
import { ArgChecker } from "../../components/shared/validation";

const check = new ArgChecker("ElastiCacheRedis", "c");

describe("maintenance and snapshot windows", () => {
    it("parses windows into minutes of the week, across midnight and the week's end", () => {
        expect(parseSnapshotWindow(check, "23:30-01:00")).toEqual({ start: 1410, end: 1500 });
        expect(parseMaintenanceWindow(check, "sat:23:00-sun:01:00")).toEqual({ start: 6 * 1440 + 1380, end: 6 * 1440 + 1500 });
    });

    it("finds overlaps on any day, including the wrap from Saturday to Sunday", () => {
        const maintenance = parseMaintenanceWindow(check, "sat:23:00-sun:01:00");
        expect(windowsOverlap(parseSnapshotWindow(check, "00:00-02:00"), maintenance)).toBe(true);
        expect(windowsOverlap(parseSnapshotWindow(check, "02:00-04:00"), maintenance)).toBe(false);
        expect(windowsOverlap(parseSnapshotWindow(check, "03:00-05:00"), parseMaintenanceWindow(check, "wed:04:00-wed:05:00"))).toBe(true);
    });
});
