import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { toBeValidSarifLog } from "@microsoft/jest-sarif";
import type { Log, Result } from "sarif";
import { SarifInput, toSarif } from "hardened-redis-gate";
import { GATE_CLI } from "../support/gate-command";

expect.extend({ toBeValidSarifLog });

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "test", "fixtures", "sarif");
const RAW = path.join(FIXTURES, "raw-program.ts");
const COMPONENT = path.join(FIXTURES, "component-program.ts");
const SECURITY_SEVERITY: Record<string, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" };
const FINGERPRINT = "hardenedRedisResource/v1";

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "gate-sarif-"));
// Moved copies of the fixtures must stay in the repository: their imports resolve from its node_modules,
// and their URNs (project, stack) and repository root stay those of the originals.
const copyDir = fs.mkdtempSync(path.join(FIXTURES, ".tmp-"));
afterAll(() => {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(copyDir, { recursive: true, force: true });
});

let runs = 0;
/** Runs the gate on a program, as CI would, and returns its SARIF log, checked against the SARIF schema. */
function gateSarif(program: string): Log {
    const sarif = path.join(outDir, `${++runs}.sarif`);
    const args = ["--program", path.relative(ROOT, program), "--policy-config", "policies/config/production.json", "--sarif", sarif];
    const run = spawnSync(process.execPath, [GATE_CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 1, stderr: "" });
    const log = JSON.parse(fs.readFileSync(sarif, "utf8"));
    expect(log).toBeValidSarifLog();
    return log;
}

/** The region of the `new` on the line that ends with the comment `sarif-marker: <marker>`. */
function markedRegion(file: string, marker: string): { startLine: number; startColumn: number } {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    const index = lines.findIndex((line) => line.endsWith(`// sarif-marker: ${marker}`));
    if (index < 0) throw new Error(`no marker ${marker} in ${file}`);
    return { startLine: index + 1, startColumn: lines[index].indexOf("new ") + 1 };
}

const repositoryUri = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const resourceOf = (result: Result) => result.locations?.[0].logicalLocations?.[0].name;
const locationOf = (result: Result) => result.locations?.[0].physicalLocation;
/** Each result's fingerprint, by rule and resource. */
const fingerprints = (log: Log) =>
    Object.fromEntries(log.runs[0].results!.map((r) => [`${r.ruleId} ${resourceOf(r)}`, r.partialFingerprints?.[FINGERPRINT]]));

/** A copy of a fixture, in the repository, with a blank line inserted at the top. */
function shiftedCopy(file: string): string {
    const copy = path.join(copyDir, path.basename(file));
    fs.writeFileSync(copy, "\n" + fs.readFileSync(file, "utf8"));
    return copy;
}

describe("SARIF from the gate", () => {
    let raw: Log;
    let component: Log;
    beforeAll(() => {
        raw = gateSarif(RAW);
        component = gateSarif(COMPONENT);
    });

    it("places each result of a hand-written program at the `new` of its resource, relative to the repository", () => {
        const expected: Record<string, ReturnType<typeof markedRegion>> = {
            "redis-open": markedRegion(RAW, "security-group"),
            redis: markedRegion(RAW, "replication-group"),
        };
        const results = raw.runs[0].results!;
        expect(new Set(results.map(resourceOf))).toEqual(new Set(Object.keys(expected)));
        for (const result of results) {
            expect(locationOf(result)).toEqual({
                artifactLocation: { uri: repositoryUri(RAW), uriBaseId: "%SRCROOT%" },
                region: expected[resourceOf(result)!],
            });
        }
    });

    it("places results on a component's children at the program's `new ElastiCacheRedis(...)`, and falls back to the parent's line, then to line 1", () => {
        const artifactLocation = { uri: repositoryUri(COMPONENT), uriBaseId: "%SRCROOT%" };
        const expected: Record<string, object> = {
            "cache-group": { artifactLocation, region: markedRegion(COMPONENT, "component") },
            // The not-judged advisory on the export bucket, whose policy is unknown during preview.
            "cache-backups": { artifactLocation, region: markedRegion(COMPONENT, "component") },
            "open-from-apply": { artifactLocation, region: markedRegion(COMPONENT, "component") },
            "orphan-from-apply": { artifactLocation, region: { startLine: 1 } },
        };
        const results = component.runs[0].results!;
        expect(new Set(results.map(resourceOf))).toEqual(new Set(Object.keys(expected)));
        for (const result of results) expect(locationOf(result)).toEqual(expected[resourceOf(result)!]);
    });

    it("gives every rule the security tag and a security-severity that matches its severity", () => {
        const rules = raw.runs[0].tool.driver.rules!;
        expect(rules.length).toBeGreaterThan(0);
        for (const rule of rules) {
            expect(rule.properties).toEqual(
                expect.objectContaining({
                    tags: ["security"],
                    "security-severity": SECURITY_SEVERITY[rule.properties!.severity as string],
                }),
            );
            expect(rule.properties!["security-severity"]).toBeDefined();
        }
    });

    it("fingerprints each result by policy and resource: the same in another run and when the program's lines move", () => {
        for (const log of [raw, component]) {
            const values = Object.values(fingerprints(log));
            for (const value of values) expect(value).toMatch(/^[0-9a-f]{64}$/);
            expect(new Set(values).size).toBe(values.length);
        }
        expect(fingerprints(gateSarif(RAW))).toEqual(fingerprints(raw));

        for (const [file, log] of [
            [RAW, raw],
            [COMPONENT, component],
        ] as const) {
            const copy = shiftedCopy(file);
            const moved = gateSarif(copy);
            expect(fingerprints(moved)).toEqual(fingerprints(log));
            const startLines = (l: Log) => l.runs[0].results!.map((r) => locationOf(r)?.region?.startLine);
            // Results placed at a line of the program moved down with it; those at the line-1 fallback did not.
            expect(startLines(moved)).toEqual(startLines(log).map((line) => (line === 1 ? 1 : line! + 1)));
            expect(locationOf(moved.runs[0].results![0])?.artifactLocation?.uri).toBe(repositoryUri(copy));
        }
    });
});

