import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** Runs a TypeScript program in its own Node process, as `pulumi up` would, and returns how it ended. */
export function runProgram(file: string, ...programArgs: string[]): { status: number | null; stderr: string; stdout: string } {
    const result = spawnSync(process.execPath, ["-r", "hardened-redis-gate/register-typescript", file, ...programArgs], {
        cwd: path.resolve(__dirname, "..", ".."),
        encoding: "utf8",
        timeout: 60_000,
    });
    return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}
