import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ChildProcess, spawn } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import { toBeValidSarifLog } from "@microsoft/jest-sarif";
import * as pulumi from "@pulumi/pulumi";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as plugin from "@pulumi/pulumi/proto/plugin_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { stringify } from "yaml";
import { PlanGroup, Violation, evaluatePolicies, planGroups, toPlannedResource } from "hardened-redis-gate";
import { policies } from "hardened-redis-policies/policies";
import { MockHarness } from "../support/harness";
import {
    REPO,
    RunResult,
    constructorLines,
    copiesOf,
    declaredEntryPoints,
    readJson,
    rootVersion,
    run,
    succeeded,
    userEnv,
    writeJson,
} from "./helpers";

/**
 * What a user does with the published packages, end to end and outside this repository: `npm pack`
 * each workspace, install the tarballs into a fresh Pulumi TypeScript project, type-check a program
 * that uses all three components, run the installed gate on it (and on a hand-written insecure
 * program), and start the policy pack installed alone as the Pulumi CLI starts it, over gRPC.
 */
expect.extend({ toBeValidSarifLog });

const PACKAGES = ["hardened-redis", "hardened-redis-policies", "hardened-redis-gate"] as const;
type PackageName = (typeof PACKAGES)[number];
const WORKSPACE_OF: Record<PackageName, string> = {
    "hardened-redis": "components",
    "hardened-redis-policies": "policies",
    "hardened-redis-gate": "gate",
};

/** What each tarball must hold besides its package.json's own entry points (and its README and LICENSE, which every package has). */
const REQUIRED_ENTRIES: Record<PackageName, string[]> = {
    "hardened-redis": [
        "package/package.json",
        "package/bin/index.js",
        "package/bin/index.d.ts",
        "package/bin/assets/snapshot-export/index.js",
    ],
    "hardened-redis-policies": [
        "package/package.json",
        "package/bin/index.js",
        "package/PulumiPolicy.yaml",
        "package/bin/policies.js",
        "package/bin/policies.d.ts",
        "package/config/production.json",
        "package/config/development.json",
    ],
    "hardened-redis-gate": [
        "package/package.json",
        "package/bin/cli.js",
        "package/bin/index.js",
        "package/bin/index.d.ts",
        "package/bin/register-typescript.js",
    ],
};

const PROJECT = "consumer-redis";
const STACK = "dev";
const REGION = "eu-west-1";
/** `Pulumi.dev.yaml`'s config: the default AWS region, and two keys the program reads. */
const STACK_CONFIG: Record<string, string> = {
    "aws:region": REGION,
    [`${PROJECT}:team`]: "payments",
    [`${PROJECT}:namespace`]: "payments",
};
const FIXTURE = path.join(__dirname, "fixture");

const COMPONENT = {
    cache: 'hardened-redis:index:ElastiCacheRedis "orders-cache"',
    global: 'hardened-redis:index:GlobalElastiCacheRedis "inventory"',
    kubernetes: 'hardened-redis:index:KubernetesRedis "sessions"',
};
const T = {
    group: "aws:elasticache/replicationGroup:ReplicationGroup",
    datastore: "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
};

const KEEP = process.env.HARDENED_REDIS_KEEP_CONSUMER === "1";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hardened-redis-consumer-"));
const dirs = { tarballs: path.join(work, "tarballs"), project: path.join(work, "project"), packAlone: path.join(work, "pack-alone") };
const timings: Record<string, number> = {};
const tarballs = {} as Record<PackageName, { file: string; version: string }>;
let expected: { resources: number; plan: PlanGroup[]; violations: Violation[] };
let typeCheck: Promise<RunResult>;

function timed(step: string, result: RunResult): RunResult {
    timings[step] = result.ms;
    return result;
}

/** The same program, the same config, under this repository's mock harness and sources: what the installed gate must report. */
async function expectedFromHarness(): Promise<typeof expected> {
    const started = performance.now();
    const harness = new MockHarness();
    await harness.install({ preview: true, project: PROJECT, stack: STACK });
    pulumi.runtime.setAllConfig(STACK_CONFIG);
    await import(path.join(FIXTURE, "index"));
    await harness.settle();
    const result = {
        resources: harness.resources.length,
        plan: planGroups(harness.resources, REGION),
        violations: await evaluatePolicies(harness.resources.map(toPlannedResource)),
    };
    timings["same program under the repository's mock harness"] = Math.round(performance.now() - started);
    return result;
}

