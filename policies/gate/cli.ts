#!/usr/bin/env node
// The offline plan and policy gate: evaluates a stack's program under Pulumi's mock runtime, prints
// what it would create, and runs every policy of the pack. Exit 0: no mandatory violation;
// 1: mandatory violations; 2: bad usage or a program error.
import { Command, CommanderError } from "commander";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluatePolicies } from "./evaluate";
import { toPlannedResource } from "./planned-resource";
import { runProgram } from "./program";
import { ProgramTarget, TargetError, programTarget, stackTarget } from "./project";
import { formatPlan, formatViolations, planGroups } from "./report";
import { policies } from "../policies";
import { toSarif } from "./sarif";

const REPOSITORY_ROOT = path.resolve(__dirname, "..", "..");
const EXIT = { clean: 0, mandatory: 1, usage: 2 } as const;

interface Options {
    stack: string;
    program?: string;
    policyConfig?: string;
    json?: string;
    sarif?: string;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
    const command = new Command("plan")
        .description("Offline plan and policy gate: evaluate a Pulumi program under mocks and run every policy.")
        .option("--stack <name>", "stack whose Pulumi.<name>.yaml config the program runs with", "dev")
        .option("--program <path>", "evaluate another Pulumi TypeScript program instead of this project's")
        .option("--policy-config <file>", "policy pack config, as for --policy-pack-config")
        .option("--json <file>", "write a machine-readable report")
        .option("--sarif <file>", "write SARIF 2.1.0 for code scanning")
        .exitOverride()
        .configureOutput({ writeErr: (text) => process.stderr.write(text) });
    try {
        command.parse(argv, { from: "user" });
    } catch (error) {
        if (error instanceof CommanderError && error.code === "commander.helpDisplayed") process.exit(EXIT.clean);
        throw new UsageError((error as Error).message);
    }
    return command.opts<Options>();
}

function readPolicyConfig(file: string | undefined): Record<string, unknown> | undefined {
    if (!file) return undefined;
    if (!fs.existsSync(file)) throw new UsageError(`--policy-config: no file at ${file}`);
    try {
        return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new UsageError(`--policy-config: ${file} is not JSON: ${(error as Error).message}`);
    }
}

function resolveTarget(options: Options, stackGiven: boolean): ProgramTarget {
    return options.program ? programTarget(options.program, stackGiven ? options.stack : undefined) : stackTarget(REPOSITORY_ROOT, options.stack);
}

function writeFile(file: string, content: unknown): void {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(content, null, 2) + "\n");
}

export async function main(argv: string[]): Promise<number> {
    let options: Options;
    let target: ProgramTarget;
    let policyConfig: Record<string, unknown> | undefined;
    try {
        options = parseOptions(argv);
        policyConfig = readPolicyConfig(options.policyConfig);
        target = resolveTarget(options, argv.includes("--stack") || argv.some((a) => a.startsWith("--stack=")));
    } catch (error) {
        if (error instanceof UsageError || error instanceof TargetError) {
            console.error(`error: ${error.message}`);
            return EXIT.usage;
        }
        throw error;
    }

    const started = Date.now();
    const run = await runProgram(target);
    const programUri = path.relative(REPOSITORY_ROOT, target.programPath) || ".";
    if (run.errors.length > 0) {
        console.error(`error: the program ${programUri} (stack ${target.stack}) failed:`);
        for (const error of run.errors) console.error(`  ${error.message}`);
        return EXIT.usage;
    }
    const groups = planGroups(run.resources, target.config["aws:region"]);
    const violations = await evaluatePolicies(run.resources.map(toPlannedResource), { config: policyConfig });
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
    const exitCode = mandatory > 0 ? EXIT.mandatory : EXIT.clean;

    console.log(`Offline plan of ${programUri}, stack ${target.stack} (preview under mocks, no cloud calls)\n`);
    console.log(formatPlan(groups));
    console.log("");
    console.log(formatViolations(violations));
    console.log(`\n${policies.length} policies evaluated in ${Date.now() - started} ms; ${mandatory > 0 ? "FAILED: mandatory violations" : "passed"}`);

    if (options.json) {
        writeFile(options.json, { program: programUri, stack: target.stack, plan: groups, violations, summary: { resources: run.resources.length, mandatory, advisory: violations.length - mandatory }, exitCode });
    }
    if (options.sarif) {
        const version = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).version;
        writeFile(options.sarif, toSarif({ violations, rules: policies.map((p) => ({ name: p.name, description: p.description, helpUri: p.url, severity: p.severity })), programUri, toolVersion: version }));
    }
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
