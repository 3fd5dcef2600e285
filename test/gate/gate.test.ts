import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { toBeValidSarifLog } from "@microsoft/jest-sarif";
import { GATE_CLI } from "../support/gate-command";

expect.extend({ toBeValidSarifLog });

const ROOT = path.resolve(__dirname, "../..");
const STACKS = fs.readdirSync(path.join(ROOT, "stacks")).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);

const PROJECTS = path.join(ROOT, "test", "fixtures", "projects");

function gateIn(cwd: string, ...args: string[]) {
    const result = spawnSync(process.execPath, [GATE_CLI, ...args], { cwd, encoding: "utf8", timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const gate = (...args: string[]) => gateIn(ROOT, ...args);

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
        expect(run.stdout).toMatch(
            stack.startsWith("k8s") ? /^Resources to create: \d+$/m : /^Resources to create: \d+, in \d+ AWS regions?$/m,
        );
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
        expect(gate("--frobnicate")).toEqual({ status: 2, stdout: "", stderr: "error: unknown option '--frobnicate'\n" });
        expect(gate("--policy-config", "missing.json").stderr).toMatch(/--policy-config: no file at .*missing\.json/);
    });

    it("stops a hand-written insecure program with exit 1 and names the policies, in text, JSON and SARIF", () => {
        const json = path.join(outDir, "insecure.json");
        const sarif = path.join(outDir, "insecure.sarif");
        const run = gate("--program", "test/fixtures/insecure-program.ts", "--json", json, "--sarif", sarif);
        expect(run.status).toBe(1);
        const report = JSON.parse(fs.readFileSync(json, "utf8"));
        const mandatory = report.violations
            .filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory")
            .map((v: { policyName: string }) => v.policyName);
        expect(mandatory.length).toBeGreaterThanOrEqual(3);
        for (const name of mandatory) expect(run.stdout).toContain(name);
        const log = JSON.parse(fs.readFileSync(sarif, "utf8"));
        expect(log).toBeValidSarifLog();
        expect(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(expect.arrayContaining(mandatory));
        expect(log.runs[0].results.filter((r: { level: string }) => r.level === "error")).toHaveLength(mandatory.length);
    });
});

describe("the gate on Kubernetes objects that arrive through other resources", () => {
    it("opens YAML ConfigGroups, patches and Helm releases, and stops the program", () => {
        const json = path.join(outDir, "manifests.json");
        const run = gate("--program", "test/fixtures/kubernetes-manifests.ts", "--json", json);
        expect(run.stderr).toBe("");
        expect(run.status).toBe(1);
        const report = JSON.parse(fs.readFileSync(json, "utf8"));
        const found = report.violations.map((v: { policyName: string; resourceName?: string }) => `${v.policyName} ${v.resourceName}`);
        expect(found).toEqual(
            expect.arrayContaining([
                // The v1 ConfigGroup's YAML, decoded offline and registered by the SDK as its own Service.
                "k8s-redis-service-exposed cache/redis-public",
                "k8s-redis-service-exposed open-up",
                // The v2 ConfigGroup's objects, registered as its children the way the provider registers them.
                "k8s-redis-pod-security-violation inline:cache/redis",
                "k8s-redis-writable-root-filesystem inline:cache/redis",
                "k8s-redis-helm-chart-insecure cache",
                "k8s-redis-helm-chart-insecure queue",
            ]),
        );
    });
});

