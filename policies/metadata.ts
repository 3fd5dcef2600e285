import * as fs from "node:fs";
import * as path from "node:path";

interface PackageJson {
    name: string;
    version: string;
    description: string;
}

/** The pack's own package.json: beside the sources in a checkout, one level above the compiled `bin/` when installed. */
function readPackageJson(): PackageJson {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;
        if (path.dirname(dir) === dir) throw new Error(`The policy pack's package.json is missing above ${__dirname}.`);
    }
}

export const PACKAGE_JSON = readPackageJson();
