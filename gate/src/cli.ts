#!/usr/bin/env node
// The offline plan and policy gate: evaluates a Pulumi program with a stack's config under Pulumi's
// mock runtime, prints what it would create, and runs every policy of the pack. Exit 0: no mandatory
// violation; 1: mandatory violations; 2: bad usage, a program error, or nothing to judge.
import "./start-up";
import { Command, CommanderError } from "commander";
import { POLICY_PACK_NAME, POLICY_PACK_VERSION, policies } from "hardened-redis-policies/policies";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluatePolicies } from "./evaluate";
import { findUp } from "./find-up";
import { Progress } from "./progress";
import { typeScriptPosition } from "./register-typescript";
import { plannedResources, programRuntime, runProgram } from "./program";
import { ProgramTarget, TargetError, resolveTarget } from "./project";
import { formatPlan, formatViolations, planGroups } from "./report";
import { failedRunSarif, toSarif } from "./sarif";

export const EXIT = { clean: 0, mandatory: 1, usage: 2 } as const;

/** The gate's own version, from its package.json (one level above `bin/` and `src/`). */
const GATE_VERSION: string = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).version;

interface Options {
    stack?: string;
    program?: string;
    policyConfig?: string;
    json?: string;
    sarif?: string;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
    const command = new Command("hardened-redis-gate")
        .description(
            "Offline plan and policy gate: evaluate a Pulumi program under mocks, with no cloud account, and run every policy of the hardened-redis pack.",
        )
        .option("--stack <name>", "stack whose Pulumi.<name>.yaml config the program runs with (default: the only stack file, else dev)")
        .option("--program <path>", "a Pulumi project folder or program file (default: the project of the current folder)")
        .option("--policy-config <file>", "policy pack config, as for pulumi preview --policy-pack-config")
        .option("--json <file>", "write a machine-readable report")
        .option("--sarif <file>", "write SARIF 2.1.0 for code scanning")
        .version(GATE_VERSION)
        .addHelpText(
            "after",
            "\nExit codes: 0 no mandatory violation, 1 mandatory violations, 2 bad usage, a program error or no resources.\nThe program is transpiled, not type-checked: run tsc --noEmit before the gate, as pulumi preview would.",
        )
        .exitOverride()
        // Usage errors are printed once, by main, with the exit code of bad usage.
        .configureOutput({ writeErr: (text) => process.stderr.write(text), outputError: () => undefined });
    try {
        command.parse(argv, { from: "user" });
    } catch (error) {
        if (error instanceof CommanderError && (error.code === "commander.helpDisplayed" || error.code === "commander.version"))
            process.exit(EXIT.clean);
        throw new UsageError((error as Error).message.replace(/^error: /, ""));
    }
    return command.opts<Options>();
}

function readPolicyConfig(file: string | undefined, cwd: string): Record<string, unknown> | undefined {
    if (!file) return undefined;
    const resolved = path.resolve(cwd, file);
    if (!fs.existsSync(resolved)) throw new UsageError(`--policy-config: no file at ${resolved}`);
    try {
        return JSON.parse(fs.readFileSync(resolved, "utf8"));
    } catch (error) {
        throw new UsageError(`--policy-config: ${resolved} is not JSON: ${(error as Error).message}`);
    }
}

function writeReport(file: string, content: unknown): string {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(content, null, 2) + "\n");
    return file;
}

function seconds(ms: number): string {
    return `${(ms / 1000).toFixed(2)} s`;
}

/** The repository that holds the project, for paths that code scanning can place; the project folder outside git. */
function repositoryRoot(target: ProgramTarget): string {
    return findUp(target.projectDir, ".git") ?? target.projectDir;
}

/** A program that failed, or registered nothing to judge: exit 2, like bad usage. */
class ProgramError extends Error {}

