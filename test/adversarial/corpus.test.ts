// The adversarial corpus through the gate: every hand-written program gets the verdict its header gives.
// The programs run in two child processes started as the gate's command line starts (run-corpus.ts);
// a few also run through the command line itself, to prove that its exit codes are the same.
import { spawnSync } from "node:child_process";
import { GATE_CLI } from "../support/gate-command";
import { CORPUS_DIR, CorpusProgram, GateOutcome, corpusPrograms, describeOutcome, expectedFindings, gateOutcomes } from "./corpus";

const PROGRAMS = corpusPrograms();
let outcomes: Map<string, GateOutcome>;

beforeAll(async () => {
    outcomes = await gateOutcomes(PROGRAMS);
}, 600_000);

/** What the gate did, against what the header asks: an exit code and, unless allowed, a finding of the named rules on the named resources. */
function verdictOf(program: CorpusProgram, outcome: GateOutcome) {
    const wanted =
        program.verdict === "allow"
            ? "none needed"
            : `a ${program.verdict === "deny" ? "mandatory" : "advisory"} finding of ${program.rules.join(" or ")} on ${program.resources.join(" or ")}`;
    const found = program.verdict === "allow" ? "none needed" : expectedFindings(program, outcome).length > 0 ? wanted : "none";
    return { expected: { exitCode: program.verdict === "deny" ? 1 : 0, found: wanted }, actual: { exitCode: outcome.exitCode, found } };
}

function expectVerdict(program: CorpusProgram, outcome: GateOutcome | undefined): void {
    expect(outcome).toBeDefined();
    const context = `${program.name} (${program.className}): ${program.why}\ngate: ${describeOutcome(outcome!)}`;
    const { expected, actual } = verdictOf(program, outcome!);
    if (program.gap) {
        // A known gap must still be one: once the gate gets it right, its "// gap:" line goes.
        expect({ context, gap: program.gap, stillWrong: JSON.stringify(actual) !== JSON.stringify(expected) }).toEqual({
            context,
            gap: program.gap,
            stillWrong: true,
        });
        return;
    }
    expect({ context, ...actual }).toEqual({ context, ...expected });
}

describe("the adversarial corpus", () => {
    it("holds at least 100 programs, insecure ones and secure look-alikes, covering every class of the issue", () => {
        expect(PROGRAMS.length).toBeGreaterThanOrEqual(100);
        expect(PROGRAMS.filter((p) => p.verdict === "deny").length).toBeGreaterThanOrEqual(60);
        // Known gaps stay few: each is a verdict the gate owes, listed in the README.
        expect(PROGRAMS.filter((p) => p.gap).length).toBe(0);
        expect(PROGRAMS.filter((p) => p.verdict === "allow").length).toBeGreaterThanOrEqual(20);
        const classes = new Set(PROGRAMS.map((p) => p.className.split(" ")[0]));
        for (let n = 1; n <= 11; n++) expect({ n, covered: classes.has(String(n)) }).toEqual({ n, covered: true });
    });

    it.each(PROGRAMS.map((p) => [p.name, p] as const))("%s", (_name, program) => {
        expectVerdict(program, outcomes.get(program.name));
    });
});

describe("the gate's command line on corpus programs", () => {
    // A denied and an allowed program, and one denied only through transforms the engine runs: the command line's exit code is the runner's.
    const SAMPLES = ["c01-engine-omitted", "c03-baseline-secure-statefulset", "b-k8s-component-transforms"];

    it.each(SAMPLES)("%s: the same exit code as the corpus runner", (name) => {
        const program = PROGRAMS.find((p) => p.name === name)!;
        const cli = spawnSync(process.execPath, [GATE_CLI, "--program", program.file], {
            cwd: CORPUS_DIR,
            encoding: "utf8",
            timeout: 120_000,
        });
        const outcome = outcomes.get(name)!;
        expect({ name, status: cli.status }).toEqual({ name, status: outcome.exitCode });
        for (const v of outcome.violations.filter((x) => x.enforcementLevel === "mandatory")) expect(cli.stdout).toContain(v.policyName);
    });
});
