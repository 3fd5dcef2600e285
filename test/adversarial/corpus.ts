// The adversarial corpus: each file of programs/ is a hand-written Pulumi program whose header says
// what the gate must decide about it. This module reads those headers, runs the programs through the
// gate (run-corpus.ts, in child processes started as the gate's command line starts) and matches the
// findings against the headers.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Violation } from "hardened-redis-gate";

export const CORPUS_DIR = __dirname;
export const PROGRAMS_DIR = path.join(CORPUS_DIR, "programs");

/**
 * What the gate must decide: `deny` exits 1 with a mandatory finding on the resource; `allow` exits 0
 * with no mandatory finding; `advise` exits 0 with an advisory finding (such as "not judged") on it.
 */
export type Verdict = "deny" | "allow" | "advise";

export interface CorpusProgram {
    /** File name without `.ts`. */
    name: string;
    file: string;
    /** The class of the issue (or "beyond the issue", "false positive") the program belongs to. */
    className: string;
    verdict: Verdict;
    /** Policy names or globs (`k8s-redis-*auth*`); a finding of any one of them counts. */
    rules: string[];
    /** Resource names (Pulumi names); a finding on any one of them counts. */
    resources: string[];
    why: string;
    /** A pack config, as `--policy-config` would give; default: none (every rule at its default level). */
    config?: Record<string, unknown>;
    /** A known gap: why the gate does not reach the verdict yet. The test then asserts that it still does not. */
    gap?: string;
}

const HEADER = /^\/\/ (class|expect|resource|why|config|gap):\s?(.*)$/;

/** Reads a program's header: `// class:`, `// expect: <verdict> [rules...]`, `// resource:`, `// config:`, `// gap:`, `// why:` (continued on `//` lines). */
export function readProgram(file: string): CorpusProgram {
    const fields: Record<string, string> = {};
    let last: string | undefined;
    for (const line of fs.readFileSync(file, "utf8").split("\n")) {
        const match = HEADER.exec(line);
        if (match) {
            last = match[1];
            fields[last] = match[2].trim();
        } else if (last === "why" && /^\/\/\s+\S/.test(line)) {
            fields.why += " " + line.replace(/^\/\/\s+/, "");
        } else {
            break;
        }
    }
    const name = path.basename(file, ".ts");
    const [verdict, ...rules] = (fields.expect ?? "").split(/\s+/).filter(Boolean);
    if (verdict !== "deny" && verdict !== "allow" && verdict !== "advise")
        throw new Error(`${name}: "// expect:" must start with deny, allow or advise`);
    const resources = (fields.resource ?? "").split(/\s+/).filter(Boolean);
    if (verdict !== "allow" && (rules.length === 0 || resources.length === 0))
        throw new Error(`${name}: a ${verdict} program names its rules and its resource`);
    if (!fields.class || !fields.why) throw new Error(`${name}: every program says its class and why`);
    return {
        name,
        file,
        className: fields.class,
        verdict,
        rules,
        resources,
        why: fields.why,
        ...(fields.config ? { config: JSON.parse(fields.config) } : {}),
        ...(fields.gap ? { gap: fields.gap } : {}),
    };
}

export function corpusPrograms(): CorpusProgram[] {
    return fs
        .readdirSync(PROGRAMS_DIR)
        .filter((f) => f.endsWith(".ts"))
        .sort()
        .map((f) => readProgram(path.join(PROGRAMS_DIR, f)));
}

/** What the gate decided: its exit code (as its command line computes it) and every violation. */
export interface GateOutcome {
    exitCode: 0 | 1 | 2;
    violations: Violation[];
    errors: string[];
}

/** The runner's output: one line per program, `<name>\t<outcome as JSON>`. */
export const OUTCOME_LINE = /^([\w.-]+)\t(\{.*\})$/;

function runBatch(files: string[]): Promise<Map<string, GateOutcome>> {
    return new Promise((resolve, reject) => {
        // As the gate's command line runs: Node with the gate's TypeScript loader, the compiled packages.
        const child = spawn(
            process.execPath,
            ["-r", "hardened-redis-gate/register-typescript", path.join(CORPUS_DIR, "run-corpus.ts"), ...files],
            { cwd: CORPUS_DIR },
        );
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code) => {
            if (code !== 0) return reject(new Error(`run-corpus.ts exited ${code}: ${stderr}`));
            const outcomes = new Map<string, GateOutcome>();
            for (const line of stdout.split("\n")) {
                const match = OUTCOME_LINE.exec(line);
                if (match) outcomes.set(match[1], JSON.parse(match[2]));
            }
            resolve(outcomes);
        });
    });
}

/**
 * The gate's outcome for every program, from `batches` child processes that each run a share of the
 * programs one after another (Node start-up and module loading, about 1 s, is paid once per batch).
 */
export async function gateOutcomes(programs: CorpusProgram[], batches = 2): Promise<Map<string, GateOutcome>> {
    const shares = Array.from({ length: batches }, (_, i) => programs.filter((_, j) => j % batches === i).map((p) => p.file));
    const results = await Promise.all(shares.filter((s) => s.length > 0).map(runBatch));
    return new Map(results.flatMap((m) => [...m]));
}

function matchesGlob(name: string, glob: string): boolean {
    const pattern = glob
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${pattern}$`).test(name);
}

/** The findings that the program's expectation asks for: on one of its resources, by one of its rules, at the verdict's level. */
export function expectedFindings(program: CorpusProgram, outcome: GateOutcome): Violation[] {
    const level = program.verdict === "deny" ? "mandatory" : "advisory";
    return outcome.violations.filter(
        (v) =>
            v.enforcementLevel === level &&
            program.resources.includes(v.resourceName ?? "") &&
            program.rules.some((rule) => matchesGlob(v.policyName, rule)),
    );
}

/** A one-line account of what the gate decided, for failure messages and the report of what it gets wrong. */
export function describeOutcome(outcome: GateOutcome): string {
    if (outcome.exitCode === 2) return `exit 2 (${outcome.errors.join("; ")})`;
    const findings = outcome.violations.map((v) => `${v.enforcementLevel === "mandatory" ? "M" : "a"}:${v.policyName}@${v.resourceName}`);
    return `exit ${outcome.exitCode}${findings.length > 0 ? ` [${[...new Set(findings)].join(", ")}]` : ""}`;
}
