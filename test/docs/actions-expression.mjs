// Evaluates one GitHub Actions expression with GitHub's own library (@actions/expressions, ECMAScript
// modules only, hence its own process): reads {expression, context} as JSON on stdin, prints true or false.
import { Evaluator, Lexer, Parser, data } from "@actions/expressions";
import { truthy } from "@actions/expressions/result";
import { readFileSync } from "node:fs";

const { expression, context } = JSON.parse(readFileSync(0, "utf8"));
const parsed = new Parser(new Lexer(expression).lex().tokens, Object.keys(context), []).parse();
const contextData = JSON.parse(JSON.stringify(context), data.reviver);
process.stdout.write(String(truthy(new Evaluator(parsed, contextData).evaluate())));
