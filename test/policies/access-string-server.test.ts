/**
 * The ACL engine against Debian's redis-server: the committed Redis table is what the server reports,
 * the engine grants exactly the commands `ACL DRYRUN` accepts, and rejects exactly what `ACL SETUSER` rejects.
 */
import Redis from "ioredis";
import { ROLES, roleRules } from "../../components/shared/access";
import { AclRuleError, aclRules, applyAclRules, dangerousCommandsOf, grantedCommands } from "../../policies/lib/access-string";
import { COMMAND_TABLES } from "../../policies/lib/command-table";
import { redisCommandTable } from "../../scripts/command-tables/redis";
import { implicitCategories } from "../../scripts/command-tables/source";
import { PlainServer, startPlainServer } from "../../scripts/command-tables/server";
import { haveCommand, itWhen } from "../support/tools";

const run = itWhen(haveCommand("redis-server", "apt-get install redis-server"));
const REDIS_70 = COMMAND_TABLES.find((t) => t.engine === "redis" && t.version.startsWith("7.0."))!;

let server: PlainServer | undefined;
let client: Redis;

beforeAll(async () => {
    if (!haveCommand("redis-server", "apt-get install redis-server")) return;
    server = await startPlainServer();
    client = new Redis({ host: "127.0.0.1", port: server.port, lazyConnect: true, maxRetriesPerRequest: 0 });
    await client.connect();
});
afterAll(async () => {
    client?.disconnect();
    await server?.stop();
});

type CommandReply = [string, number, string[], number, number, number, string[], unknown, unknown, CommandReply[]];

/** Each command a client runs (a subcommand as `config|set`): its arity and flags, from COMMAND. */
async function leafCommands(): Promise<Map<string, { arity: number; flags: string[] }>> {
    const leaves = new Map<string, { arity: number; flags: string[] }>();
    const walk = (replies: CommandReply[]) => {
        for (const reply of replies) {
            if (reply[9]?.length) walk(reply[9]);
            else leaves.set(reply[0].toLowerCase(), { arity: reply[1], flags: reply[2] });
        }
    };
    walk((await client.call("COMMAND")) as CommandReply[]);
    return leaves;
}

/** True when `ACL DRYRUN` lets the user run the command (a key or channel denial still means the command is allowed). */
async function dryRunAllows(user: string, argv: string[]): Promise<boolean> {
    const reply = String(await client.call("ACL", "DRYRUN", user, ...argv).catch((error: Error) => error.message));
    if (reply === "OK" || /no permissions to access the '.*' (key|channel)/.test(reply)) return true;
    if (/no permissions to run the '.*' command/.test(reply)) return false;
    throw new Error(`ACL DRYRUN ${argv.join(" ")}: ${reply}`);
}

/** An argv of the command's arity; the filler word matches no first-argument grant of the tests. */
function argvOf(command: string, arity: number): string[] {
    const words = command.split("|");
    const length = Math.max(Math.abs(arity), words.length);
    return [...words, ...Array.from({ length: length - words.length }, () => "filler")];
}

/** The commands the server lets `user` run, by ACL DRYRUN of every command, plus its first-argument grants. */
async function serverGrants(user: string, firstArgs: string[]): Promise<string[]> {
    const granted: string[] = [];
    for (const [command, { arity, flags }] of await leafCommands()) {
        // AUTH, HELLO, QUIT and RESET carry the no-auth flag: Redis runs them for every connection, whatever its ACL.
        if (flags.includes("no_auth")) continue;
        if (await dryRunAllows(user, argvOf(command, arity))) granted.push(command);
    }
    for (const grant of firstArgs) {
        const [command, arg] = grant.split("|");
        const arity = (await leafCommands()).get(command)!.arity;
        if (await dryRunAllows(user, [command, arg, ...argvOf(command, arity).slice(2)])) granted.push(grant);
    }
    return granted.sort();
}

