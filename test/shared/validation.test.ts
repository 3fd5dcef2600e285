import { ArgChecker, InvalidArgumentError, closestName } from "../../components/shared/validation";

describe("ArgChecker.knownKeys", () => {
    const check = new ArgChecker("Thing", "t");
    const names = ["nodeType", "snapshotRetentionDays", "kmsKeyArn", "port"] as const;

    it("passes an object that holds only allowed names, whatever their values", () => {
        expect(() => check.knownKeys("", { nodeType: "x", port: undefined }, names)).not.toThrow();
    });

    it.each([
        [
            "",
            { nodetype: 1 },
            'Thing "t": nodetype is not an argument. Did you mean nodeType? Allowed: nodeType, snapshotRetentionDays, kmsKeyArn, port.',
        ],
        [
            "",
            { snapshotRetentionDay: 1 },
            'Thing "t": snapshotRetentionDay is not an argument. Did you mean snapshotRetentionDays? Allowed: nodeType, snapshotRetentionDays, kmsKeyArn, port.',
        ],
        [
            "a[0]",
            { kmsKey: 1 },
            'Thing "t": a[0].kmsKey is not an argument. Did you mean a[0].kmsKeyArn? Allowed: nodeType, snapshotRetentionDays, kmsKeyArn, port.',
        ],
        ["", { zzz: 1 }, 'Thing "t": zzz is not an argument. Allowed: nodeType, snapshotRetentionDays, kmsKeyArn, port.'],
    ])("at %j refuses %j", (at, value, message) => {
        expect(() => check.knownKeys(at, value, names)).toThrow(new InvalidArgumentError(message));
    });
});

describe("closestName", () => {
    it("prefers a case-only difference, then few edits, then a shared prefix, and gives up on unrelated names", () => {
        expect(closestName("NODETYPE", ["port", "nodeType"])).toBe("nodeType");
        expect(closestName("replica", ["replicas", "port"])).toBe("replicas");
        expect(closestName("role", ["name", "roleArn", "secretName"])).toBe("roleArn");
        expect(closestName("colour", ["vpcId", "port"])).toBeUndefined();
        expect(closestName("ab", ["abcdef"])).toBeUndefined();
    });
});
