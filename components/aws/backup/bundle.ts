import * as pulumi from "@pulumi/pulumi";
import * as fs from "node:fs";
import * as path from "node:path";

/** A current Lambda runtime; it ships the AWS SDK v3, which the bundles therefore leave out. */
export const EXPORT_FUNCTION_RUNTIME = "nodejs22.x";
export const EXPORT_FUNCTION_HANDLER = "index.handler";

/** The functions the package build bundles (scripts/bundle-export-function.js), by asset folder. */
export type FunctionBundleName = "snapshot-export" | "restore-drill-canary" | "restore-drill-control" | "restore-drill-validate";

/** Where the package build puts a function's bundle, relative to the package root. */
export function functionBundlePath(name: FunctionBundleName): string {
    return path.join("bin", "assets", name, "index.js");
}

/** Where the package build puts the export function's bundle, relative to the package root. */
export const EXPORT_FUNCTION_BUNDLE = functionBundlePath("snapshot-export");

/** The package root: the nearest folder above this module (in `bin/` or beside the sources) with a package.json. */
function packageRoot(): string {
    for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    }
    throw new Error(`hardened-redis: no package.json above ${__dirname}.`);
}

const bundles = new Map<FunctionBundleName, string>();

/** A function as one CommonJS file, as the package build bundled it; read once per process. */
export function functionBundle(name: FunctionBundleName): string {
    let bundle = bundles.get(name);
    if (bundle === undefined) {
        const file = path.join(packageRoot(), functionBundlePath(name));
        if (!fs.existsSync(file))
            throw new Error(`hardened-redis: the ${name} function's bundle ${file} is missing; build the package (npm run build).`);
        bundle = fs.readFileSync(file, "utf8");
        bundles.set(name, bundle);
    }
    return bundle;
}

/** The Lambda deployment package of a function: its bundle as `index.js`. */
export function functionCode(name: FunctionBundleName): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset(functionBundle(name)) });
}

/** The export function as one CommonJS file. */
export function exportHandlerBundle(): string {
    return functionBundle("snapshot-export");
}

/** The export function's deployment package. */
export function exportFunctionCode(): pulumi.asset.AssetArchive {
    return functionCode("snapshot-export");
}
