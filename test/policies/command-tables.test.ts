/**
 * The committed command tables: well formed, and reproducible from the source they name. Regenerating
 * from source needs git clones of Redis and Valkey; set HARDENED_REDIS_REDIS_GIT and
 * HARDENED_REDIS_VALKEY_GIT to their git directories (`git clone --bare https://github.com/valkey-io/valkey`).
 */
import { COMMAND_TABLES } from "../../policies/lib/command-table";
import { commandTableAtTag } from "../../scripts/command-tables/source";
import { formatTable, tableFile } from "../../scripts/command-tables/table-file";
import * as fs from "node:fs";

function gitDir(variable: string): string | undefined {
    const dir = process.env[variable];
    if (dir && fs.existsSync(dir)) return dir;
    console.warn(`\n*** SKIPPED TESTS: set ${variable} to a git clone to regenerate the command tables from source ***\n`);
    return undefined;
}

const REDIS_GIT = gitDir("HARDENED_REDIS_REDIS_GIT");
const VALKEY_GIT = gitDir("HARDENED_REDIS_VALKEY_GIT");

describe("the command tables", () => {
    it.each(COMMAND_TABLES.map((t) => [`${t.engine} ${t.version}`, t] as const))("%s is committed as generated, with known categories only", (_, table) => {
        expect(fs.readFileSync(tableFile(table), "utf8")).toBe(formatTable(table));
        expect(table.categories).toHaveLength(21);
        const stray = Object.entries(table.commands).filter(([, categories]) => categories.some((c) => !table.categories.includes(c)));
        expect(stray).toEqual([]);
        // Redis and Valkey give every command exactly one of @fast and @slow.
        expect(Object.entries(table.commands).filter(([, c]) => c.includes("fast") === c.includes("slow"))).toEqual([]);
    });

    (REDIS_GIT ? it : it.skip)("derived from Redis 7.0.15's source, equal the table of the real redis-server", () => {
        const fromSource = commandTableAtTag(REDIS_GIT!, "redis", "7.0.15", "github.com/redis/redis");
        const server = COMMAND_TABLES.find((t) => t.engine === "redis")!;
        expect({ categories: fromSource.categories, commands: fromSource.commands }).toEqual({ categories: server.categories, commands: server.commands });
    });

    (VALKEY_GIT ? it.each : it.skip.each)(["7.2.7", "8.0.1"])("Valkey %s regenerates from its source tag unchanged", (tag) => {
        const committed = COMMAND_TABLES.find((t) => t.engine === "valkey" && t.version === tag)!;
        expect(commandTableAtTag(VALKEY_GIT!, "valkey", tag, "github.com/valkey-io/valkey")).toEqual(committed);
    });
});
