/**
 * `docs/ci-workflow.yml` is an example for a user's repository that installs `hardened-redis-policies`
 * and `hardened-redis-gate` from npm. This test validates it as a GitHub workflow, checks what it
 * promises about credentials, and runs its gate step on this repository's own stacks.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { parse } from "yaml";
import { toBeValidSarifLog } from "@microsoft/jest-sarif";

expect.extend({ toBeValidSarifLog });

const ROOT = path.resolve(__dirname, "../..");
const WORKFLOW_FILE = path.join(ROOT, "docs/ci-workflow.yml");
const WORKFLOW_TEXT = fs.readFileSync(WORKFLOW_FILE, "utf8");
const STACKS = fs.readdirSync(path.join(ROOT, "stacks")).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);

type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; env?: Record<string, unknown> };
type Entry = { stack: string; "policy-config": string };
type Job = { if?: string; permissions?: Record<string, string>; strategy: { matrix: { include: Entry[] } }; steps: Step[] };
const workflow = parse(WORKFLOW_TEXT) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };

const jobWith = (test: (s: Step) => boolean) => {
    const found = Object.entries(workflow.jobs).filter(([, job]) => job.steps.some(test));
    expect(found).toHaveLength(1);
    return found[0][1];
};
const gateJob = jobWith((s) => /\bhardened-redis-gate\b/.test(s.run ?? ""));
const previewJob = jobWith((s) => s.uses?.startsWith("pulumi/actions@") ?? false);
const gateStep = gateJob.steps.find((s) => /\bhardened-redis-gate\b/.test(s.run ?? ""))!;
const stepIndex = (job: Job, test: (s: Step) => boolean) => job.steps.findIndex(test);

/** The validator's command-line tool, run with this Node (24) rather than whatever `env node` finds. */
function actionValidator(file: string) {
    return spawnSync(process.execPath, [path.join(ROOT, "node_modules/.bin/action-validator"), file], { cwd: ROOT, encoding: "utf8" });
}

