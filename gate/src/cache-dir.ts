import * as path from "node:path";
import { findUp } from "./find-up";

/**
 * The gate's cache folder for files under `dir`: `node_modules/.cache/hardened-redis-gate/<kind>` of the
 * nearest project above it, the convention of Babel, ESLint and others. It is private to the project,
 * unlike a fixed path in the shared temporary folder, where another user could plant entries. Undefined
 * when no node_modules is above `dir`: nothing is cached then.
 */
export function cacheDir(dir: string, kind: string): string | undefined {
    const project = findUp(dir, "node_modules");
    return project && path.join(project, "node_modules", ".cache", "hardened-redis-gate", kind);
}
