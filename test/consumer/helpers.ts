import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root. */
export const REPO = path.resolve(__dirname, "../..");

/** The directory of the Node.js that runs jest (Node 24), first on PATH so that child `npm` and `#!/usr/bin/env node` use it too. */
export const NODE_BIN_DIR = path.dirname(process.execPath);

/**
 * The environment of a user's shell: jest's own, with Node 24 first on PATH, and without what `npm test`
 * adds for its own script (the repository as local prefix, its package.json, its lifecycle event), which
 * must not leak into `npm` commands run in projects outside the repository.
 */
export function userEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) {
        if (/^npm_(package|lifecycle)_/i.test(key)) continue;
        if (/^(npm_config_local_prefix|npm_config_call|npm_command|INIT_CWD)$/i.test(key)) continue;
        env[key] = value;
    }
    env.PATH = [NODE_BIN_DIR, process.env.PATH].filter(Boolean).join(path.delimiter);
    env.npm_config_update_notifier = "false";
    env.npm_config_fund = "false";
    env.npm_config_audit = "false";
    return env;
}

export interface RunResult {
    command: string;
    status: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    ms: number;
}

/** Runs a command to completion without blocking the event loop (so that several can run at once). */
export function run(command: string, args: string[], options: { cwd: string; timeoutMs?: number }): Promise<RunResult> {
    const started = performance.now();
    const shown = [command, ...args].join(" ");
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: options.cwd, env: userEnv(), stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk) => (stdout += chunk));
        child.stderr.on("data", (chunk) => (stderr += chunk));
        const timer = setTimeout(() => child.pid && process.kill(child.pid, "SIGKILL"), options.timeoutMs ?? 180_000);
        child.once("error", (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.once("close", (status, signal) => {
            clearTimeout(timer);
            resolve({ command: shown, status, signal, stdout, stderr, ms: Math.round(performance.now() - started) });
        });
    });
}

/** Fails with the command's whole output when it did not exit 0. */
export function succeeded(result: RunResult): RunResult {
    if (result.status !== 0) {
        throw new Error(
            `${result.command} exited with ${result.status ?? result.signal}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
        );
    }
    return result;
}

/** A pretty-printed JSON file. */
export function writeJson(file: string, value: unknown): void {
    fs.writeFileSync(file, JSON.stringify(value, null, 2) + "\n");
}

export function readJson<T = any>(file: string): T {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
}

/** The version of a package installed at the repository root. */
export function rootVersion(name: string): string {
    return readJson<{ version: string }>(path.join(REPO, "node_modules", name, "package.json")).version.replace(/^v/, "");
}

/**
 * Every path a package.json points at (`main`, `types`, `bin`, and each `exports` target), as tarball
 * entries under `package/`. A wildcard target (`./config/*`) is returned as is, for a prefix match.
 */
export function declaredEntryPoints(manifest: Record<string, any>): string[] {
    const targets: string[] = [];
    const collect = (value: unknown): void => {
        if (typeof value === "string") targets.push(value);
        else if (value && typeof value === "object") Object.values(value).forEach(collect);
    };
    collect(manifest.main);
    collect(manifest.types);
    collect(manifest.bin);
    collect(manifest.exports);
    return [...new Set(targets.map((t) => path.posix.join("package", t)))].sort();
}

/** The 1-based line of each `new aws.<module>.<Type>("<name>", ...)` or `new Component("<name>", ...)` in a program, by resource name. */
export function constructorLines(source: string): Record<string, number> {
    const lines: Record<string, number> = {};
    const pattern = /new\s+[\w.]+\(\s*"([^"]+)"/g;
    for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
        lines[match[1]] = source.slice(0, match.index).split("\n").length;
    }
    return lines;
}

/**
 * Every copy of a package in an install tree: the hoisted one and any nested under other packages.
 * Two copies of `@pulumi/pulumi` would mean two runtimes, and components that register with neither.
 */
export function copiesOf(projectDir: string, name: string): string[] {
    const found: string[] = [];
    const visit = (nodeModules: string, depth: number) => {
        if (depth > 8 || !fs.existsSync(nodeModules)) return;
        if (fs.existsSync(path.join(nodeModules, name, "package.json")))
            found.push(path.relative(projectDir, path.join(nodeModules, name)));
        for (const entry of fs.readdirSync(nodeModules)) {
            if (entry.startsWith(".")) continue;
            const dirs = entry.startsWith("@")
                ? fs.readdirSync(path.join(nodeModules, entry)).map((e) => path.join(nodeModules, entry, e))
                : [path.join(nodeModules, entry)];
            for (const dir of dirs) visit(path.join(dir, "node_modules"), depth + 1);
        }
    };
    visit(path.join(projectDir, "node_modules"), 0);
    return found.sort();
}