async function packWorkspaces(): Promise<void> {
    const workspaces = PACKAGES.flatMap((name) => ["--workspace", WORKSPACE_OF[name]]);
    const packed = succeeded(
        timed(
            "npm pack (prepack builds)",
            await run("npm", ["pack", ...workspaces, "--pack-destination", dirs.tarballs, "--json"], { cwd: REPO, timeoutMs: 240_000 }),
        ),
    );
    for (const entry of JSON.parse(packed.stdout) as { name: PackageName; version: string; filename: string }[]) {
        tarballs[entry.name] = { file: path.join(dirs.tarballs, entry.filename), version: entry.version };
    }
    expect(Object.keys(tarballs).sort()).toEqual([...PACKAGES].sort());
}

/** A fresh Pulumi TypeScript project, as `pulumi new typescript` would lay it out, that depends on the three tarballs. */
function writeProject(): void {
    fs.mkdirSync(dirs.project);
    writeJson(path.join(dirs.project, "package.json"), {
        name: PROJECT,
        version: "1.0.0",
        private: true,
        main: "index.ts",
        dependencies: {
            ...Object.fromEntries(PACKAGES.map((name) => [name, `file:${tarballs[name].file}`])),
            ...Object.fromEntries(
                ["@pulumi/pulumi", "@pulumi/aws", "@pulumi/kubernetes", "@pulumi/random", "@pulumi/tls"].map((name) => [
                    name,
                    rootVersion(name),
                ]),
            ),
        },
        devDependencies: { typescript: rootVersion("typescript"), "@types/node": rootVersion("@types/node") },
    });
    writeJson(path.join(dirs.project, "tsconfig.json"), {
        compilerOptions: {
            strict: true,
            outDir: "bin",
            target: "es2020",
            module: "commonjs",
            moduleResolution: "node",
            sourceMap: true,
            noImplicitReturns: true,
            noFallthroughCasesInSwitch: true,
            forceConsistentCasingInFileNames: true,
        },
        files: ["index.ts", "insecure.ts"],
    });
    fs.writeFileSync(
        path.join(dirs.project, "Pulumi.yaml"),
        stringify({
            name: PROJECT,
            description: "A user's project that consumes the hardened-redis packages",
            runtime: { name: "nodejs", options: { typescript: true } },
        }),
    );
    fs.writeFileSync(path.join(dirs.project, `Pulumi.${STACK}.yaml`), stringify({ config: STACK_CONFIG }));
    for (const file of ["index.ts", "insecure.ts"]) fs.copyFileSync(path.join(FIXTURE, file), path.join(dirs.project, file));
}

async function installProject(): Promise<void> {
    succeeded(
        timed(
            "npm install (project)",
            await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: dirs.project, timeoutMs: 240_000 }),
        ),
    );
}

async function installPackAlone(): Promise<void> {
    fs.mkdirSync(dirs.packAlone);
    succeeded(await run("npm", ["init", "-y"], { cwd: dirs.packAlone }));
    const install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarballs["hardened-redis-policies"].file], {
        cwd: dirs.packAlone,
        timeoutMs: 240_000,
    });
    succeeded(timed("npm install (policy pack alone)", install));
}

