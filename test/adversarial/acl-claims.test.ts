// The Redis-level claims of the corpus's access-string programs, checked on Debian's real redis-server:
// each insecure program's access string lets its user run at least one command of the server's own
// @dangerous category, and each secure look-alike's none (but the configured admin, who holds them all).
import * as fs from "node:fs";
import Redis from "ioredis";
import { freePort, RedisProcess } from "../../lab/redis-process";
import { haveCommand, itWhen } from "../support/tools";
import { corpusPrograms } from "./corpus";

const haveRedis = haveCommand("redis-server", "apt-get install redis-server");

/** One call of each dangerous command, with arguments that pass its arity check, so that ACL DRYRUN answers on permission alone. */
const DANGEROUS_CALLS = [
    ["FLUSHALL"],
    ["FLUSHDB"],
    ["KEYS", "*"],
    ["SWAPDB", "0", "1"],
    ["MIGRATE", "127.0.0.1", "1", "k", "0", "1"],
    ["RESTORE", "k", "0", "x"],
    ["SHUTDOWN"],
    ["MONITOR"],
    ["DEBUG", "SLEEP", "0"],
    ["CONFIG", "SET", "maxmemory", "0"],
    ["ACL", "SETUSER", "x"],
    ["REPLICAOF", "NO", "ONE"],
    ["MODULE", "LOAD", "x"],
    ["SAVE"],
];

/** The user name and access string of the one user each class-2 program writes by hand. */
function accessStringOf(file: string): { userName: string; accessString: string } {
    const source = fs.readFileSync(file, "utf8");
    const call = /rbacUser\("[^"]+", "([^"]+)", "([^"]+)"/.exec(source);
    const literal = /userName: "([^"]+)",[\s\S]*?accessString: "([^"]+)"/.exec(source);
    const [, userName, accessString] = call ?? literal ?? [];
    if (!userName) throw new Error(`${file}: no user with an access string`);
    return { userName, accessString };
}

const PROGRAMS = corpusPrograms()
    .filter((p) => p.className.startsWith("2 "))
    .map((p) => ({ ...p, ...accessStringOf(p.file) }));

describe("the access strings of the corpus on a real redis-server", () => {
    let server: RedisProcess;
    let client: Redis;

    beforeAll(async () => {
        if (!haveRedis) return;
        const port = await freePort();
        server = new RedisProcess(`exec redis-server --port ${port} --bind 127.0.0.1 --save "" --appendonly no`, {});
        await server.ready();
        client = new Redis({ port, host: "127.0.0.1", lazyConnect: true });
        await client.connect();
    });

    afterAll(async () => {
        client?.disconnect();
        await server?.stop();
    });

    /** The dangerous calls that the access string lets its user make, by ACL DRYRUN. */
    async function allowedDangerousCalls(accessString: string): Promise<string[]> {
        await client.call("ACL", "SETUSER", "probe", "reset", ...accessString.split(/\s+/));
        const allowed: string[] = [];
        for (const call of DANGEROUS_CALLS) {
            const answer = await client.call("ACL", "DRYRUN", "probe", ...call).catch((error: Error) => error.message);
            if (answer === "OK") allowed.push(call.slice(0, 2).join(" "));
        }
        return allowed;
    }

    itWhen(haveRedis)(
        "denies every one of these calls to a user with +@all -@dangerous: they are all @dangerous on this server",
        async () => {
            expect(await allowedDangerousCalls("on ~* &* +@all -@dangerous")).toEqual([]);
            expect(await allowedDangerousCalls("on ~* &* +@all")).toHaveLength(DANGEROUS_CALLS.length);
        },
    );

    itWhen(haveRedis).each(PROGRAMS.map((p) => [p.name, p] as const))("%s: what its header claims", async (_name, program) => {
        const allowed = await allowedDangerousCalls(program.accessString);
        if (program.verdict === "deny") expect(allowed.length).toBeGreaterThan(0);
        else expect(allowed).toHaveLength(program.userName === "admin" ? DANGEROUS_CALLS.length : 0);
    });
});
