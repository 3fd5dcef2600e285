/**
 * Generates a command table from a server's source at a release tag: the command JSON files
 * (src/commands/*.json, with `acl_categories` and `command_flags`) and the category list of src/acl.c.
 * This is how the Valkey tables are made, since no Valkey server is installable here; the same code
 * run on Redis's own source must reproduce the table of the real redis-server (see the tests).
 *
 *   node -r hardened-redis-gate/register-typescript scripts/command-tables/source.ts <git-dir> <redis|valkey> <tag>
 */
import { spawnSync } from "node:child_process";
import type { CommandTable } from "hardened-redis-policies/policies";
import { writeTable } from "./table-file";

/** The command flags that imply categories, as `setImplicitACLCategories` in src/server.c applies them. */
export function implicitCategories(flags: readonly string[], explicit: readonly string[]): string[] {
    const has = (flag: string) => flags.includes(flag);
    const categories = new Set(explicit);
    if (has("write")) categories.add("write");
    if (has("readonly") && !categories.has("scripting")) categories.add("read");
    if (has("admin")) ["admin", "dangerous"].forEach((c) => categories.add(c));
    if (has("pubsub")) categories.add("pubsub");
    if (has("fast")) categories.add("fast");
    if (has("blocking")) categories.add("blocking");
    if (!categories.has("fast")) categories.add("slow");
    return [...categories].sort();
}

interface CommandSpec {
    container?: string;
    command_flags?: string[];
    acl_categories?: string[];
}

/** The categories `ACL CAT` lists, in order, from the `ACLCommandCategories` array of src/acl.c. */
export function categoriesOfAclSource(aclC: string): string[] {
    const array = /ACL(?:Default)?CommandCategories\[\]\s*=\s*\{([\s\S]*?)\};/.exec(aclC)?.[1] ?? "";
    return [...array.matchAll(/\{\s*"([a-z]+)"\s*,/g)].map((m) => m[1]);
}

/** The table of one release, from the texts of its command JSON files and of src/acl.c. */
export function sourceCommandTable(
    engine: CommandTable["engine"],
    version: string,
    commandFiles: readonly string[],
    aclC: string,
    source: string,
): CommandTable {
    const commands: Record<string, string[]> = {};
    for (const text of commandFiles) {
        for (const [name, spec] of Object.entries(JSON.parse(text) as Record<string, CommandSpec>)) {
            const flags = (spec.command_flags ?? []).map((f) => f.toLowerCase());
            if (flags.includes("only_sentinel")) continue;
            const fullName = spec.container ? `${spec.container}|${name}` : name;
            commands[fullName.toLowerCase()] = implicitCategories(
                flags,
                (spec.acl_categories ?? []).map((c) => c.toLowerCase()),
            );
        }
    }
    return {
        engine,
        version,
        source,
        categories: categoriesOfAclSource(aclC),
        commands: Object.fromEntries(
            Object.keys(commands)
                .sort()
                .map((c) => [c, commands[c]]),
        ),
    };
}

function git(gitDir: string, args: string[], input?: string): Buffer {
    const result = spawnSync("git", ["--git-dir", gitDir, ...args], { input, maxBuffer: 256 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout;
}

/** The texts of files at a revision, read in one `git cat-file --batch`. */
function filesAt(gitDir: string, tag: string, paths: readonly string[]): string[] {
    const output = git(gitDir, ["cat-file", "--batch"], paths.map((p) => `${tag}:${p}\n`).join(""));
    const texts: string[] = [];
    let offset = 0;
    for (const file of paths) {
        const headerEnd = output.indexOf(10, offset);
        const size = Number(output.subarray(offset, headerEnd).toString().split(" ")[2]);
        if (!Number.isInteger(size)) throw new Error(`${tag}:${file} is not in ${gitDir}`);
        texts.push(output.subarray(headerEnd + 1, headerEnd + 1 + size).toString("utf8"));
        offset = headerEnd + 1 + size + 1;
    }
    return texts;
}

/** The table of the release `tag` of a git repository of Redis or Valkey. */
export function commandTableAtTag(gitDir: string, engine: CommandTable["engine"], tag: string, repository: string): CommandTable {
    const files = git(gitDir, ["ls-tree", "--name-only", tag, "src/commands/"])
        .toString()
        .split("\n")
        .filter((f) => f.endsWith(".json"));
    const [aclC, ...texts] = filesAt(gitDir, tag, ["src/acl.c", ...files]);
    const commit = git(gitDir, ["rev-parse", `${tag}^{commit}`])
        .toString()
        .trim();
    return sourceCommandTable(
        engine,
        tag,
        texts,
        aclC,
        `src/commands/*.json and src/acl.c of ${repository} at tag ${tag} (commit ${commit})`,
    );
}

if (require.main === module) {
    const [gitDir, engine, tag] = process.argv.slice(2);
    if (!gitDir || (engine !== "redis" && engine !== "valkey") || !tag) {
        console.error("usage: source.ts <git-dir> <redis|valkey> <tag>");
        process.exit(2);
    }
    const repository = engine === "valkey" ? "github.com/valkey-io/valkey" : "github.com/redis/redis";
    console.log(`wrote ${writeTable(commandTableAtTag(gitDir, engine, tag, repository))}`);
}
