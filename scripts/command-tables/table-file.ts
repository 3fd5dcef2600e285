import * as fs from "node:fs";
import * as path from "node:path";
import type { CommandTable } from "hardened-redis-policies/policies";

/** Where a table is committed: policies/data/<engine>-<major.minor>.json. */
export function tableFile(table: Pick<CommandTable, "engine" | "version">): string {
    const [major, minor] = table.version.split(".");
    return path.join(__dirname, "..", "..", "policies", "data", `${table.engine}-${major}.${minor}.json`);
}

/** JSON with one command per line, so that a regenerated table diffs line by line. */
export function formatTable(table: CommandTable): string {
    const { commands, ...head } = table;
    const lines = Object.entries(commands).map(([name, categories]) => `        ${JSON.stringify(name)}: ${JSON.stringify(categories)}`);
    const headText = JSON.stringify({ ...head }, null, 4).replace(/\n}$/, "");
    return `${headText},\n    "commands": {\n${lines.join(",\n")}\n    }\n}\n`;
}

export function writeTable(table: CommandTable): string {
    const file = tableFile(table);
    fs.writeFileSync(file, formatTable(table));
    return file;
}
