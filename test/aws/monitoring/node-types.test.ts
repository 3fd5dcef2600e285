import { NODE_TYPES, nodeSpec } from "../../../components/aws/monitoring/node-types";

describe("the node type table", () => {
    it.each([
        ["cache.t2.micro", 1, 0.555],
        ["cache.t2.small", 1, 1.55],
        ["cache.t2.medium", 2, 3.22],
        ["cache.t3.micro", 2, 0.5],
        ["cache.t4g.medium", 2, 3.09],
        ["cache.m4.10xlarge", 40, 154.64],
        ["cache.m5.24xlarge", 96, 314.32],
        ["cache.m7g.large", 2, 6.38],
        ["cache.r4.16xlarge", 64, 407],
        ["cache.r6gd.xlarge", 4, 26.32],
        ["cache.r7g.large", 2, 13.07],
        ["cache.r7g.16xlarge", 64, 419.09],
        ["cache.r8g.12xlarge", 48, 377.9],
        ["cache.c7gn.large", 2, 3.09],
        ["cache.c8gn.16xlarge", 64, 124.65],
    ])("knows %s: %i vCPUs, %d GiB", (nodeType, vcpus, memoryGiB) => {
        expect(nodeSpec(nodeType)).toEqual({ vcpus, memoryGiB });
    });

    it("lists the current-generation families with whole vCPU counts and positive memory", () => {
        const families = new Set(Object.keys(NODE_TYPES).map((t) => t.split(".")[1]));
        expect([...families].sort()).toEqual([
            "c7gn",
            "c8gn",
            "m4",
            "m5",
            "m6g",
            "m7g",
            "m8g",
            "r4",
            "r5",
            "r6g",
            "r6gd",
            "r7g",
            "r8g",
            "t2",
            "t3",
            "t4g",
        ]);
        expect(Object.keys(NODE_TYPES)).toHaveLength(94);
        for (const [nodeType, spec] of Object.entries(NODE_TYPES)) {
            expect([nodeType, Number.isInteger(spec.vcpus) && spec.vcpus > 0, spec.memoryGiB > 0]).toEqual([nodeType, true, true]);
        }
    });

    it("knows no previous-generation, misspelt or prototype names", () => {
        for (const nodeType of ["cache.m3.medium", "cache.r7g.larg", "cache.r6gd.large", "constructor", "toString"]) {
            expect(nodeSpec(nodeType)).toBeUndefined();
        }
    });
});
