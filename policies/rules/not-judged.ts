import { cwe } from "../lib/controls";
import { notJudgedRule } from "../lib/rule";

export const notJudged = notJudgedRule({
    name: "not-judged",
    description:
        "What a rule of this pack could not judge: a value unknown until the resources are created (as during pulumi preview), " +
        "or a source defined outside the program. Each message names the rule and what it could not see.",
    enforcementLevel: "advisory",
    severity: "medium",
    controls: [cwe(636, "Not Failing Securely ('Failing Open')")],
    remediation:
        "Set the named value literally, or define the referenced resource in the same program, so that the rule can judge it; " +
        "otherwise review that part of the deployed resource yourself.",
});
