// Imported first by the command line: settings that make a run start and finish sooner.
import { enableCompileCache } from "node:module";
import { setFlagsFromString } from "node:v8";
import { cacheDir } from "./cache-dir";

// Node keeps the V8 code cache of every module the gate loads (@pulumi/pulumi alone pulls in the
// TypeScript compiler) on disk, checked against each file's content, so later runs compile far less.
const compileCache = cacheDir(process.cwd(), "v8");
if (compileCache) enableCompileCache?.(compileCache);
// Registering resources allocates many short-lived objects; a larger young generation scavenges less often.
setFlagsFromString("--max-semi-space-size=32");
// Pulumi formats a stack trace for every promise it makes (for leak reports) and the policy proxies
// throw an error for every unknown value they meet; two frames make both cheap. The gate reports
// errors by their messages. Pulumi's own source positions lift the limit while it records them.
Error.stackTraceLimit = 2;
