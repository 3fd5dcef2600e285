// Runs corpus programs through the gate, one after another in this process, exactly as
// `hardened-redis-gate --program <file>` judges each (the gate's runProgram and evaluatePolicies), and
// prints one line per program: its name, a tab, and its outcome as JSON. Started by corpus.ts as
// `node -r hardened-redis-gate/register-typescript run-corpus.ts <program files...>`.
import * as path from "node:path";
import { evaluatePolicies, plannedResources, resolveTarget, runProgram } from "hardened-redis-gate";
import { CORPUS_DIR, GateOutcome, readProgram } from "./corpus";

async function outcomeOf(file: string): Promise<GateOutcome> {
    const program = readProgram(file);
    const run = await runProgram(resolveTarget({ cwd: CORPUS_DIR, program: file }));
    if (run.errors.length > 0 || run.resources.length === 0) {
        return {
            exitCode: 2,
            violations: [],
            errors: run.errors.length > 0 ? run.errors.map((e) => e.message) : ["no resources registered"],
        };
    }
    const violations = await evaluatePolicies(plannedResources(run), {
        config: program.config,
        unansweredInvokes: run.unansweredInvokes.map((i) => i.token),
    });
    return { exitCode: violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0, violations, errors: [] };
}

(async () => {
    for (const file of process.argv.slice(2)) {
        process.stdout.write(`${path.basename(file, ".ts")}\t${JSON.stringify(await outcomeOf(file))}\n`);
    }
})().catch((error) => {
    console.error(error);
    process.exit(1);
});
