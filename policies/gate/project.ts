import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** A program to evaluate and the configuration it runs with, as `pulumi preview` would assemble it. */
export interface ProgramTarget {
    /** The file or folder that Node loads. */
    programPath: string;
    project: string;
    stack: string;
    /** Flat config, `namespace:key` to string, as Pulumi hands it to programs. */
    config: Record<string, string>;
    /** Keys whose values are `secure:` in the stack file; offline they hold a placeholder. */
    secretKeys: string[];
}

/** Raised for a missing project, stack or program; the CLI reports it as bad usage. */
export class TargetError extends Error {}

/** The placeholder for `secure:` config values, which cannot be decrypted without the stack's key. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-for-a-secure-value";

interface ProjectFile {
    name: string;
    main?: string;
    stackConfigDir?: string;
}

function readProject(projectDir: string): ProjectFile {
    const file = path.join(projectDir, "Pulumi.yaml");
    const project = parse(fs.readFileSync(file, "utf8")) as ProjectFile;
    if (!project?.name) throw new TargetError(`${file} has no project name`);
    return project;
}

/** A stack of the project in `projectDir`: its program (`main`) and `Pulumi.<stack>.yaml` config. */
export function stackTarget(projectDir: string, stack: string): ProgramTarget {
    if (!fs.existsSync(path.join(projectDir, "Pulumi.yaml"))) throw new TargetError(`no Pulumi.yaml in ${projectDir}`);
    const project = readProject(projectDir);
    const configDir = path.join(projectDir, project.stackConfigDir ?? ".");
    const stackFile = path.join(configDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        const known = fs.readdirSync(configDir).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);
        throw new TargetError(`no stack "${stack}": ${stackFile} does not exist. Known stacks: ${known.join(", ") || "none"}`);
    }
    return {
        programPath: path.join(projectDir, project.main ?? "."),
        project: project.name,
        stack,
        ...flattenConfig(project.name, parse(fs.readFileSync(stackFile, "utf8"))?.config ?? {}),
    };
}

/**
 * Any program file or folder. It takes the project name and, with a stack, the stack config of the
 * nearest Pulumi.yaml above it; without one it runs as project "offline" with no config.
 */
export function programTarget(programPath: string, stack: string | undefined): ProgramTarget {
    const resolved = path.resolve(programPath);
    if (!fs.existsSync(resolved)) throw new TargetError(`no program at ${programPath}`);
    const projectDir = nearestProjectDir(fs.statSync(resolved).isDirectory() ? resolved : path.dirname(resolved));
    if (projectDir && stack) return { ...stackTarget(projectDir, stack), programPath: resolved };
    const project = projectDir ? readProject(projectDir).name : "offline";
    return { programPath: resolved, project, stack: stack ?? "offline", config: {}, secretKeys: [] };
}

function nearestProjectDir(dir: string): string | undefined {
    for (let current = dir; ; current = path.dirname(current)) {
        if (fs.existsSync(path.join(current, "Pulumi.yaml"))) return current;
        if (path.dirname(current) === current) return undefined;
    }
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
