import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { toBeValidSarifLog } from "@microsoft/jest-sarif";
import { GATE_CLI } from "../gate-command";

expect.extend({ toBeValidSarifLog });

const ROOT = path.resolve(__dirname, "../..");
const STACKS = fs.readdirSync(path.join(ROOT, "stacks")).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);

function gate(...args: string[]) {
    const result = spawnSync(process.execPath, [GATE_CLI, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe("the offline plan and policy gate", () => {
    it("knows the stacks the README promises", () => {
        expect(STACKS).toEqual(expect.arrayContaining(["dev", "prod-us-east-1", "prod-eu-west-1"]));
    });

    it.each(STACKS)("passes stack %s with exit 0, printing the plan tree and no mandatory violation", (stack) => {
        const json = path.join(outDir, `${stack}.json`);
        const environment = stack.startsWith("prod") || stack === "global" ? "production" : "development";
        const run = gate("--stack", stack, "--policy-config", `policies/config/${environment}.json`, "--json", json);
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/Resources to create: \d+, in \d+ AWS regions?/);
        expect(run.stdout).toMatch(/hardened-redis:index:\w+ "/);
        const report = JSON.parse(fs.readFileSync(json, "utf8"));
        expect(report.summary.mandatory).toBe(0);
        expect(report.exitCode).toBe(0);
    });

    it("defaults to the dev stack", () => {
        const run = gate();
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/stack dev/);
    });

    it("runs programs as a preview, where outputs computed on create are unknown", () => {
        const run = gate("--program", "test/fixtures/preview-semantics.ts");
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/1\s+aws:sns\/topic:Topic/);
    });

    it("refuses a bad stack config with exit 2, naming the key", () => {
        const run = gate("--program", "test/fixtures/typo-project", "--stack", "typo");
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/hardened-redis:cache: unknown key "nodetype"/);
    });

    it("exits 2 for bad usage", () => {
        expect(gate("--stack", "nope").status).toBe(2);
        expect(gate("--stack", "nope").stderr).toMatch(/no stack "nope".*Known stacks: .*dev/s);
        expect(gate("--frobnicate").status).toBe(2);
        expect(gate("--policy-config", "missing.json").stderr).toMatch(/--policy-config: no file at missing\.json/);
    });

    it("stops a hand-written insecure program with exit 1 and names the policies, in text, JSON and SARIF", () => {
        const json = path.join(outDir, "insecure.json");
        const sarif = path.join(outDir, "insecure.sarif");
        const run = gate("--program", "test/fixtures/insecure-program.ts", "--json", json, "--sarif", sarif);
        expect(run.status).toBe(1);
        const report = JSON.parse(fs.readFileSync(json, "utf8"));
        const mandatory = report.violations.filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory").map((v: { policyName: string }) => v.policyName);
        expect(mandatory.length).toBeGreaterThanOrEqual(3);
        for (const name of mandatory) expect(run.stdout).toContain(name);
        const log = JSON.parse(fs.readFileSync(sarif, "utf8"));
        expect(log).toBeValidSarifLog();
        expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(expect.arrayContaining(mandatory));
        expect(log.runs[0].results.filter((r: { level: string }) => r.level === "error")).toHaveLength(mandatory.length);
    });
});
