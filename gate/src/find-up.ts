import * as fs from "node:fs";
import * as path from "node:path";

/** The nearest folder at or above `dir` that holds an entry named `name`, or undefined when none does. */
export function findUp(dir: string, name: string): string | undefined {
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
        if (fs.existsSync(path.join(current, name))) return current;
        if (path.dirname(current) === current) return undefined;
    }
}
