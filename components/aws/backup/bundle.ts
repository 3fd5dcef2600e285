import * as pulumi from "@pulumi/pulumi";
import { buildSync } from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";

/** A current Lambda runtime; it ships the AWS SDK v3, which the bundle therefore leaves out. */
export const EXPORT_FUNCTION_RUNTIME = "nodejs22.x";
export const EXPORT_FUNCTION_HANDLER = "index.handler";

const HANDLER_DIRECTORY = path.join(__dirname, "..", "snapshot-export");

/**
 * The export function as one CommonJS file, compiled from its source by esbuild: `handler.ts` in a
 * checkout, `handler.js` in the published package. The output depends only on the source (paths in
 * it are relative to the handler's directory), so previews show no diff.
 */
export function buildExportHandler(): string {
    const entry = ["handler.ts", "handler.js"].map((file) => path.join(HANDLER_DIRECTORY, file)).find((file) => fs.existsSync(file));
    if (!entry) throw new Error(`The snapshot export function's source is missing from ${HANDLER_DIRECTORY}.`);
    const result = buildSync({
        entryPoints: [entry],
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

let bundle: string | undefined;

/** The bundle, built once per process however many caches the program declares. */
export function exportHandlerBundle(): string {
    bundle ??= buildExportHandler();
    return bundle;
}

/** The Lambda deployment package: the bundle as `index.js`. */
export function exportFunctionCode(): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(exportHandlerBundle()) });
}
