// Runs one program as the gate runs it and prints what it recorded as JSON: the resources (type, name,
// URN, parent, provider, inputs in their RPC form) and the lookups with no offline answer. Started as
// `node -r hardened-redis-gate/register-typescript record-program.ts <program> [config as JSON]`.
import { resolveTarget, runProgram } from "hardened-redis-gate";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as pulumi from "@pulumi/pulumi";

(async () => {
    const target = resolveTarget({ cwd: process.cwd(), program: process.argv[2] });
    const run = await runProgram({ ...target, config: { ...target.config, ...JSON.parse(process.argv[3] ?? "{}") } });
    const replacer = (_: string, value: unknown) => (pulumi.isUnknown(value) ? unknownValue : value);
    const resources = [...run.defaultProviders, ...run.resources].map(({ type, name, urn, parent, provider, inputs }) => ({
        type,
        name,
        urn,
        parent,
        provider,
        inputs,
    }));
    process.stdout.write(
        JSON.stringify({ resources, errors: run.errors.map((e) => e.message), unansweredInvokes: run.unansweredInvokes }, replacer),
    );
})();