describe("the gate in any Pulumi project", () => {
    it("prints its own version", () => {
        const version = JSON.parse(fs.readFileSync(path.join(ROOT, "gate", "package.json"), "utf8")).version;
        expect(gate("--version")).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
    });

    it("answers AWS lookups in the stack's region, as the provider configured by aws:region would", () => {
        const json = path.join(outDir, "lookups.json");
        const run = gate("--program", "test/fixtures/projects/region-lookup", "--json", json);
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        expect(regionsOf(json)).toEqual(["ap-southeast-2"]);
    });

    const regionsOf = (json: string) => JSON.parse(fs.readFileSync(json, "utf8")).plan.map((g: { region: string }) => g.region);

    it("finds Pulumi.yaml from the current folder, uses its only stack file (in stackConfigDir) and resolves paths against the current folder", () => {
        const cwd = path.join(PROJECTS, "one-stack");
        const json = path.relative(cwd, path.join(outDir, "one-stack.json"));
        const run = gateIn(cwd, "--json", json);
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(
            /^Offline plan of project one-stack \(test\/fixtures\/projects\/one-stack\), stack staging \(config test\/fixtures\/projects\/one-stack\/config\/Pulumi\.staging\.yaml;/m,
        );
        expect(run.stdout).toContain(`JSON report written to ${path.join(outDir, "one-stack.json")}`);
        expect(regionsOf(path.join(outDir, "one-stack.json"))).toEqual(["eu-central-1"]);
        expect(JSON.parse(fs.readFileSync(path.join(outDir, "one-stack.json"), "utf8")).summary).toEqual({
            resources: 1,
            toCreate: 1,
            mandatory: 0,
            advisory: 0,
        });
    });

    it("evaluates the project that --program names, not the one it runs from", () => {
        const json = path.join(outDir, "from-root.json");
        const run = gate("--program", "test/fixtures/projects/one-stack", "--json", json);
        expect(run.status).toBe(0);
        expect(regionsOf(json)).toEqual(["eu-central-1"]);
    });

    it("stops with exit 2 and lists the stacks when there are several and none is dev", () => {
        const run = gateIn(path.join(PROJECTS, "two-stacks"));
        expect(run.status).toBe(2);
        expect(run.stderr).toBe('error: several stacks and none named "dev": choose one with --stack (blue, green)\n');
        const chosen = gateIn(path.join(PROJECTS, "two-stacks"), "--stack", "green", "--json", path.join(outDir, "green.json"));
        expect(chosen.status).toBe(0);
        expect(regionsOf(path.join(outDir, "green.json"))).toEqual(["us-east-2"]);
    });

    it("stops with exit 2 when the program registers no resources", () => {
        const run = gateIn(path.join(PROJECTS, "no-resources"));
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(
            /^error: the program test\/fixtures\/projects\/no-resources \(stack dev\) registered no resources, so there is nothing to judge/,
        );
        expect(run.stdout).toBe("");
    });

    it("still writes the JSON and SARIF reports when it stops with exit 2, so that CI uploads the failure", () => {
        const json = path.join(outDir, "failed.json");
        const sarif = path.join(outDir, "failed.sarif");
        const run = gateIn(path.join(PROJECTS, "no-resources"), "--json", json, "--sarif", sarif);
        expect(run.status).toBe(2);
        const report = JSON.parse(fs.readFileSync(json, "utf8"));
        expect(report).toEqual({ error: expect.stringMatching(/registered no resources/), exitCode: 2 });
        const log = JSON.parse(fs.readFileSync(sarif, "utf8"));
        expect(log).toBeValidSarifLog();
        expect(log.runs[0].results).toEqual([]);
        expect(log.runs[0].invocations).toEqual([
            { executionSuccessful: false, exitCode: 2, toolExecutionNotifications: [{ level: "error", message: { text: report.error } }] },
        ]);
    });

    it("loads a program folder as a folder, even beside a file of the same name", () => {
        const parent = fs.mkdtempSync(path.join(PROJECTS, ".tmp-sibling-"));
        try {
            const folder = path.join(parent, "infra");
            fs.cpSync(path.join(PROJECTS, "one-stack"), folder, { recursive: true });
            fs.writeFileSync(path.join(parent, "infra.js"), 'throw new Error("the sibling file ran");\n');
            fs.writeFileSync(path.join(parent, "infra.json"), "{}\n");
            const run = gateIn(folder);
            expect(run.stderr).toBe("");
            expect(run.status).toBe(0);
        } finally {
            fs.rmSync(parent, { recursive: true, force: true });
        }
    });

    it("lists its exit codes and says that it does not type-check, in --help", () => {
        const run = gate("--help");
        expect(run.status).toBe(0);
        expect(run.stdout).toContain(
            "Exit codes: 0 no mandatory violation, 1 mandatory violations, 2 bad usage, a program error or no resources.",
        );
        expect(run.stdout).toContain("run tsc --noEmit before the gate");
    });

    it("stops with exit 2 outside any Pulumi project", () => {
        const run = gateIn(outDir);
        expect(run.status).toBe(2);
        expect(run.stderr).toMatch(/^error: no Pulumi\.yaml in .* or above it/);
    });

    it("prints each program error once", () => {
        const run = gate("--program", "test/fixtures/typo-project", "--stack", "typo");
        expect(run.stderr.match(/unknown key "nodetype"/g)).toHaveLength(1);
    });

    it("labels every time figure with what it measures, and shows no progress line when not on a terminal", () => {
        const run = gateIn(path.join(PROJECTS, "one-stack"));
        expect(run.stdout).toMatch(
            /^Time: program under mocks \d+\.\d\d s, policy evaluation \d+\.\d\d s, Node\.js start-up and module loading \d+\.\d\d s, whole run \d+\.\d\d s \(wall clock\)$/m,
        );
        expect(run.stderr).toBe("");
    });
});
