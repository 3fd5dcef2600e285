import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The gate's cache folder for files under `dir`: `node_modules/.cache/hardened-redis-gate/<kind>` of the
 * nearest project above it, the convention of Babel, ESLint and others. It is private to the project,
 * unlike a fixed path in the shared temporary folder, where another user could plant entries. Undefined
 * when no node_modules is above `dir`: nothing is cached then.
 */
export function cacheDir(dir: string, kind: string): string | undefined {
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
        const modules = path.join(current, "node_modules");
        if (fs.existsSync(modules)) return path.join(modules, ".cache", "hardened-redis-gate", kind);
        if (path.dirname(current) === current) return undefined;
    }
}
