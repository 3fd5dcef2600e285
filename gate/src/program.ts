import * as fs from "node:fs";
import * as path from "node:path";
import { PulumiRuntime, RecordingMocks, RegisteredResource, waitForRegistrations } from "./mock-runtime";
import { ProgramTarget, TargetError } from "./project";

export interface ProgramRun {
    resources: RegisteredResource[];
    /** What the program raised, synchronously or in an apply or registration, each error once. */
    errors: Error[];
}

/**
 * The `@pulumi/pulumi` that the program itself resolves from its own folder (its project's
 * node_modules): the mocks must be installed in that copy, or the program would talk to no monitor.
 */
export function programRuntime(target: ProgramTarget): PulumiRuntime {
    const paths = [path.dirname(target.programPath), target.projectDir];
    let entry: string;
    try {
        entry = require.resolve("@pulumi/pulumi", { paths });
    } catch {
        throw new TargetError(`@pulumi/pulumi is not installed for ${target.projectDir}; run npm install in the project first`);
    }
    return {
        pulumi: require(entry),
        waitForRPCs: require(require.resolve("@pulumi/pulumi/runtime/settings", { paths })).waitForRPCs,
    };
}

/**
 * Evaluates a program as `pulumi preview` would, under Pulumi's mock runtime: `isDryRun()` is true,
 * outputs that only exist after create are unknown, and nothing is sent to a cloud.
 */
export async function runProgram(target: ProgramTarget, runtime: PulumiRuntime = programRuntime(target)): Promise<ProgramRun> {
    const mocks = new RecordingMocks(runtime);
    await mocks.install({ preview: true, project: target.project, stack: target.stack, defaultRegion: target.config["aws:region"] });
    runtime.pulumi.runtime.setAllConfig(target.config, target.secretKeys);

    const errors = new Set<unknown>();
    const record = (reason: unknown) => errors.add(reason);
    process.on("unhandledRejection", record);
    process.on("uncaughtException", record);
    try {
        // A folder is loaded as a folder (its package.json main, or index), never as a sibling file of
        // the same name: Node tries `<folder>.js` and `<folder>.json` first unless the path ends in a separator.
        const entry = path.resolve(target.programPath) + (fs.statSync(target.programPath).isDirectory() ? path.sep : "");
        const exported = require(entry);
        const main = typeof exported === "function" ? exported : exported?.default;
        if (typeof main === "function") await main();
        await waitForRegistrations(runtime);
        await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
        record(error);
    } finally {
        process.off("unhandledRejection", record);
        process.off("uncaughtException", record);
    }
    return { resources: mocks.resources, errors: distinctErrors(errors) };
}

/** The same failure often arrives twice (a rejected registration and its unhandled promise): report each message once. */
function distinctErrors(reasons: Set<unknown>): Error[] {
    const byMessage = new Map<string, Error>();
    for (const reason of reasons) {
        const error = reason instanceof Error ? reason : new Error(String(reason));
        if (!byMessage.has(error.message)) byMessage.set(error.message, error);
    }
    return [...byMessage.values()];
}
