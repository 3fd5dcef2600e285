/**
 * What the pod's redis-cli commands change on the running server (policies/lib/runtime-config.ts), against
 * Debian's redis-server: the server starts with a configuration, the commands a postStart hook would send
 * are sent, and protected-mode and the users (on or off, with or without nopass) are read back, as the model
 * says they end up.
 */
import Redis from "ioredis";
import { analyzeAccessString } from "../../policies/lib/access-string";
import { splitArgs } from "../../policies/lib/redis-config";
import { serverProcessOf, settingsOf } from "../../policies/lib/redis-server";
import { startUsersOf } from "../../policies/lib/redis-users";
import { startPlainServer } from "../../scripts/command-tables/server";
import { haveCommand, itWhen } from "../support/tools";

const run = itWhen(haveCommand("redis-server", "apt-get install redis-server"));
const PROBE = "probe";
const PROBE_PASSWORD = "probe-password-0123456789";
const PROBE_USER = `${PROBE} on >${PROBE_PASSWORD} ~* &* +@all`;

interface Case {
    title: string;
    /** Configuration lines the server starts with (the probe user is added). */
    conf: string[];
    /** The command redis-cli sends. */
    command: string[];
}

const CASES: Case[] = [
    { title: "CONFIG SET protected-mode no", conf: ["protected-mode yes"], command: ["CONFIG", "SET", "protected-mode", "no"] },
    {
        title: "CONFIG SET of two settings at once, requirepass among them",
        conf: [],
        command: ["config", "set", "protected-mode", "no", "requirepass", "a-password-0123456789"],
    },
    {
        title: "CONFIG SET requirepass to empty after a password",
        conf: ["requirepass a-password-0123456789"],
        command: ["CONFIG", "SET", "requirepass", ""],
    },
    {
        title: "CONFIG SET aclfile fails and changes nothing",
        conf: ["protected-mode yes"],
        command: ["CONFIG", "SET", "aclfile", "/nonexistent.acl"],
    },
    { title: "ACL SETUSER creates an open user", conf: [], command: ["ACL", "SETUSER", "app", "on", "nopass", "~*", "+@all"] },
    { title: "ACL SETUSER turns the default user off", conf: [], command: ["ACL", "SETUSER", "default", "off"] },
    {
        title: "ACL SETUSER adds rules to a user of the configuration",
        conf: ["user app off ~* +@read"],
        command: ["ACL", "SETUSER", "app", "on", "nopass"],
    },
];

/** The server's argv: each configuration line as an option. */
function argsOf(conf: string[]): string[] {
    return [`user ${PROBE_USER}`, ...conf].flatMap((line) => {
        const [name, ...rest] = splitArgs(line)!;
        return [`--${name}`, ...rest];
    });
}

function modelOf(c: Case): { protectedMode: string; users: string[] } {
    const postStart = { exec: { command: ["redis-cli", "--user", PROBE, ...c.command] } };
    const container = { name: "redis", image: "debian:12", command: ["redis-server", ...argsOf(c.conf)], lifecycle: { postStart } };
    const workload = { type: "kubernetes:core/v1:Pod", name: "cache", urn: "urn:cache", props: { spec: { containers: [container] } } };
    const process = serverProcessOf({ workload }, workload.props.spec, { list: "containers", name: "redis", container })!;
    const [setting] = settingsOf(process, "protected-mode");
    if (setting !== undefined && "unread" in setting) throw new Error(setting.unread);
    const [users] = startUsersOf(process);
    if (users.state !== "known") throw new Error(JSON.stringify(users));
    return {
        protectedMode: setting?.args[0].toLowerCase() ?? "yes",
        users: users.users
            .filter((u) => u.name !== PROBE)
            .map((u) => ({ name: u.name, access: analyzeAccessString(u.rules.join(" ")) }))
            .map(({ name, access }) => `${name} ${access.enabled ? "on" : "off"}${access.nopass ? " nopass" : ""}`)
            .sort(),
    };
}

async function serverOf(c: Case): Promise<{ protectedMode: string; users: string[] }> {
    const server = await startPlainServer(argsOf(c.conf));
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
        // A command the server refuses (CONFIG SET of an immutable setting) changes nothing.
        await client.call(c.command[0], ...c.command.slice(1)).catch(() => undefined);
        const protectedMode = ((await client.call("CONFIG", "GET", "protected-mode")) as string[])[1];
        const users: string[] = [];
        for (const name of ((await client.call("ACL", "USERS")) as string[]).filter((n) => n !== PROBE)) {
            const flags = ((await client.call("ACL", "GETUSER", name)) as unknown[])[1] as string[];
            users.push(`${name} ${flags.includes("on") ? "on" : "off"}${flags.includes("nopass") ? " nopass" : ""}`);
        }
        return { protectedMode, users: users.sort() };
    } finally {
        client.disconnect();
        await server.stop();
    }
}

describe("CONFIG SET and ACL SETUSER sent at run time", () => {
    run.each(CASES.map((c) => [c.title, c] as const))("%s: the model matches the server", async (_, c) => {
        expect(modelOf(c)).toEqual(await serverOf(c));
    });
});
