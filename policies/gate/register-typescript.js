// Lets Node load TypeScript by transpiling each file with esbuild as it is required. The gate loads
// a few hundred of our modules per run; this takes about half the CPU time of ts-node's
// transpile-only mode, and keeps every file's own __dirname, which bundling would not.
const esbuild = require("esbuild");
const fs = require("node:fs");

require.extensions[".ts"] = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    // Dynamic import() becomes require(), as TypeScript compiles it for CommonJS.
    const { code } = esbuild.transformSync(source, { loader: "ts", format: "cjs", target: "node20", sourcefile: filename, supported: { "dynamic-import": false } });
    module._compile(code, filename);
};
