import { cidrProblem } from "../../components/aws/cidr";
import { resolveEngine } from "../../components/aws/engine";
import { parseMaintenanceWindow, parseSnapshotWindow, windowsOverlap } from "../../components/aws/windows";
import { ArgChecker } from "../../components/shared/validation";

const check = new ArgChecker("ElastiCacheRedis", "c");

describe("cidrProblem", () => {
    it.each(["10.0.0.0/8", "10.1.2.0/24", "172.16.0.0/12", "172.31.255.0/28", "192.168.0.0/16", "100.64.0.0/10", "2600:1f18::/56", "fd00:1::/64"])("accepts %s", (cidr) => {
        expect(cidrProblem(cidr)).toBeUndefined();
    });
    it.each([
        ["0.0.0.0/0", "is public or wider than a private range"],
        ["10.0.0.0/7", "is public or wider than a private range"],
        ["172.0.0.0/8", "is public or wider than a private range"],
        ["8.8.8.8/32", "is public or wider than a private range"],
        ["::/0", "is wider than /56"],
        ["2600::/8", "is wider than /56"],
        ["not-a-cidr", "is not a CIDR block"],
    ])("refuses %s", (cidr, problem) => {
        expect(cidrProblem(cidr)).toBe(problem);
    });
});

describe("resolveEngine", () => {
    it("derives the parameter group family from engine and major version", () => {
        expect(resolveEngine(check, undefined, undefined)).toEqual({ engine: "redis", version: "7.1", parameterGroupFamily: "redis7" });
        expect(resolveEngine(check, "valkey", "7.2")).toEqual({ engine: "valkey", version: "7.2", parameterGroupFamily: "valkey7" });
        expect(resolveEngine(check, "valkey", undefined)).toEqual({ engine: "valkey", version: "8.1", parameterGroupFamily: "valkey8" });
    });
});

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
