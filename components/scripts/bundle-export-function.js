// Bundles the snapshot export Lambda (aws/snapshot-export/handler.ts) into one CommonJS file at
// bin/assets/snapshot-export/index.js, at build time, so that a user's deployment never runs esbuild.
// The output depends only on the source (paths in it are relative to the handler's directory).
const { buildSync } = require("esbuild");
const fs = require("node:fs");
const path = require("node:path");

const PACKAGE_ROOT = path.resolve(__dirname, "..");
const HANDLER_DIRECTORY = path.join(PACKAGE_ROOT, "aws", "snapshot-export");
const OUTPUT = path.join(PACKAGE_ROOT, "bin", "assets", "snapshot-export", "index.js");

/** The bundle's text: the AWS SDK v3 is left to the Lambda runtime (nodejs22.x ships it), everything else is inlined. */
function bundleExportFunction() {
    const result = buildSync({
        entryPoints: [path.join(HANDLER_DIRECTORY, "handler.ts")],
        absWorkingDir: HANDLER_DIRECTORY,
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

if (require.main === module) {
    fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
    fs.writeFileSync(OUTPUT, bundleExportFunction());
}

module.exports = { bundleExportFunction, OUTPUT };