export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
    const startUpMs = performance.now();
    let options: Options | undefined;
    try {
        options = parseOptions(argv);
        return await gate(options, cwd, startUpMs);
    } catch (error) {
        if (!(error instanceof UsageError || error instanceof TargetError || error instanceof ProgramError)) throw error;
        console.error(`error: ${error.message}`);
        // CI uploads the reports whatever happened: a failed run says so in them instead of leaving no file.
        if (options?.json) writeReport(path.resolve(cwd, options.json), { error: error.message, exitCode: EXIT.usage });
        if (options?.sarif) writeReport(path.resolve(cwd, options.sarif), failedRunSarif(error.message, POLICY_PACK_VERSION));
        return EXIT.usage;
    }
}

async function gate(options: Options, cwd: string, startUpMs: number): Promise<number> {
    const policyConfig = readPolicyConfig(options.policyConfig, cwd);
    const target = resolveTarget({ cwd, program: options.program, stack: options.stack });
    const root = repositoryRoot(target);
    const relative = (file: string) => path.relative(root, file).split(path.sep).join("/") || ".";
    const programUri = relative(target.programPath);
    const progress = new Progress(process.stderr);
    progress.show(`Running ${programUri} (stack ${target.stack}) under mocks...`);
    const programStarted = performance.now();
    const run = await runProgram(target, programRuntime(target)).finally(() => progress.clear());
    const programMs = performance.now() - programStarted;
    if (run.errors.length > 0) {
        throw new ProgramError(
            [`the program ${programUri} (stack ${target.stack}) failed:`, ...run.errors.map((e) => `  ${e.message}`)].join("\n"),
        );
    }
    if (run.resources.length === 0) {
        throw new ProgramError(
            `the program ${programUri} (stack ${target.stack}) registered no resources, so there is nothing to judge. Is it the right program, and does it create its resources when loaded (or from an exported function)?`,
        );
    }

    progress.show(`Evaluating ${policies.length} policies over ${run.resources.length} resources...`);
    const policiesStarted = performance.now();
    const violations = await evaluatePolicies(plannedResources(run), {
        config: policyConfig,
        unansweredInvokes: run.unansweredInvokes.map((i) => i.token),
    }).finally(() => progress.clear());
    const policiesMs = performance.now() - policiesStarted;

    const groups = planGroups(run.resources, target.config["aws:region"]);
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const exitCode = mandatory > 0 ? EXIT.mandatory : EXIT.clean;
    const stackSource = target.stackFile ? `config ${relative(target.stackFile)}` : "no stack config";
    console.log(
        `Offline plan of project ${target.project} (${programUri}), stack ${target.stack} (${stackSource}; a preview under mocks, no cloud calls)\n`,
    );
    console.log(formatPlan(groups));
    console.log("");
    console.log(formatViolations(violations));
    console.log(
        `\n${mandatory > 0 ? "FAILED: mandatory violations" : "Passed: no mandatory violation"} (${policies.length} policies of ${POLICY_PACK_NAME} ${POLICY_PACK_VERSION})`,
    );

    if (options.json) {
        const file = writeReport(path.resolve(cwd, options.json), {
            program: programUri,
            stack: target.stack,
            plan: groups,
            violations,
            summary: {
                resources: run.resources.length,
                toCreate: groups.reduce((sum, g) => sum + g.total, 0),
                mandatory,
                advisory: violations.length - mandatory,
            },
            exitCode,
        });
        console.log(`JSON report written to ${file}`);
    }
    if (options.sarif) {
        const rules = policies.map((p) => ({ name: p.name, description: p.description, helpUri: p.url, severity: p.severity }));
        const file = writeReport(
            path.resolve(cwd, options.sarif),
            toSarif({
                violations,
                rules,
                resources: run.resources,
                repositoryRoot: root,
                programUri,
                toolVersion: POLICY_PACK_VERSION,
                originalPosition: typeScriptPosition,
            }),
        );
        console.log(`SARIF written to ${file}`);
    }
    const totalMs = performance.now();
    console.log(
        `Time: program under mocks ${seconds(programMs)}, policy evaluation ${seconds(policiesMs)}, ` +
            `Node.js start-up and module loading ${seconds(startUpMs)}, whole run ${seconds(totalMs)} (wall clock)`,
    );
    return exitCode;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (error) => {
            console.error(`error: ${(error as Error).stack ?? error}`);
            process.exit(EXIT.usage);
        },
    );
}
