/**
 * Generates a Redis command table (policies/data/redis-<major.minor>.json) from a running redis-server:
 * `COMMAND` for the categories of every command and subcommand, cross-checked against `ACL CAT <category>`.
 *
 *   node -r hardened-redis-gate/register-typescript scripts/command-tables/redis.ts [port]
 *
 * With no port it starts Debian's redis-server on a free loopback port and stops it afterwards.
 */
import Redis from "ioredis";
import type { CommandTable } from "hardened-redis-policies/policies";
import { startPlainServer } from "./server";
import { writeTable } from "./table-file";

type CommandReply = [string, number, string[], number, number, number, string[], unknown, unknown, CommandReply[]];

const bare = (category: string) => category.replace(/^@/, "");

function collect(replies: CommandReply[], commands: Record<string, string[]>): void {
    for (const reply of replies) {
        commands[reply[0].toLowerCase()] = reply[6].map(bare).sort();
        collect(reply[9] ?? [], commands);
    }
}

/** The command table of the server behind `client`; throws when COMMAND and ACL CAT disagree. */
export async function redisCommandTable(client: Redis): Promise<CommandTable> {
    const info = String(await client.info("server"));
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? "unknown";
    const categories = ((await client.call("ACL", "CAT")) as string[]).map(bare);
    const commands: Record<string, string[]> = {};
    collect((await client.call("COMMAND")) as CommandReply[], commands);
    for (const category of categories) {
        const members = new Set(((await client.call("ACL", "CAT", category)) as string[]).map((c) => c.toLowerCase()));
        const fromCommand = Object.keys(commands).filter((c) => commands[c].includes(category));
        const differ = fromCommand.filter((c) => !members.has(c)).concat([...members].filter((c) => !commands[c]?.includes(category)));
        if (differ.length > 0) throw new Error(`COMMAND and ACL CAT ${category} disagree on ${differ.join(", ")}`);
    }
    return {
        engine: "redis",
        version,
        source: `COMMAND and ACL CAT of redis-server ${version}`,
        categories,
        commands: Object.fromEntries(
            Object.keys(commands)
                .sort()
                .map((c) => [c, commands[c]]),
        ),
    };
}

async function main(): Promise<void> {
    const port = process.argv[2] ? Number(process.argv[2]) : undefined;
    const server = port === undefined ? await startPlainServer() : undefined;
    const client = new Redis({ host: "127.0.0.1", port: port ?? server!.port, lazyConnect: true });
    try {
        await client.connect();
        console.log(`wrote ${writeTable(await redisCommandTable(client))}`);
    } finally {
        client.disconnect();
        await server?.stop();
    }
}

if (require.main === module)
    main().catch((error) => {
        console.error(error);
        process.exit(1);
    });
