/**
 * The `sentinel` user on the Redis servers holds exactly what Sentinel sends: for each command it is
 * granted, the test takes that one command away on the running servers, makes Sentinel need it, and
 * finds Sentinel's denied attempt in the ACL LOG.
 */
import Redis from "ioredis";
import { INTERNAL_USERS } from "hardened-redis/renderers";
import { MockHarness } from "../support/harness";
import { haveCommand, itWhen } from "../support/tools";
import { TempDirs, TestPki, createTestPki, sleep } from "../../lab/redis-process";
import { ADMIN_USER } from "../../lab/rendered-pods";
import { Node, SENTINEL_INSTALL, SentinelCluster, waitFor } from "../../lab/sentinel-drill";

jest.setTimeout(120_000);

const haveTools =
    ["redis-server", "redis-cli", "redis-sentinel"].every((command) => haveCommand(command, SENTINEL_INSTALL)) &&
    haveCommand("openssl", "apt-get install openssl", ["version"]);
const run = itWhen(haveTools);
const harness = new MockHarness();
const temp = new TempDirs();
const MASTER = "acl";
let pki: TestPki;
let cluster: SentinelCluster;

/** Runs one command as the admin on every node given. */
async function onNodes(nodes: Node[], ...command: string[]): Promise<unknown[]> {
    return Promise.all(
        nodes.map(async (node) => (await cluster.connect(node.port, ADMIN_USER.name)).call(command[0], ...command.slice(1))),
    );
}

const onServers = (...command: string[]) => onNodes(cluster.redis, ...command);
const onSentinels = (...command: string[]) => onNodes(cluster.sentinels, ...command);

/** A reply of alternating field names and values (ACL LOG entries, SENTINEL MASTER) as an object. */
const fieldsOf = (reply: string[]): Record<string, string> =>
    Object.fromEntries(reply.flatMap((value, i) => (i % 2 === 0 ? [[value, reply[i + 1]]] : [])));

/** The commands the servers refused to the `sentinel` user since the last ACL LOG RESET. */
async function deniedToSentinel(): Promise<string[]> {
    const entries = ((await onServers("ACL", "LOG")).flat() as string[][]).map(fieldsOf);
    return entries.filter((entry) => entry.username === "sentinel" && entry.reason === "command").map((entry) => String(entry.object));
}

/** One primary and two replicas, and every sentinel seeing that primary with no failover under way. */
async function settled(): Promise<boolean> {
    const roles = [...(await cluster.roles()).entries()];
    const primaries = roles.filter(([, role]) => role === "master").map(([port]) => port);
    if (roles.length !== 3 || primaries.length !== 1) return false;
    const views = ((await onSentinels("SENTINEL", "MASTER", MASTER)) as string[][]).map(fieldsOf);
    return views.every((view) => view.flags === "master" && Number(view.port) === primaries[0]);
}

/**
 * A check that a failover may cut short: Sentinel ends a role change with CLIENT KILL TYPE normal, which closes the
 * admin connection the check runs on. That counts as not yet, and the next round asks again.
 */
const despiteFailover =
    (condition: () => Promise<boolean>): (() => Promise<boolean>) =>
    () =>
        condition().catch((error: Error) => {
            if (error.message === "Connection is closed.") return false;
            throw error;
        });

const reconnectSentinels = () => onServers("CLIENT", "KILL", "USER", "sentinel");
const forceFailover = async () => (await cluster.connect(cluster.sentinels[0].port, ADMIN_USER.name)).call("SENTINEL", "FAILOVER", MASTER);

/** Makes the primary busy in a Lua script that never ends; Sentinel sees BUSY and, past down-after-milliseconds, sends SCRIPT KILL. */
async function busyScript(): Promise<{ reply: Promise<unknown>; admin: Redis }> {
    const port = await cluster.primaryPort();
    // Opened before the script: a busy server answers no AUTH.
    const admin = await cluster.connect(port, ADMIN_USER.name);
    const runner = await cluster.connect(port, ADMIN_USER.name);
    runner.options.commandTimeout = undefined;
    const reply = runner.call("EVAL", "while true do end", "0").catch((error: Error) => error);
    return { reply, admin };
}

