import redis70 from "../data/redis-7.0.json";
import valkey72 from "../data/valkey-7.2.json";
import valkey80 from "../data/valkey-8.0.json";

/**
 * The ACL categories of every command and subcommand of one server version, as the server itself
 * assigns them. Generated data (see `source`), never edited by hand.
 */
export interface CommandTable {
    engine: "redis" | "valkey";
    /** The release the table was generated from, for example `7.0.15`. */
    version: string;
    /** Where the table came from: a running server, or the server's source at a tag. */
    source: string;
    /** The categories `ACL CAT` lists, without `@`. */
    categories: string[];
    /** Each command, and each subcommand as `container|subcommand`, in lower case, to its categories without `@`. */
    commands: Record<string, string[]>;
}

/**
 * Redis 7.0 (ElastiCache for Redis OSS 7.0 and 7.1: AWS documents 7.1 as compatible with Redis OSS 7.0,
 * with performance changes only) and Valkey 7.2 and 8.0.
 */
export const COMMAND_TABLES: readonly CommandTable[] = [redis70, valkey72, valkey80] as CommandTable[];

/** The table a command name belongs to: `config|set` to its container `config`. */
export function containerOf(command: string): string | undefined {
    const bar = command.indexOf("|");
    return bar < 0 ? undefined : command.slice(0, bar);
}
