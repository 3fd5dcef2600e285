// Imported first by the command line: Node keeps the V8 code cache of every module the gate loads
// (@pulumi/pulumi alone pulls in the TypeScript compiler) on disk, so every run after the first on a
// machine starts in a fraction of the time. The cache is checked against each file's content.
import { enableCompileCache } from "node:module";

enableCompileCache?.();