/** `${{ matrix.x }}` replaced by the entry's values, then split into words (the command has no quoting). */
function expand(run: string, entry: Record<string, string>): string[] {
    const expanded = run.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (_, key: string) => {
        if (!(key in entry)) throw new Error(`matrix.${key} is not in the matrix entry`);
        return entry[key];
    });
    expect(expanded).not.toMatch(/\$\{\{/);
    return expanded.trim().split(/\s+/);
}

/**
 * In a user's repository the policy pack is the npm package under node_modules; in this repository the
 * package `hardened-redis-policies` is the `policies/` workspace, so its files are mapped there.
 */
const PACKAGE_DIR = "node_modules/hardened-redis-policies";
function inThisRepository(packagePath: string): string {
    expect(packagePath.startsWith(`${PACKAGE_DIR}/`) || packagePath === PACKAGE_DIR).toBe(true);
    return path.join("policies", path.relative(PACKAGE_DIR, packagePath));
}

/** A GitHub Actions expression, evaluated by GitHub's own library in a Node process of its own (it ships only ECMAScript modules). */
function evaluate(expression: string, context: Record<string, unknown>): boolean {
    const result = spawnSync(process.execPath, [path.join(__dirname, "actions-expression.mjs")], {
        input: JSON.stringify({ expression, context }),
        encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`evaluating ${expression} failed: ${result.stderr}`);
    return result.stdout === "true";
}

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "ci-workflow-"));
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe("docs/ci-workflow.yml", () => {
    it("is a valid GitHub workflow according to action-validator", () => {
        const run = actionValidator(WORKFLOW_FILE);
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
    });

    it("is checked by a validator that does reject a broken workflow", () => {
        const broken = path.join(outDir, "broken-workflow.yml");
        fs.writeFileSync(broken, WORKFLOW_TEXT.replace(/^(\s+)runs-on:/m, "$1runs_on:"));
        const run = actionValidator(broken);
        expect(run.status).toBe(1);
        expect(run.stderr).toMatch(/Additional property 'runs_on' is not allowed/);
    });

    it("runs on pull requests and on pushes to main, with read-only default permissions", () => {
        expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
        expect(workflow.on.push).toEqual({ branches: ["main"] });
        expect(workflow.permissions).toEqual({ contents: "read" });
    });

    it("runs npm ci on Node 24 before anything else in every job", () => {
        for (const job of Object.values(workflow.jobs)) {
            const setup = job.steps.filter((s) => s.uses?.startsWith("actions/setup-node@"));
            expect(setup).toEqual([expect.objectContaining({ uses: "actions/setup-node@v4", with: { "node-version": 24, cache: "npm" } })]);
            const npmCi = stepIndex(job, (s) => s.run === "npm ci");
            expect(npmCi).toBeGreaterThan(stepIndex(job, (s) => s.uses === "actions/setup-node@v4"));
            expect(stepIndex(job, (s) => /\bnpx\b/.test(s.run ?? "") || (s.uses?.startsWith("pulumi/") ?? false))).toBeGreaterThan(npmCi);
        }
    });

    it("gate job: no credentials, no secrets, and SARIF uploaded per stack even when the gate fails", () => {
        const text = JSON.stringify(gateJob);
        expect(text).not.toMatch(/secrets\.|vars\.|configure-aws-credentials|id-token|PULUMI_ACCESS_TOKEN/);
        expect(gateJob.if).toBeUndefined();
        expect(gateJob.permissions).toEqual({ contents: "read", "security-events": "write" });
        expect(gateStep.run).toMatch(/^npx hardened-redis-gate /);
        // The gate transpiles without type-checking, so the program is type-checked first.
        const typeCheck = stepIndex(gateJob, (s) => s.run === "npx tsc --noEmit");
        expect(typeCheck).toBeGreaterThan(stepIndex(gateJob, (s) => s.run === "npm ci"));
        expect(typeCheck).toBeLessThan(stepIndex(gateJob, (s) => s === gateStep));
        const upload = gateJob.steps.filter((s) => s.uses?.startsWith("github/codeql-action/upload-sarif"));
        expect(upload).toHaveLength(1);
        expect(upload[0].uses).toBe("github/codeql-action/upload-sarif@v3");
        expect(upload[0].if).toMatch(/^(\$\{\{\s*)?always\(\)(\s*\}\})?$/);
        expect(stepIndex(gateJob, (s) => s === upload[0])).toBeGreaterThan(stepIndex(gateJob, (s) => s === gateStep));
        for (const entry of gateJob.strategy.matrix.include) {
            const args = expand(gateStep.run!, entry);
            expect(expand(String(upload[0].with!.sarif_file), entry)).toEqual([args[args.indexOf("--sarif") + 1]]);
        }
        const categories = gateJob.strategy.matrix.include.map((entry) => expand(String(upload[0].with!.category), entry).join(" "));
        expect(new Set(categories).size).toBe(categories.length);
    });

    it("gate job: covers exactly this repository's stacks, development config for development stacks", () => {
        const entries = gateJob.strategy.matrix.include;
        expect(entries.map((e) => e.stack).sort()).toEqual([...STACKS].sort());
        expect(entries.map((e) => e.stack).sort()).toEqual([
            "dev",
            "global",
            "k8s-dev",
            "prod-eu-west-1",
            "prod-serverless",
            "prod-sharded",
            "prod-us-east-1",
        ]);
        const expected: Record<string, string> = {
            dev: "development",
            "k8s-dev": "development",
            "prod-us-east-1": "production",
            "prod-eu-west-1": "production",
            "prod-sharded": "production",
            "prod-serverless": "production",
            global: "production",
        };
        for (const entry of entries) expect(entry["policy-config"]).toBe(`${PACKAGE_DIR}/config/${expected[entry.stack]}.json`);
    });

    it("names policy-pack files that the published package ships", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "policies/package.json"), "utf8")) as { name: string; files: string[] };
        expect(manifest.name).toBe("hardened-redis-policies");
        expect(manifest.files).toEqual(expect.arrayContaining(["config/*.json", "PulumiPolicy.yaml"]));
        const pack = previewJob.steps.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
        expect(pack.with!.policyPacks).toBe(PACKAGE_DIR);
        expect(fs.existsSync(path.join(ROOT, inThisRepository(PACKAGE_DIR), "PulumiPolicy.yaml"))).toBe(true);
        for (const entry of [...gateJob.strategy.matrix.include, ...previewJob.strategy.matrix.include]) {
            expect(fs.existsSync(path.join(ROOT, inThisRepository(entry["policy-config"])))).toBe(true);
        }
    });

    it("preview job: the real pulumi preview with the pack and the same per-stack config, with AWS OIDC", () => {
        expect(previewJob.permissions).toEqual({ contents: "read", "id-token": "write" });
        const credentials = stepIndex(previewJob, (s) => s.uses === "aws-actions/configure-aws-credentials@v4");
        const preview = stepIndex(previewJob, (s) => s.uses === "pulumi/actions@v6");
        expect(credentials).toBeGreaterThanOrEqual(0);
        expect(preview).toBeGreaterThan(credentials);
        const step = previewJob.steps[preview];
        expect(step.with).toEqual(
            expect.objectContaining({ command: "preview", policyPacks: PACKAGE_DIR, policyPackConfigs: "${{ matrix.policy-config }}" }),
        );
        expect(step.env).toEqual({ PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}" });
        const gateConfig = new Map(gateJob.strategy.matrix.include.map((e) => [e.stack, e["policy-config"]]));
        expect(previewJob.strategy.matrix.include.length).toBeGreaterThan(0);
        for (const entry of previewJob.strategy.matrix.include) expect(entry["policy-config"]).toBe(gateConfig.get(entry.stack));
    });

    it("preview job: never runs on a pull request without credentials", () => {
        const condition = previewJob.if!.replace(/^\$\{\{\s*|\s*\}\}$/g, "");
        const role = /vars\.(\w+)/.exec(condition)?.[1];
        expect(role).toBeDefined();
        expect(JSON.stringify(previewJob.steps)).toContain(`vars.${role}`);
        const runs = (event: "push" | "pull_request", vars: Record<string, string>, headRepo = "me/app") =>
            evaluate(condition, {
                vars,
                github: {
                    event_name: event,
                    repository: "me/app",
                    event: event === "pull_request" ? { pull_request: { head: { repo: { full_name: headRepo } } } } : {},
                },
            });
        const configured = { [role!]: "arn:aws:iam::123456789012:role/pulumi-preview" };
        expect(runs("push", configured)).toBe(true);
        expect(runs("pull_request", configured)).toBe(true); // a branch of this repository
        expect(runs("push", {})).toBe(false); // credentials not configured yet
        expect(runs("pull_request", {})).toBe(false);
        expect(runs("pull_request", {}, "someone/app")).toBe(false); // a fork: GitHub passes no variables and no secrets
        expect(runs("pull_request", configured, "someone/app")).toBe(false); // a fork, even if variables were passed
    });

    // Each run is a fresh gate process (~3 s); the entries run one after another.
    it.each(gateJob.strategy.matrix.include.map((entry) => [entry.stack, entry] as const))(
        "gate step passes with exit 0 for stack %s with the config it names",
        (stack, entry) => {
            const sarif = path.join(outDir, `${stack}.sarif`);
            const json = path.join(outDir, `${stack}.json`);
            const [npx, bin, ...args] = expand(gateStep.run!, entry);
            expect([npx, bin]).toEqual(["npx", "hardened-redis-gate"]);
            const config = args.indexOf("--policy-config") + 1;
            expect(args[config]).toBe(entry["policy-config"]);
            args[config] = inThisRepository(args[config]);
            args[args.indexOf("--sarif") + 1] = sarif;
            args[args.indexOf("--json") + 1] = json;
            const run = spawnSync(process.execPath, ["gate/bin/cli.js", ...args], { cwd: ROOT, encoding: "utf8", timeout: 110_000 });
            expect(run.stderr).toBe("");
            expect(run.status).toBe(0);
            const report = JSON.parse(fs.readFileSync(json, "utf8"));
            expect(report).toEqual(expect.objectContaining({ stack, exitCode: 0 }));
            expect(report.summary.mandatory).toBe(0);
            expect(JSON.parse(fs.readFileSync(sarif, "utf8"))).toBeValidSarifLog();
        },
        120_000,
    );

    it("production config on the dev stack fails, which is why the config is chosen per stack", () => {
        const json = path.join(outDir, "dev-production.json");
        const run = spawnSync(
            process.execPath,
            ["gate/bin/cli.js", "--stack", "dev", "--policy-config", "policies/config/production.json", "--json", json],
            { cwd: ROOT, encoding: "utf8", timeout: 110_000 },
        );
        expect(run.status).toBe(1);
        expect(JSON.parse(fs.readFileSync(json, "utf8")).violations.map((v: { policyName: string }) => v.policyName)).toContain(
            "elasticache-automatic-backups-disabled",
        );
    }, 120_000);
});
