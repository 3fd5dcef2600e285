import { gateOutcomes, readProgram, describeOutcome } from "./corpus";
(async () => { const p = process.argv.slice(2).map((f) => readProgram(f)); const o = await gateOutcomes(p, 1); for (const x of p) console.log(x.name, describeOutcome(o.get(x.name)!)); })();
