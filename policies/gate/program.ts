import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { RecordingMocks, RegisteredResource, waitForRegistrations } from "./mock-runtime";
import { ProgramTarget } from "./project";

export interface ProgramRun {
    resources: RegisteredResource[];
    /** What the program raised, synchronously or in an apply or registration, if anything. */
    errors: Error[];
}

/**
 * Evaluates a program as `pulumi preview` would, under Pulumi's mock runtime: `isDryRun()` is true,
 * outputs that only exist after create are unknown, and nothing is sent to a cloud.
 */
export async function runProgram(target: ProgramTarget): Promise<ProgramRun> {
    const mocks = new RecordingMocks();
    await mocks.install({ preview: true, project: target.project, stack: target.stack });
    pulumi.runtime.setAllConfig(target.config, target.secretKeys);

    const errors: Error[] = [];
    const record = (reason: unknown) => errors.push(reason instanceof Error ? reason : new Error(String(reason)));
    process.on("unhandledRejection", record);
    process.on("uncaughtException", record);
    try {
        const exported = require(path.resolve(target.programPath));
        const main = typeof exported === "function" ? exported : exported?.default;
        if (typeof main === "function") await main();
        await waitForRegistrations();
        await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
        record(error);
    } finally {
        process.off("unhandledRejection", record);
        process.off("uncaughtException", record);
    }
    return { resources: mocks.resources, errors };
}
