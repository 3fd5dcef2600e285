// Times the offline plan and policy gate end to end (a fresh Node process, as CI runs it) on the
// `global` stack and on generated programs with 1, 10 and 50 ElastiCacheRedis instances.
// Usage: npm run bench:gate [-- --runs 3]
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const GATE_MANIFEST = require.resolve("hardened-redis-gate/package.json");
const GATE_CLI = path.join(path.dirname(GATE_MANIFEST), JSON.parse(fs.readFileSync(GATE_MANIFEST, "utf8")).bin["hardened-redis-gate"]);
const WORK_DIR = path.join(ROOT, ".bench");
const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 3;

function generatedProgram(instances: number): string {
    const file = path.join(WORK_DIR, `instances-${instances}.ts`);
    fs.mkdirSync(WORK_DIR, { recursive: true });
    fs.writeFileSync(
        file,
        [
            `import { ElastiCacheRedis } from "hardened-redis";`,
            `for (let i = 0; i < ${instances}; i++) {`,
            `    new ElastiCacheRedis(\`cache-\${i}\`, { vpcId: "vpc-0abc", subnetIds: ["subnet-0a", "subnet-0b"], allowedSecurityGroupIds: ["sg-0client"] });`,
            `}`,
        ].join("\n"),
    );
    return file;
}

interface Timing {
    label: string;
    resources: number;
    medianMs: number;
}

/** One gate run's wall time; `env` lets a run start with empty caches. */
function runOnce(label: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; resources: number } {
    const report = path.join(WORK_DIR, "report.json");
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [GATE_CLI, ...args, "--json", report], { cwd: ROOT, encoding: "utf8", env });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`gate exited ${result.status} for ${label}:\n${result.stdout}\n${result.stderr}`);
    return { ms, resources: JSON.parse(fs.readFileSync(report, "utf8")).summary.resources };
}

/** The median of `runs` runs, after one run that fills Node's compile cache and the transpile cache. */
function time(label: string, args: string[]): Timing {
    runOnce(label, args);
    const measured = Array.from({ length: runs }, () => runOnce(label, args));
    const durations = measured.map((m) => m.ms).sort((a, b) => a - b);
    return { label, resources: measured[0].resources, medianMs: durations[Math.floor(durations.length / 2)] };
}

/** A first run on a machine: the gate's caches (in the project's node_modules/.cache) are emptied first. */
function coldRun(label: string, args: string[]): number {
    fs.rmSync(path.join(ROOT, "node_modules", ".cache", "hardened-redis-gate"), { recursive: true, force: true });
    return runOnce(label, args).ms;
}

fs.mkdirSync(WORK_DIR, { recursive: true });
const cold = coldRun("stack global", ["--stack", "global"]);
const timings = [
    time("stack global", ["--stack", "global"]),
    ...[1, 10, 50].map((n) => time(`${n} instance${n > 1 ? "s" : ""}`, ["--program", generatedProgram(n)])),
];

console.log(`Offline gate, median of ${runs} runs each after a warm-up run, whole process (Node start, program, policies):`);
console.log("program          resources   wall ms");
for (const t of timings) console.log(`${t.label.padEnd(16)} ${String(t.resources).padStart(9)} ${t.medianMs.toFixed(0).padStart(9)}`);
console.log(`stack global, first run on a machine (empty compile and transpile caches): ${cold.toFixed(0)} ms`);
const [one, ten, fifty] = timings.slice(1);
const perResource = (fifty.medianMs - one.medianMs) / (fifty.resources - one.resources);
const fixed = one.medianMs - perResource * one.resources;
console.log(
    `\nfixed cost ~${fixed.toFixed(0)} ms; marginal cost ${perResource.toFixed(2)} ms per resource (${(perResource * one.resources).toFixed(0)} ms per default instance of ${one.resources} resources)`,
);
console.log(
    `linearity: 10 instances measured ${ten.medianMs.toFixed(0)} ms, linear prediction from 1 and 50: ${(fixed + perResource * ten.resources).toFixed(0)} ms`,
);