/** Access strings whose result is not obvious: categories that hold containers, subcommands, first arguments, selectors, reset. */
const ACCESS_STRINGS = [
    "on ~* &* +@write +@read",
    "on ~* &* +@keyspace",
    "on ~* &* +@slow",
    "on ~* &* +@all -@dangerous",
    "on ~* &* -@all +@read +@connection -@dangerous",
    "on ~* &* +@all -@slow +config|get",
    "on ~* &* +@fast -client +client|id",
    "on ~* &* +@admin -@dangerous +@slow",
    "on ~* &* allcommands -flushall -config|set",
    "on ~* &* nocommands +select|0 +debug|object +select|1",
    "on ~* &* +@all reset on ~* +get",
    "on ~* &* -@all (~logs:* +@all -@dangerous) (~tmp:* +flushdb)",
    "on ~* &* +@scripting +@pubsub -@write",
    "on ~* &* +@dangerous -@admin",
    "on ~* &* +client -client|kill +cluster|info",
    "on resetkeys resetchannels -@all +psync +replconf",
    "on ~* &* +@all -@all +@transaction +@blocking",
    "on ~* &* +@all (~a +@read) clearselectors -@keyspace +@hyperloglog",
    "on ~* &* +@sortedset +@list +@set +@hash +@string +@bitmap +@geo +@stream",
    "on ~* +@connection +@admin -@all +@read -keys",
    "on ~* &* +select|0 +select",
    "on ~* &* +select|0 -select",
];

describe("the Redis 7.0 command table", () => {
    run("is what Debian's redis-server reports (COMMAND, cross-checked with ACL CAT of every category)", async () => {
        expect(await redisCommandTable(client)).toEqual(REDIS_70);
    });

    run("gives every command the categories its flags imply, the rule the Valkey tables are derived with", async () => {
        for (const [command, { flags }] of await leafCommands()) {
            const categories = REDIS_70.commands[command];
            expect({ command, categories: implicitCategories(flags, categories) }).toEqual({ command, categories });
        }
    });
});

describe("the ACL engine against ACL DRYRUN", () => {
    run.each(ACCESS_STRINGS)("%s grants on the server exactly the commands the engine computes", async (accessString) => {
        const rules = aclRules(accessString);
        await client.call("ACL", "DELUSER", "probe");
        await client.call("ACL", "SETUSER", "probe", ...rules);
        const commands = await leafCommands();
        const engine = grantedCommands(applyAclRules(rules, REDIS_70), REDIS_70).filter((c) => !commands.get(c)?.flags.includes("no_auth"));
        const firstArgs = engine.filter((c) => !(c in REDIS_70.commands));
        expect(await serverGrants("probe", firstArgs)).toEqual(engine);
    });

    run.each([
        "on +nosuchcommand",
        "on +@nosuchcategory",
        "on -select|0",
        "on +config|get|x",
        "on +get|",
        "on +config|nosuch",
        "on #abc",
        "on (+@all on)",
        "on bogus",
    ])("%s is rejected by the server and by the engine", async (accessString) => {
        const rules = aclRules(accessString);
        const serverError = await client.call("ACL", "SETUSER", "rejected", ...rules).then(
            () => "",
            (error: Error) => error.message,
        );
        expect(serverError).not.toBe("");
        expect(() => applyAclRules(rules, REDIS_70)).toThrow(AclRuleError);
    });
});

describe("the components' roles on the server", () => {
    // The pack's dangerous commands, each run through ACL DRYRUN as a user of each role.
    run.each(ROLES)("%s may run a dangerous command only if it is admin", async (role) => {
        const user = `role-${role}`;
        await client.call("ACL", "SETUSER", user, "reset", "on", "nopass", ...roleRules(role));
        const commands = await leafCommands();
        const dangerous = [...dangerousCommandsOf(REDIS_70)].filter((c) => commands.has(c) && !commands.get(c)!.flags.includes("no_auth"));
        expect(dangerous).toEqual(
            expect.arrayContaining([
                "flushall",
                "flushdb",
                "keys",
                "config|set",
                "shutdown",
                "monitor",
                "module|load",
                "acl|setuser",
                "replicaof",
                "migrate",
            ]),
        );
        const allowed: string[] = [];
        for (const command of dangerous) if (await dryRunAllows(user, argvOf(command, commands.get(command)!.arity))) allowed.push(command);
        expect(allowed).toEqual(role === "admin" ? dangerous : []);
    });
});
