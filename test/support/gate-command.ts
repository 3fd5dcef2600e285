import * as fs from "node:fs";
import * as path from "node:path";

/** The gate's executable as its package declares it (`bin`), resolved through the installed package. */
export const GATE_CLI = (() => {
    const manifest = require.resolve("hardened-redis-gate/package.json");
    const { bin } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { bin: Record<string, string> };
    return path.join(path.dirname(manifest), bin["hardened-redis-gate"]);
})();
