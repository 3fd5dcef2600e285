/**
 * The users model of policies/lib/redis-users.ts against Debian's redis-server: for each configuration,
 * whether the server starts, and which users it has, each on or off and with or without nopass.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Redis from "ioredis";
import { analyzeAccessString } from "../../policies/lib/access-string";
import { parseConfigFile, shellWords } from "../../policies/lib/redis-config";
import { ServerConfig } from "../../policies/lib/redis-server";
import { serverUsersOf } from "../../policies/lib/redis-users";
import { startPlainServer } from "../../scripts/command-tables/server";
import { haveCommand, itWhen } from "../tools";

const run = itWhen(haveCommand("redis-server", "apt-get install redis-server"));
const HASH = `#${"ab".repeat(32)}`;

interface Case {
    title: string;
    acl?: string;
    conf: string;
}

const CASES: Case[] = [
    { title: "an ACL file without a default line", acl: `user app on ${HASH} ~* +@read`, conf: "" },
    { title: "requirepass beside an ACL file without a default line", acl: `user app on ${HASH} ~* +@read`, conf: "requirepass a-password-0123456789" },
    { title: "an ACL file with default off", acl: `user default off\nuser app on ${HASH} ~* +@read`, conf: "" },
    { title: "an ACL file with an open default and requirepass", acl: "user default on nopass ~* +@all", conf: "requirepass a-password-0123456789" },
    { title: "an ACL file with blank lines", acl: `\nuser default off\n\nuser app on nopass ~* +@read\n`, conf: "" },
    { title: "an ACL file with a comment", acl: "# users\nuser default off", conf: "" },
    { title: "an ACL file with a repeated user", acl: "user app on nopass\nuser app off", conf: "" },
    { title: "an ACL file beside user directives", acl: "user default off", conf: "user app on nopass ~* +@read" },
    { title: "no ACL file and no requirepass", conf: "" },
    { title: "requirepass alone", conf: "requirepass a-password-0123456789" },
    { title: "user directives and requirepass", conf: `requirepass a-password-0123456789\nuser app on ${HASH} ~* +@read` },
    { title: "an open default user directive before requirepass", conf: "user default on nopass ~* +@all\nrequirepass a-password-0123456789" },
    { title: "a default user directive without on", conf: `user default ${HASH} ~* +@all` },
    { title: "a nopass user reset", conf: "user default off\nuser app on nopass ~* +@read reset" },
];

/** An administrator added to every case, to read the users whatever the default user allows; left out of the results. */
const PROBE = "probe";
const PROBE_PASSWORD = "probe-password-0123456789";
const PROBE_LINE = `user ${PROBE} on >${PROBE_PASSWORD} ~* &* +@all`;

/** The case with the administrator added: to the ACL file when there is one, else as a user directive. */
function withProbe(c: Case): Case {
    return c.acl === undefined ? { ...c, conf: `${c.conf}\n${PROBE_LINE}` } : { ...c, acl: `${c.acl}\n${PROBE_LINE}` };
}

/** What the model says: started, and each user as `name on|off [nopass]`. */
function modelOf(c: Case, dir: string): string[] {
    const source = 'Secret "redis" key "redis.conf"';
    const conf = c.acl === undefined ? c.conf : `aclfile ${path.join(dir, "users.acl")}\n${c.conf}`;
    const all = parseConfigFile(conf, source);
    const config: ServerConfig = { directives: new Map(all.map((d) => [d.name, d])), all, files: c.acl === undefined ? [] : [{ source: 'Secret "redis" key "users.acl"', key: "users.acl", text: c.acl }], complete: true };
    const users = serverUsersOf(config);
    if (users.state === "does not start") return ["does not start"];
    if (users.state === "unknown") throw new Error(users.reason);
    return users.users
        .filter((u) => u.name !== PROBE)
        .map((u) => ({ name: u.name, access: analyzeAccessString(u.rules.join(" ")) }))
        .map(({ name, access }) => `${name} ${access.enabled ? "on" : "off"}${access.nopass ? " nopass" : ""}`)
        .sort();
}

/** What the server says, from ACL GETUSER of every user. */
async function serverOf(c: Case, dir: string): Promise<string[]> {
    const args: string[] = [];
    if (c.acl !== undefined) {
        fs.writeFileSync(path.join(dir, "users.acl"), c.acl);
        args.push("--aclfile", path.join(dir, "users.acl"));
    }
    for (const line of c.conf.split("\n").filter(Boolean)) {
        const [name, ...rest] = shellWords(line);
        args.push(`--${name}`, ...rest);
    }
    const server = await startPlainServer(args).catch(() => undefined);
    if (!server) return ["does not start"];
    const client = new Redis({ host: "127.0.0.1", port: server.port, username: PROBE, password: PROBE_PASSWORD, lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
        await client.connect();
        const names = (await client.call("ACL", "USERS")) as string[];
        const users: string[] = [];
        for (const name of names.filter((n) => n !== PROBE)) {
            const flags = ((await client.call("ACL", "GETUSER", name)) as unknown[])[1] as string[];
            users.push(`${name} ${flags.includes("on") ? "on" : "off"}${flags.includes("nopass") ? " nopass" : ""}`);
        }
        return users.sort();
    } finally {
        client.disconnect();
        await server.stop();
    }
}

describe("the users redis-server starts with", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "hardened-redis-users-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    run.each(CASES.map((c) => [c.title, c] as const))("%s: the model matches the server", async (_, c) => {
        expect(modelOf(withProbe(c), dir)).toEqual(await serverOf(withProbe(c), dir));
    });
});
