import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { findUp } from "./find-up";

/** A program to evaluate and the configuration it runs with, as `pulumi preview` would assemble it. */
export interface ProgramTarget {
    /** The file or folder that Node loads, absolute. */
    programPath: string;
    /** The folder of the project's Pulumi.yaml, or of the program when it has none. */
    projectDir: string;
    project: string;
    stack: string;
    /** The stack file the config came from, when there is one. */
    stackFile?: string;
    /** Flat config, `namespace:key` to string, as Pulumi hands it to programs. */
    config: Record<string, string>;
    /** Keys whose values are `secure:` in the stack file; offline they hold a placeholder. */
    secretKeys: string[];
}

/** Raised for a missing project, stack or program; the CLI reports it as bad usage. */
export class TargetError extends Error {}

/** The placeholder for `secure:` config values, which cannot be decrypted without the stack's key. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-for-a-secure-value";

/** The stack a project runs with when none is named and it has no stack file: `pulumi stack init`'s usual first stack. */
export const DEFAULT_STACK = "dev";

interface ProjectFile {
    name: string;
    main?: string;
    stackConfigDir?: string;
}

function readProject(projectDir: string): ProjectFile {
    const file = path.join(projectDir, "Pulumi.yaml");
    let project: ProjectFile;
    try {
        project = parse(fs.readFileSync(file, "utf8")) as ProjectFile;
    } catch (error) {
        throw new TargetError(`${file} is not valid YAML: ${(error as Error).message}`);
    }
    if (!project?.name) throw new TargetError(`${file} has no project name`);
    return project;
}

/** The stacks that have a `Pulumi.<stack>.yaml` in the config folder. */
export function knownStacks(configDir: string): string[] {
    if (!fs.existsSync(configDir)) return [];
    return fs
        .readdirSync(configDir)
        .flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? [])
        .sort();
}

/**
 * The stack to run when none is named: the only stack file, else `dev` when it has one, else the
 * default stack with no config when there is no stack file at all.
 */
function chooseStack(configDir: string): string {
    const stacks = knownStacks(configDir);
    if (stacks.length === 1) return stacks[0];
    if (stacks.length === 0 || stacks.includes(DEFAULT_STACK)) return DEFAULT_STACK;
    throw new TargetError(`several stacks and none named "${DEFAULT_STACK}": choose one with --stack (${stacks.join(", ")})`);
}

/**
 * The program a run evaluates, found as the Pulumi CLI finds it: `program` (a project folder, a folder
 * inside one, or a program file; default the current folder) is resolved against `cwd`, and the nearest
 * `Pulumi.yaml` at or above it names the project, its `main` and its `stackConfigDir`. Without a
 * `Pulumi.yaml`, a program file or folder still runs, as project "offline" with no config.
 */
export function resolveTarget(options: { cwd: string; program?: string; stack?: string }): ProgramTarget {
    const start = path.resolve(options.cwd, options.program ?? ".");
    if (!fs.existsSync(start)) throw new TargetError(`no program at ${start}`);
    const startDir = fs.statSync(start).isDirectory() ? start : path.dirname(start);
    const projectDir = findUp(startDir, "Pulumi.yaml");
    if (!projectDir) {
        if (!options.program)
            throw new TargetError(`no Pulumi.yaml in ${options.cwd} or above it; run in a Pulumi project or name a program with --program`);
        return {
            programPath: start,
            projectDir: startDir,
            project: "offline",
            stack: options.stack ?? "offline",
            config: {},
            secretKeys: [],
        };
    }
    const project = readProject(projectDir);
    const namesProgram = options.program !== undefined && start !== projectDir;
    const programPath = namesProgram ? start : path.resolve(projectDir, project.main ?? ".");
    if (!fs.existsSync(programPath))
        throw new TargetError(`the program ${programPath} (main of ${path.join(projectDir, "Pulumi.yaml")}) does not exist`);
    const configDir = path.resolve(projectDir, project.stackConfigDir ?? ".");
    const stack = options.stack ?? chooseStack(configDir);
    const stackFile = path.join(configDir, `Pulumi.${stack}.yaml`);
    const base = { programPath, projectDir, project: project.name, stack };
    if (!fs.existsSync(stackFile)) {
        const stacks = knownStacks(configDir);
        if (options.stack !== undefined || stacks.length > 0) {
            throw new TargetError(`no stack "${stack}": ${stackFile} does not exist. Known stacks: ${stacks.join(", ") || "none"}`);
        }
        return { ...base, config: {}, secretKeys: [] };
    }
    let stackConfig: { config?: Record<string, unknown> } | null;
    try {
        stackConfig = parse(fs.readFileSync(stackFile, "utf8"));
    } catch (error) {
        throw new TargetError(`${stackFile} is not valid YAML: ${(error as Error).message}`);
    }
    return { ...base, stackFile, ...flattenConfig(project.name, stackConfig?.config ?? {}) };
}

/** Stack file config to Pulumi's flat form: namespaced keys, objects as JSON, `secure:` values marked secret. */
export function flattenConfig(project: string, config: Record<string, unknown>): Pick<ProgramTarget, "config" | "secretKeys"> {
    const flat: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(config)) {
        const name = key.includes(":") ? key : `${project}:${key}`;
        if (isSecure(value)) {
            secretKeys.push(name);
            flat[name] = OFFLINE_SECRET_PLACEHOLDER;
        } else {
            flat[name] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { config: flat, secretKeys };
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && Object.keys(value).length === 1 && "secure" in value;
}
