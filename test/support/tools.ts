import { spawnSync } from "node:child_process";
import * as fs from "node:fs";

/** Set by .ci/run: a test that would skip for a missing tool fails instead. */
export const REQUIRE_TOOLS_VARIABLE = "HARDENED_REDIS_REQUIRE_TOOLS";

function missing(what: string, install: string): false {
    const message = `${what} is missing. Install it with: ${install}`;
    if (process.env[REQUIRE_TOOLS_VARIABLE] === "1") {
        throw new Error(`${message} (${REQUIRE_TOOLS_VARIABLE}=1 forbids skipping)`);
    }
    console.warn(`\n*** SKIPPED TESTS: ${message} ***\n`);
    return false;
}

/** True when the command runs here; otherwise warns loudly, or throws under HARDENED_REDIS_REQUIRE_TOOLS=1. */
export function haveCommand(command: string, install: string, versionArgs: string[] = ["--version"]): boolean {
    const probe = spawnSync(command, versionArgs, { stdio: "ignore" });
    return probe.error === undefined && probe.status === 0 ? true : missing(`The command ${command}`, install);
}

/** True when the file exists; otherwise warns loudly, or throws under HARDENED_REDIS_REQUIRE_TOOLS=1. */
export function haveFile(file: string, install: string): boolean {
    return fs.existsSync(file) ? true : missing(`The file ${file}`, install);
}

/** `it` when the tool is there, `it.skip` (after a loud warning) when it is not. */
export function itWhen(available: boolean): jest.It {
    return available ? it : it.skip;
}