/** How Sentinel comes to send each command: on (re)connecting, on its timers, in a failover, or for a busy primary. */
const TRIGGERS: Record<string, () => Promise<unknown>> = {
    "+ping": reconnectSentinels,
    "+info": reconnectSentinels,
    "+publish": reconnectSentinels,
    "+subscribe": reconnectSentinels,
    "+client|setname": reconnectSentinels,
    "+multi": forceFailover,
    "+slaveof": forceFailover,
    "+config|rewrite": forceFailover,
    "+client|kill": forceFailover,
    "+exec": forceFailover,
    "+script|kill": async () => {
        const { reply, admin } = await busyScript();
        // A busy server answers no ACL LOG: once every sentinel sees the primary down, each sends SCRIPT KILL
        // on its next ping's BUSY reply (pings go every second; five leave room on a busy machine), and the script can be ended.
        await waitFor(
            async () =>
                ((await onSentinels("SENTINEL", "MASTER", MASTER)) as string[][]).every((view) => /s_down/.test(fieldsOf(view).flags)),
            30_000,
            "the sentinels seeing the primary down",
        );
        await sleep(5000);
        await admin.call("SCRIPT", "KILL");
        await reply;
    },
};

beforeAll(async () => {
    if (!haveTools) return;
    pki = createTestPki(temp.make("pki"));
    await harness.install();
    cluster = new SentinelCluster(MASTER, temp, pki);
    await cluster.render(harness, { sentinel: { downAfterMilliseconds: 1000, failoverTimeout: 10000 } });
    await cluster.start();
    // No failover but the forced ones (a quorum above the three sentinels), and a failed one given up
    // sooner than the component allows, to keep the test short.
    await onSentinels("SENTINEL", "SET", MASTER, "quorum", "4");
    await onSentinels("SENTINEL", "SET", MASTER, "failover-timeout", "3000");
});
afterAll(async () => {
    await cluster?.stop();
    temp.removeAll();
});

describe("the sentinel user on the Redis servers", () => {
    run("is granted exactly the commands this test shows Sentinel sending, and only the hello channel", () => {
        const granted = INTERNAL_USERS.sentinel.filter((rule) => rule.startsWith("+"));
        expect([...granted].sort()).toEqual(Object.keys(TRIGGERS).sort());
        expect(INTERNAL_USERS.sentinel.filter((rule) => !rule.startsWith("+"))).toEqual([
            "resetkeys",
            "resetchannels",
            "-@all",
            "&__sentinel__:hello",
        ]);
    });

    for (const [rule, trigger] of Object.entries(TRIGGERS)) {
        const command = rule.slice(1);
        run(`needs ${command}: without it, Sentinel's ${command} is refused`, async () => {
            await waitFor(despiteFailover(settled), 60_000, "a settled deployment");
            await onServers("ACL", "SETUSER", "sentinel", `-${command}`);
            await onServers("ACL", "LOG", "RESET");
            try {
                await trigger();
                await waitFor(
                    despiteFailover(async () => (await deniedToSentinel()).includes(command)),
                    30_000,
                    `Sentinel sending ${command}`,
                );
            } finally {
                await onServers("ACL", "SETUSER", "sentinel", rule);
                await reconnectSentinels();
            }
        });
    }

    run("with the rendered rules, ends a busy script on the primary by itself, with nothing denied", async () => {
        await waitFor(despiteFailover(settled), 60_000, "a settled deployment");
        await onServers("ACL", "LOG", "RESET");
        const { reply } = await busyScript();
        expect(String(await reply)).toMatch(/Script killed by user with SCRIPT KILL/);
        expect(await deniedToSentinel()).toEqual([]);
    });

    run("with the rendered rules, completes a failover with nothing denied", async () => {
        await waitFor(despiteFailover(settled), 60_000, "a settled deployment");
        const before = await cluster.primaryPort();
        await onServers("ACL", "LOG", "RESET");
        await forceFailover();
        await waitFor(
            despiteFailover(async () => (await cluster.primaryPort()) !== before && (await settled())),
            60_000,
            "the failover to complete",
        );
        expect(await deniedToSentinel()).toEqual([]);
    });
});
