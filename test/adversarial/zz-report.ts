import { corpusPrograms, describeOutcome, expectedFindings, gateOutcomes } from "./corpus";
(async () => {
    const programs = corpusPrograms();
    const outcomes = await gateOutcomes(programs);
    for (const p of programs) {
        const o = outcomes.get(p.name)!;
        const ok = o.exitCode === (p.verdict === "deny" ? 1 : 0) && (p.verdict === "allow" || expectedFindings(p, o).length > 0);
        if (!ok) console.log(`${p.name}\t${p.className}\texpected ${p.verdict} ${p.rules.join(",")}@${p.resources.join(",")}\tgot ${describeOutcome(o)}`);
    }
})();
