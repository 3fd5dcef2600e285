/**
 * The users model of policies/lib/redis-users.ts against Debian's redis-server: for each configuration,
 * given to the model and to the server as the same argv, whether the server starts, and which users
 * it has, each on or off and with or without nopass.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Redis from "ioredis";
import { analyzeAccessString } from "../../policies/lib/access-string";
import { ConfigRejected, serverArgvConfig, splitArgs } from "../../policies/lib/redis-config";
import { serverUsersOf } from "../../policies/lib/redis-users";
import { startPlainServer } from "../../scripts/command-tables/server";
import { haveCommand, itWhen } from "../support/tools";

const run = itWhen(haveCommand("redis-server", "apt-get install redis-server"));
const HASH = `#${"ab".repeat(32)}`;

interface Case {
    title: string;
    acl?: string;
    conf: string;
}

const CASES: Case[] = [
    { title: "an ACL file without a default line", acl: `user app on ${HASH} ~* +@read`, conf: "" },
    {
        title: "requirepass beside an ACL file without a default line",
        acl: `user app on ${HASH} ~* +@read`,
        conf: "requirepass a-password-0123456789",
    },
    { title: "an ACL file with default off", acl: `user default off\nuser app on ${HASH} ~* +@read`, conf: "" },
    {
        title: "an ACL file with an open default and requirepass",
        acl: "user default on nopass ~* +@all",
        conf: "requirepass a-password-0123456789",
    },
    { title: "an ACL file with blank lines", acl: `\nuser default off\n\nuser app on nopass ~* +@read\n`, conf: "" },
    { title: "an ACL file with a comment", acl: "# users\nuser default off", conf: "" },
    { title: "an ACL file with a repeated user", acl: "user app on nopass\nuser app off", conf: "" },
    { title: "an ACL file beside user directives", acl: "user default off", conf: "user app on nopass ~* +@read" },
    { title: "no ACL file and no requirepass", conf: "" },
    { title: "requirepass alone", conf: "requirepass a-password-0123456789" },
    { title: "user directives and requirepass", conf: `requirepass a-password-0123456789\nuser app on ${HASH} ~* +@read` },
    {
        title: "an open default user directive before requirepass",
        conf: "user default on nopass ~* +@all\nrequirepass a-password-0123456789",
    },
    { title: "a default user directive without on", conf: `user default ${HASH} ~* +@all` },
    { title: "a nopass user reset", conf: "user default off\nuser app on nopass ~* +@read reset" },
    { title: "a user directive repeated", conf: "user app on nopass ~* +@read\nuser app off" },
    { title: "a default user directive repeated", conf: "user default off\nuser default on nopass ~* +@all" },
    { title: "a user directive without a name", conf: "user" },
    { title: "an empty aclfile, which means none", conf: 'aclfile ""\nrequirepass a-password-0123456789' },
    { title: "an empty requirepass", conf: 'requirepass ""' },
    { title: "an ACL file with unbalanced quotes", acl: 'user default off\nuser app on "nopass ~* +@read', conf: "" },
    { title: "an ACL file line with a user keyword alone", acl: "user default off\nuser", conf: "" },
];

/** An administrator added to every case, to read the users whatever the default user allows; left out of the results. */
const PROBE = "probe";
const PROBE_PASSWORD = "probe-password-0123456789";
const PROBE_LINE = `user ${PROBE} on >${PROBE_PASSWORD} ~* &* +@all`;

/** The case with the administrator added: to the ACL file when there is one, else as a user directive. */
function withProbe(c: Case): Case {
    return c.acl === undefined ? { ...c, conf: `${PROBE_LINE}\n${c.conf}` } : { ...c, acl: `${PROBE_LINE}\n${c.acl}` };
}

/** The server's arguments: the ACL file, then every line of the case's configuration as an option. */
function argsOf(c: Case, dir: string): string[] {
    const args = c.acl === undefined ? [] : ["--aclfile", path.join(dir, "users.acl")];
    for (const line of c.conf.split("\n").filter(Boolean)) {
        const [name, ...rest] = splitArgs(line)!;
        args.push(`--${name}`, ...rest);
    }
    return args;
}

/** Reads the files the server reads, from the test's directory. */
const readFile = (file: string) =>
    fs.existsSync(file) ? { text: fs.readFileSync(file, "utf8"), source: file } : { unread: `${file}, absent` };

/** What the model says of the same argv: started, and each user as `name on|off [nopass]`. */
function modelOf(c: Case, dir: string): string[] {
    if (c.acl !== undefined) fs.writeFileSync(path.join(dir, "users.acl"), c.acl);
    let entries;
    try {
        entries = serverArgvConfig(["redis-server", ...argsOf(c, dir)], readFile, "the command line");
    } catch (error) {
        if (error instanceof ConfigRejected) return ["does not start"];
        throw error;
    }
    const users = serverUsersOf(entries, readFile);
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
    if (c.acl !== undefined) fs.writeFileSync(path.join(dir, "users.acl"), c.acl);
    const server = await startPlainServer(argsOf(c, dir)).catch(() => undefined);
    if (!server) return ["does not start"];
    const client = new Redis({
        host: "127.0.0.1",
        port: server.port,
        username: PROBE,
        password: PROBE_PASSWORD,
        lazyConnect: true,
        maxRetriesPerRequest: 0,
    });
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