beforeAll(async () => {
    const started = performance.now();
    for (const dir of Object.values(dirs)) expect(path.relative(REPO, dir).startsWith("..")).toBe(true);
    fs.mkdirSync(dirs.tarballs);
    // The harness runs in this process while npm packs and installs in others; the two installs are independent.
    const packAndInstall = packWorkspaces().then(() => {
        writeProject();
        return Promise.all([installProject(), installPackAlone()]);
    });
    [expected] = await Promise.all([expectedFromHarness(), packAndInstall]);
    // The type check is the slowest step (the @pulumi/aws declarations); it runs while the gate tests run.
    typeCheck = run(process.execPath, [path.join(dirs.project, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "."], {
        cwd: dirs.project,
        timeoutMs: 240_000,
    });
    timings["set-up (pack, installs, harness)"] = Math.round(performance.now() - started);
}, 420_000);

afterAll(async () => {
    await typeCheck?.catch(() => undefined);
    // A summary of where the time goes, for whoever reads the test output.
    console.log(
        `consumer end-to-end timings (ms):\n${Object.entries(timings)
            .map(([step, ms]) => `  ${step}: ${ms}`)
            .join("\n")}${KEEP ? `\nkept ${work}` : ""}`,
    );
    if (!KEEP) fs.rmSync(work, { recursive: true, force: true });
});

describe("npm pack of each publishable workspace", () => {
    const listings = {} as Record<PackageName, string[]>;
    /** The package.json as packed, which is what the registry would serve. */
    const manifests = {} as Record<PackageName, Record<string, any>>;
    beforeAll(async () => {
        for (const name of PACKAGES) {
            listings[name] = succeeded(await run("tar", ["-tzf", tarballs[name].file], { cwd: dirs.tarballs }))
                .stdout.split("\n")
                .filter(Boolean);
            manifests[name] = JSON.parse(
                succeeded(await run("tar", ["-xzOf", tarballs[name].file, "package/package.json"], { cwd: dirs.tarballs })).stdout,
            );
        }
    });

    it.each(PACKAGES)("%s: the compiled entry points, every path its package.json declares, and the assets", (name) => {
        const files = listings[name];
        expect(files).toEqual(expect.arrayContaining([...REQUIRED_ENTRIES[name], "package/README.md", "package/LICENSE"]));
        for (const entry of declaredEntryPoints(manifests[name])) {
            const present = entry.includes("*")
                ? files.some((f) => f.startsWith(entry.slice(0, entry.indexOf("*"))))
                : files.includes(entry);
            expect([entry, present]).toEqual([entry, true]);
        }
    });

    it.each(PACKAGES)("%s: no TypeScript sources and no tests", (name) => {
        const files = listings[name];
        expect(files.filter((f) => /\.(c|m)?tsx?$/.test(f) && !/\.d\.(c|m)?ts$/.test(f))).toEqual([]);
        expect(files.filter((f) => /(^|\/)(test|tests|__tests__|fixtures)\//.test(f) || /\.(test|spec)\.[^/]*$/.test(f))).toEqual([]);
    });

    it.each(PACKAGES)("%s: dependencies a registry can resolve (no file:, link: or workspace: specs)", (name) => {
        const manifest = manifests[name];
        const specs = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies } as Record<
            string,
            string
        >;
        expect(Object.entries(specs).filter(([, spec]) => /^(file|link|workspace|portal):/.test(spec))).toEqual([]);
    });
});

describe("a fresh Pulumi project that installs the three tarballs", () => {
    const project = (...parts: string[]) => path.join(dirs.project, ...parts);

    it("gets the packed versions and one copy of @pulumi/pulumi, which the components, the gate and the program share", () => {
        for (const name of PACKAGES) expect(readJson(project("node_modules", name, "package.json")).version).toBe(tarballs[name].version);
        expect(copiesOf(dirs.project, "@pulumi/pulumi")).toEqual([path.join("node_modules", "@pulumi", "pulumi")]);
        expect(fs.readFileSync(project("node_modules", "hardened-redis", "bin", "assets", "snapshot-export", "index.js"), "utf8")).toMatch(
            /handler/,
        );
    });

    /** The installed bin, run as npm links it, with the Node.js that runs jest. */
    function gate(...args: string[]): Promise<RunResult> {
        const manifest = readJson(project("node_modules", "hardened-redis-gate", "package.json"));
        const cli = project("node_modules", "hardened-redis-gate", manifest.bin["hardened-redis-gate"]);
        expect(fs.realpathSync(project("node_modules", ".bin", "hardened-redis-gate"))).toBe(fs.realpathSync(cli));
        return run(process.execPath, [cli, ...args], { cwd: dirs.project, timeoutMs: 120_000 });
    }

    it("passes the installed gate with exit 0, planning every component with the stack's config", async () => {
        const result = timed("gate on index.ts", await gate("--json", "report.json"));
        expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
        expect(result.stdout).toContain(`stack ${STACK}`);
        expect(result.stdout).toContain(`Pulumi.${STACK}.yaml`);
        const report = readJson(project("report.json"));
        expect(report).toMatchObject({ program: ".", stack: STACK, exitCode: 0, summary: { mandatory: 0 } });

        // Exactly what this repository's own sources and mock harness plan for the same program and config.
        expect(report.summary.resources).toBe(expected.resources);
        expect(report.plan).toEqual(expected.plan);
        expect(report.violations).toEqual(JSON.parse(JSON.stringify(expected.violations)));
        expect(report.summary.advisory).toBe(expected.violations.length);

        // Each component is in the plan, with its key resources, where its args and the stack config put it.
        const groups = report.plan as PlanGroup[];
        const count = (component: string, type: string, region?: string) =>
            groups
                .filter((g) => g.component === component && (region === undefined || g.region === region))
                .reduce((sum, g) => sum + (g.counts[type] ?? 0), 0);
        const regionsOf = (component: string) =>
            [...new Set(groups.filter((g) => g.component === component && g.region !== "(not regional)").map((g) => g.region))].sort();
        expect(count(COMPONENT.cache, T.group)).toBe(1);
        expect(count(COMPONENT.cache, T.group, REGION)).toBe(1); // aws:region from Pulumi.dev.yaml
        expect(regionsOf(COMPONENT.cache)).toEqual(["aws-global", REGION]); // IAM belongs to no region
        expect(count(COMPONENT.global, T.datastore)).toBe(1);
        expect(count(COMPONENT.global, T.group, "us-east-1")).toBe(1);
        expect(count(COMPONENT.global, T.group, "us-west-2")).toBe(1);
        expect(count(COMPONENT.kubernetes, T.statefulSet, "kubernetes")).toBe(2); // Redis and, with replicas, its sentinels
        expect(groups.map((g) => g.region)).toContain(REGION);
        expect(groups.reduce((sum, g) => sum + g.total, 0)).toBeGreaterThan(3 * 10);
    });

    it("stops a hand-written insecure program in the same project with exit 1, naming the mandatory violations, in text, JSON and SARIF", async () => {
        const result = timed(
            "gate on insecure.ts",
            await gate("--program", "insecure.ts", "--json", "insecure.json", "--sarif", "insecure.sarif"),
        );
        expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 1, stderr: "" });
        const report = readJson(project("insecure.json"));
        expect(report).toMatchObject({ program: "insecure.ts", stack: STACK, exitCode: 1 });
        expect(report.plan.map((g: PlanGroup) => g.region)).toEqual([REGION]);
        const mandatory = [
            ...new Set<string>(
                report.violations.filter((v: Violation) => v.enforcementLevel === "mandatory").map((v: Violation) => v.policyName),
            ),
        ];
        expect(mandatory).toEqual(
            expect.arrayContaining([
                "redis-port-open-to-internet",
                "elasticache-unencrypted-at-rest",
                "elasticache-unencrypted-in-transit",
                "elasticache-without-authentication",
            ]),
        );
        expect(report.summary.mandatory).toBe(report.violations.filter((v: Violation) => v.enforcementLevel === "mandatory").length);
        for (const name of mandatory) expect(result.stdout).toContain(name);

        const log = readJson(project("insecure.sarif"));
        expect(log).toBeValidSarifLog();
        const results = log.runs[0].results as { ruleId: string; level: string; locations: any[] }[];
        expect(results.map((r) => r.ruleId)).toEqual(expect.arrayContaining(mandatory));
        expect(results.filter((r) => r.level === "error")).toHaveLength(report.summary.mandatory);
        // Each result points at the `new aws...(` of its resource, relative to the project (not a git repository).
        const lines = constructorLines(fs.readFileSync(project("insecure.ts"), "utf8"));
        expect(Object.keys(lines).sort()).toEqual(["redis", "redis-open"]);
        const located = results.map((r) => {
            const resource = r.locations[0].logicalLocations?.[0]?.name as string;
            return {
                ruleId: r.ruleId,
                resource,
                uri: r.locations[0].physicalLocation.artifactLocation.uri,
                startLine: r.locations[0].physicalLocation.region?.startLine,
            };
        });
        expect(located).toEqual(located.map((l) => ({ ...l, uri: "insecure.ts", startLine: lines[l.resource] })));
    });

    it("locates violations inside the installed components at the program's `new Component(...)` line, not in node_modules", async () => {
        // A port list that no cache uses turns the advisory default-port rule on every component's replication group.
        writeJson(project("ports.json"), { "elasticache-default-port": { enforcementLevel: "advisory", allowedPorts: [6381] } });
        const result = timed(
            "gate on index.ts with a policy config",
            await gate("--policy-config", "ports.json", "--sarif", "ports.sarif"),
        );
        expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: "" });
        const results = readJson(project("ports.sarif")).runs[0].results as { ruleId: string; locations: any[] }[];
        const lines = constructorLines(fs.readFileSync(project("index.ts"), "utf8"));
        const component = (resource: string) => ["orders-cache", "inventory", "sessions"].find((name) => resource.startsWith(name))!;
        const located = results.map((r) => {
            const resource = r.locations[0].logicalLocations[0].name as string;
            return {
                ruleId: r.ruleId,
                resource,
                uri: r.locations[0].physicalLocation.artifactLocation.uri,
                startLine: r.locations[0].physicalLocation.region.startLine,
            };
        });
        expect([...new Set(located.map((l) => component(l.resource)))].sort()).toEqual(["inventory", "orders-cache", "sessions"]);
        expect(located).toEqual(located.map((l) => ({ ...l, uri: "index.ts", startLine: lines[component(l.resource)] })));
    });

    it("type-checks the program with the project's own tsc, in strict mode, with the packages' declarations", async () => {
        const result = timed("tsc --noEmit (project)", await typeCheck);
        expect({ status: result.status, output: result.stdout + result.stderr }).toEqual({ status: 0, output: "" });
    }, 240_000);
});

