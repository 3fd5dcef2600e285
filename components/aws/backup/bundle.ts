import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";

/** A current Lambda runtime; it ships the AWS SDK v3, which the bundle therefore leaves out. */
export const EXPORT_FUNCTION_RUNTIME = "nodejs22.x";
export const EXPORT_FUNCTION_HANDLER = "index.handler";

/** Where the package build puts the export function's bundle, relative to the package root. */
export const EXPORT_FUNCTION_BUNDLE = path.join("bin", "assets", "snapshot-export", "index.js");

/** The package root: the nearest folder above this module (in `bin/` or beside the sources) with a package.json. */
function packageRoot(): string {
    for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    }
    throw new Error(`hardened-redis: no package.json above ${__dirname}.`);
}

let bundle: string | undefined;

/** The export function as one CommonJS file, as the package build bundled it; read once per process. */
export function exportHandlerBundle(): string {
    if (bundle === undefined) {
        const file = path.join(packageRoot(), EXPORT_FUNCTION_BUNDLE);
        if (!fs.existsSync(file)) throw new Error(`hardened-redis: the snapshot export function's bundle ${file} is missing; build the package (npm run build).`);
        bundle = fs.readFileSync(file, "utf8");
    }
    return bundle;
}

/** The Lambda deployment package: the bundle as `index.js`. */
export function exportFunctionCode(): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(exportHandlerBundle()) });
}
