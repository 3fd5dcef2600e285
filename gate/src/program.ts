import * as fs from "node:fs";
import * as path from "node:path";
import { withDefaultProviders } from "./default-providers";
import type { PlannedResource } from "./evaluate";
import { toPlannedResource } from "./planned-resource";
import { PulumiRuntime, RecordingMocks, RegisteredResource, UnansweredInvoke, waitForRegistrations } from "./mock-runtime";
import { ProgramTarget, TargetError } from "./project";

export interface ProgramRun {
    /** The resources the program registered, each custom one with its provider (a default one where it names none). */
    resources: RegisteredResource[];
    /** The default providers the engine would register for them (`withDefaultProviders`). */
    defaultProviders: RegisteredResource[];
    /** What the program raised, synchronously or in an apply or registration, each error once. */
    errors: Error[];
    /** Lookups of live state that have no offline answer: their results were unknown to the program. */
    unansweredInvokes: UnansweredInvoke[];
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
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's own copy, found at run time.
        pulumi: require(entry),
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program's own copy, found at run time.
        waitForRPCs: require(require.resolve("@pulumi/pulumi/runtime/settings", { paths })).waitForRPCs,
    };
}

/**
 * Evaluates a program as `pulumi preview` would, under Pulumi's mock runtime: `isDryRun()` is true,
 * outputs that only exist after create are unknown, and nothing is sent to a cloud. The program runs
 * inside the root stack resource, as the Node.js language host runs it, so that stack transformations
 * apply; lookups of live state with no offline answer are unknown, as during a preview whose engine
 * cannot serve them.
 */
export async function runProgram(target: ProgramTarget, runtime: PulumiRuntime = programRuntime(target)): Promise<ProgramRun> {
    const mocks = new RecordingMocks(runtime);
    await mocks.install({
        preview: true,
        project: target.project,
        stack: target.stack,
        defaultRegion: target.config["aws:region"],
        accountId: deployingAccount(target.config),
        unansweredInvokes: "unknown",
    });
    runtime.pulumi.runtime.setAllConfig(target.config, target.secretKeys);

    const errors = new Set<unknown>();
    const record = (reason: unknown) => errors.add(reason);
    process.on("unhandledRejection", record);
    process.on("uncaughtException", record);
    try {
        // A folder is loaded as a folder (its package.json main, or index), never as a sibling file of
        // the same name: Node tries `<folder>.js` and `<folder>.json` first unless the path ends in a separator.
        const entry = path.resolve(target.programPath) + (fs.statSync(target.programPath).isDirectory() ? path.sep : "");
        await runtime.pulumi.runtime.runInPulumiStack(async () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports -- the program is a path known only at run time.
            const exported = require(entry);
            const main = typeof exported === "function" ? exported : exported?.default;
            if (typeof main === "function") await main();
            // The gate judges resources, not stack outputs: none are registered, and none warned about.
            return undefined;
        });
        await waitForRegistrations(runtime);
        await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
        record(error);
    } finally {
        process.off("unhandledRejection", record);
        process.off("uncaughtException", record);
    }
    return { ...withDefaultProviders(mocks.resources, target), errors: distinctErrors(errors), unansweredInvokes: mocks.unansweredInvokes };
}

/** What the engine hands the policies for a run: the default providers and the program's resources, as planned resources. */
export function plannedResources(run: ProgramRun): PlannedResource[] {
    return [...run.defaultProviders, ...run.resources].map(toPlannedResource);
}

/**
 * The account the stack deploys to, when its config pins one: `aws:allowedAccountIds` naming a single
 * account (the AWS provider refuses to run in any other).
 */
export function deployingAccount(config: Record<string, string>): string | undefined {
    const allowed = config["aws:allowedAccountIds"];
    if (allowed === undefined) return undefined;
    let accounts: unknown;
    try {
        accounts = JSON.parse(allowed);
    } catch {
        accounts = allowed.split(",");
    }
    const list = [accounts].flat().map((a) => String(a).trim());
    return list.length === 1 && /^\d{12}$/.test(list[0]) ? list[0] : undefined;
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