describe("the policy pack installed alone and started as the Pulumi CLI starts it", () => {
    let pack: ChildProcess | undefined;
    let client: AnalyzerClient;
    let packStderr = "";
    const packDir = () => path.join(dirs.packAlone, "node_modules", "hardened-redis-policies");

    beforeAll(async () => {
        // The CLI runs `@pulumi/pulumi/cmd/run-policy-pack <engine-address> .` in the pack's folder, which
        // resolves the runner and the pack's @pulumi/policy from the install around it. @pulumi/policy
        // reads the pack's version from the package.json of its working folder and never dials the engine.
        const runner = path.join(dirs.packAlone, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack");
        expect(fs.existsSync(path.join(runner, "index.js"))).toBe(true);
        const started = performance.now();
        pack = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: packDir(), env: userEnv(), stdio: ["ignore", "pipe", "pipe"] });
        pack.stderr!.on("data", (chunk) => (packStderr += chunk));
        const port = await new Promise<string>((resolve, reject) => {
            let stdout = "";
            pack!.stdout!.on("data", (chunk) => {
                stdout += chunk;
                if (stdout.includes("\n")) resolve(stdout.split("\n")[0].trim());
            });
            pack!.once("exit", (code) =>
                reject(new Error(`the policy pack exited with ${code} before printing its port:\n${stdout}\n${packStderr}`)),
            );
        });
        timings["policy pack start-up"] = Math.round(performance.now() - started);
        expect(port).toMatch(/^\d+$/);
        client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    }, 60_000);

    afterAll(() => {
        client?.close();
        if (pack?.pid !== undefined && pack.exitCode === null) process.kill(pack.pid);
    });

    const analyzerInfo = () =>
        new Promise<analyzer.AnalyzerInfo>((resolve, reject) =>
            client.getAnalyzerInfo(new Empty(), (error, info) => (error ? reject(error) : resolve(info))),
        );
    const pluginInfo = () =>
        new Promise<plugin.PluginInfo>((resolve, reject) =>
            client.getPluginInfo(new Empty(), (error, info) => (error ? reject(error) : resolve(info))),
        );

    /** Protobuf enum values to the names @pulumi/policy uses: EnforcementLevel.MANDATORY is "mandatory", PolicySeverity.POLICY_SEVERITY_HIGH is "high". */
    const names = (protoEnum: object, prefix = "") =>
        Object.fromEntries(
            Object.entries(protoEnum).flatMap(([name, value]) =>
                typeof value === "number" ? [[value, name.replace(prefix, "").toLowerCase()]] : [],
            ),
        ) as Record<number, string>;
    const LEVELS = names(analyzer.EnforcementLevel);
    const SEVERITIES = names(analyzer.PolicySeverity, "POLICY_SEVERITY_");

    it("answers GetAnalyzerInfo with the pack hardened-redis at the packed version, and every policy of the repository's list", async () => {
        const info = await analyzerInfo();
        const version = tarballs["hardened-redis-policies"].version;
        expect({ name: info.getName(), version: info.getVersion(), supportsConfig: info.getSupportsconfig() }).toEqual({
            name: "hardened-redis",
            version,
            supportsConfig: true,
        });
        expect(info.getDisplayname()).toContain(version);
        const served = info.getPoliciesList().map((p) => ({
            name: p.getName(),
            enforcementLevel: LEVELS[p.getEnforcementlevel()],
            severity: SEVERITIES[p.getSeverity()],
            description: p.getDescription(),
            configProperties: Object.keys(p.getConfigschema()?.getProperties()?.toJavaScript() ?? {}).sort(),
        }));
        expect(served).toEqual(
            policies.map((p) => ({
                name: p.name,
                enforcementLevel: p.enforcementLevel ?? "advisory",
                severity: p.severity,
                description: p.description,
                configProperties: Object.keys(p.configSchema?.properties ?? {}).sort(),
            })),
        );
        expect(served.length).toBeGreaterThanOrEqual(34);
    });

    it("answers GetPluginInfo with the version of the @pulumi/policy it was installed with", async () => {
        const info = await pluginInfo();
        const policySdk = readJson(path.join(dirs.packAlone, "node_modules", "@pulumi", "policy", "package.json")).version.replace(
            /^v/,
            "",
        );
        expect(info.getVersion()).toBe(policySdk);
        expect(policySdk).toBe(readJson(path.join(REPO, "policies", "package.json")).dependencies["@pulumi/policy"]);
    });
});
