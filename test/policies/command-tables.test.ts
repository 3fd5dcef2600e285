/**
 * The committed command tables are well formed and written exactly as the generators write them. The
 * Redis table is compared with the real server in access-string-server.test.ts; the Valkey tables are
 * regenerated from a Valkey git clone with `npm run commands:source`, a maintainer's step.
 */
import { COMMAND_TABLES } from "../../policies/lib/command-table";
import { formatTable, tableFile } from "../../scripts/command-tables/table-file";
import * as fs from "node:fs";

describe("the command tables", () => {
    it.each(COMMAND_TABLES.map((t) => [`${t.engine} ${t.version}`, t] as const))(
        "%s is committed as generated, with known categories only",
        (_, table) => {
            expect(fs.readFileSync(tableFile(table), "utf8")).toBe(formatTable(table));
            expect(table.categories).toHaveLength(21);
            const stray = Object.entries(table.commands).filter(([, categories]) => categories.some((c) => !table.categories.includes(c)));
            expect(stray).toEqual([]);
            // Redis and Valkey give every command exactly one of @fast and @slow.
            expect(Object.entries(table.commands).filter(([, c]) => c.includes("fast") === c.includes("slow"))).toEqual([]);
        },
    );
});