describe("toSarif", () => {
    // A repository whose program is in package "app" and which holds a component package "lib" of its
    // own, as npm workspaces lay them out (linked into node_modules, but run from its real folder).
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "sarif-repository-")));
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "app" }));
    fs.mkdirSync(path.join(root, "infra"));
    fs.writeFileSync(path.join(root, "infra", "index.ts"), "");
    fs.mkdirSync(path.join(root, "lib"));
    fs.writeFileSync(path.join(root, "lib", "package.json"), JSON.stringify({ name: "lib" }));
    const program = path.join(root, "infra", "index.ts");
    const library = path.join(root, "lib", "component.js");

    const resource = (urn: string, stack: SarifInput["resources"][number]["stack"], parent?: string): SarifInput["resources"][number] => ({
        type: urn.split("::")[2],
        name: urn.split("::")[3],
        urn,
        inputs: {},
        id: "",
        parent,
        dependencies: [],
        propertyDependencies: {},
        stack,
    });
    const urn = (type: string, name: string) => `urn:pulumi:dev::app::${type}::${name}`;
    const component = urn("lib:index:Cache", "cache");
    const child = urn("lib:index:Cache$aws:elasticache/replicationGroup:ReplicationGroup", "cache-group");
    const orphan = urn("aws:ec2/securityGroup:SecurityGroup", "orphan");
    const elsewhere = urn("aws:ec2/securityGroup:SecurityGroup", "elsewhere");

    const input = (programLine: number, message: string): SarifInput => ({
        violations: [child, orphan, elsewhere].map((u) => ({
            policyName: "no-plaintext",
            enforcementLevel: "mandatory",
            message,
            urn: u,
            resourceName: u.split("::")[3],
        })),
        rules: [
            { name: "no-plaintext", description: "Encrypt it.", severity: "critical" },
            { name: "no-tags", description: "Tag it.", severity: "low" },
        ],
        resources: [
            resource(component, [
                { file: library, line: 30, column: 9 },
                { file: program, line: programLine, column: 15 },
            ]),
            // Made inside the component's code: only its parent has a frame in the program.
            resource(child, [{ file: library, line: 40, column: 5 }], component),
            resource(orphan, []),
            resource(elsewhere, [{ file: path.join(os.tmpdir(), "outside-the-repository.ts"), line: 3, column: 1 }]),
        ],
        repositoryRoot: root,
        programUri: path.join("infra", "index.ts"),
        toolVersion: "1.2.3",
        // Stands in for the gate's source-map lookup: the program's line 20 in the code Node ran is line 7.
        originalPosition: (position) => (position.line === 20 ? { ...position, line: 7 } : position),
    });

    it("writes valid SARIF whose results point at the program's line of the resource or its ancestor, else at line 1", () => {
        const log = toSarif(input(20, "Encrypt it."));
        expect(log).toBeValidSarifLog();
        const [childResult, orphanResult, elsewhereResult] = log.runs[0].results!;
        expect(locationOf(childResult)).toEqual({
            artifactLocation: { uri: "infra/index.ts", uriBaseId: "%SRCROOT%" },
            region: { startLine: 7, startColumn: 15 },
        });
        expect(locationOf(orphanResult)).toEqual({
            artifactLocation: { uri: "infra/index.ts", uriBaseId: "%SRCROOT%" },
            region: { startLine: 1 },
        });
        expect(locationOf(elsewhereResult)).toEqual(locationOf(orphanResult));
        expect(childResult.locations![0].logicalLocations).toEqual([{ fullyQualifiedName: child, name: "cache-group", kind: "resource" }]);
        expect(log.runs[0].tool.driver.rules!.map((r) => r.properties)).toEqual([
            { tags: ["security"], severity: "critical", "security-severity": "9.5" },
            { tags: ["security"], severity: "low", "security-severity": "3.0" },
        ]);
    });

    it("fingerprints by policy and resource only, not by line or message", () => {
        const before = toSarif(input(20, "Encrypt it.")).runs[0].results!.map((r) => r.partialFingerprints);
        const after = toSarif(input(21, "Encrypt it, please.")).runs[0].results!.map((r) => r.partialFingerprints);
        expect(after).toEqual(before);
        expect(new Set(before.map((f) => f?.[FINGERPRINT])).size).toBe(3);
    });
});
