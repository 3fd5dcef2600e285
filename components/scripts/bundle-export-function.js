// Bundles the Lambda functions (the snapshot export, aws/snapshot-export/handler.ts, and the restore
// drill's, aws/restore-drill/functions/*.ts) into one CommonJS file each at bin/assets/<name>/index.js,
// at build time, so that a user's deployment never runs esbuild. The output depends only on the
// source (paths in it are relative to the handler's directory).
const { buildSync } = require("esbuild");
const fs = require("node:fs");
const path = require("node:path");

const PACKAGE_ROOT = path.resolve(__dirname, "..");
const ASSETS = path.join(PACKAGE_ROOT, "bin", "assets");

/** Each function's entry point, by the name of its asset folder. */
const FUNCTIONS = {
    "snapshot-export": path.join("aws", "snapshot-export", "handler.ts"),
    "restore-drill-canary": path.join("aws", "restore-drill", "functions", "canary.ts"),
    "restore-drill-control": path.join("aws", "restore-drill", "functions", "control.ts"),
    "restore-drill-validate": path.join("aws", "restore-drill", "functions", "validate.ts"),
};

const OUTPUT = path.join(ASSETS, "snapshot-export", "index.js");

/** A bundle's text: the AWS SDK v3 is left to the Lambda runtime (nodejs22.x ships it), everything else (ioredis) is inlined. */
function bundleFunction(name) {
    const entry = path.join(PACKAGE_ROOT, FUNCTIONS[name]);
    const result = buildSync({
        entryPoints: [entry],
        absWorkingDir: path.dirname(entry),
        bundle: true,
        platform: "node",
        target: "node22",
        format: "cjs",
        external: ["@aws-sdk/*"],
        tsconfigRaw: "{}",
        write: false,
        sourcemap: false,
        legalComments: "none",
        charset: "utf8",
        logLevel: "silent",
    });
    return result.outputFiles[0].text;
}

function bundleExportFunction() {
    return bundleFunction("snapshot-export");
}

if (require.main === module) {
    for (const name of Object.keys(FUNCTIONS)) {
        const file = path.join(ASSETS, name, "index.js");
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, bundleFunction(name));
    }
}

module.exports = { bundleFunction, bundleExportFunction, FUNCTIONS, OUTPUT };
