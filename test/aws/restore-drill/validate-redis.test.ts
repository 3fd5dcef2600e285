/**
 * The canary and the validation function against real redis-servers over TLS, with the ACL users the
 * component creates: a source server that the canary writes to, then a restored server started from
 * the source's RDB file, as ElastiCache starts a drill group from a snapshot; and a three-shard TLS
 * cluster on loopback, standing in for a cluster-mode drill group (one primary per shard).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Cluster } from "ioredis";
import { elastiCacheAccessString } from "../../../components/shared/access";
import { CANARY_KEY, CANARY_USER, DRILL_USER, canaryAccessString } from "../../../components/aws/restore-drill/contract";
import { writeCanary } from "../../../components/aws/restore-drill/functions/canary";
import { Credentials, withRedis } from "../../../components/aws/restore-drill/functions/redis";
import { ValidationInput, validateRestore } from "../../../components/aws/restore-drill/functions/validate";
import { RedisProcess, TempDirs, TestPki, createTestPki, errorOf, freePort } from "../../../lab/redis-process";
import { haveCommand, itWhen } from "../../support/tools";

const HAVE_REDIS = haveCommand("redis-server", "apt-get install redis-server");
const PASSWORDS = {
    admin: "admin-Pw-0123456789abcdef",
    [CANARY_USER]: "canary-Pw-0123456789abcdef",
    [DRILL_USER]: "drill-Pw-0123456789abcdef",
};
const KEYS = 50;
const temp = new TempDirs();
let pki: TestPki;
const servers: RedisProcess[] = [];

/** A TLS-only server on loopback with the component's ACL users, started from `dir` (and its dump.rdb, if any); with `clusterBusPort`, a cluster node whose bus also runs TLS. */
async function startServer(dir: string, clusterBusPort?: number): Promise<number> {
    const port = await freePort();
    const cluster =
        clusterBusPort === undefined
            ? []
            : [
                  "cluster-enabled yes",
                  `cluster-config-file ${dir}/nodes.conf`,
                  `cluster-port ${clusterBusPort}`,
                  "tls-cluster yes",
                  "tls-replication yes",
              ];
    const conf = [
        ...cluster,
        "bind 127.0.0.1",
        "port 0",
        `tls-port ${port}`,
        `tls-cert-file ${pki.dir}/tls.crt`,
        `tls-key-file ${pki.dir}/tls.key`,
        `tls-ca-cert-file ${pki.dir}/ca.crt`,
        "tls-auth-clients no",
        `dir ${dir}`,
        "dbfilename dump.rdb",
        "appendonly no",
        'save ""',
        "user default off",
        `user admin on >${PASSWORDS.admin} ~* &* +@all`,
        `user ${CANARY_USER} ${canaryAccessString()} >${PASSWORDS[CANARY_USER]}`,
        `user ${DRILL_USER} ${elastiCacheAccessString("readonly")} >${PASSWORDS[DRILL_USER]}`,
    ].join("\n");
    fs.writeFileSync(path.join(dir, "redis.conf"), conf + "\n", { mode: 0o600 });
    const server = new RedisProcess(`exec redis-server ${dir}/redis.conf`, {});
    servers.push(server);
    await server.ready();
    return port;
}

const tls = () => ({ ca: pki.ca, servername: "localhost" });
const credentials = (username: keyof typeof PASSWORDS, port: number): Credentials => ({
    username,
    password: PASSWORDS[username],
    host: "127.0.0.1",
    port,
});

/** Writes keys as the admin, the canary as the canary user at `canaryAt`, then saves and copies the RDB into a fresh directory. */
async function backupWith(options: { canaryAt?: Date; keys?: number }): Promise<string> {
    const sourceDir = temp.make("drill-source");
    const port = await startServer(sourceDir);
    if (options.canaryAt) await writeCanary(credentials(CANARY_USER, port), CANARY_KEY, options.canaryAt, tls());
    await withRedis({ host: "127.0.0.1", port }, credentials("admin", port), tls(), async (admin) => {
        for (let i = 0; i < (options.keys ?? KEYS); i++) await admin.set(`orders:${i}`, `value-${i}`);
        await admin.hset("orders:index", "count", String(options.keys ?? KEYS));
        await admin.save();
    });
    const restoredDir = temp.make("drill-restored");
    fs.copyFileSync(path.join(sourceDir, "dump.rdb"), path.join(restoredDir, "dump.rdb"));
    return restoredDir;
}

const BACKUP_AT = new Date("2026-11-30T03:10:00.000Z");
const input = (port: number, overrides: Partial<ValidationInput> = {}): ValidationInput => ({
    host: "127.0.0.1",
    port,
    shards: [{ host: "127.0.0.1", port }],
    backupCreatedAt: BACKUP_AT.toISOString(),
    chosenAt: "2026-11-30T07:00:00.000Z",
    expectedKeys: KEYS + 2,
    maxCanaryAgeSeconds: 300,
    keyCountTolerancePercent: 1,
    sampleSize: 20,
    ...overrides,
});
const validatedAt = () => new Date("2026-11-30T07:18:00.000Z");

beforeAll(() => {
    if (HAVE_REDIS) pki = createTestPki(temp.make("drill-pki"));
});

afterAll(async () => {
    for (const server of servers) await server.stop();
    temp.removeAll();
});

describe("the canary on a real redis-server over TLS", () => {
    itWhen(HAVE_REDIS)("may SET and GET its key and nothing else", async () => {
        const port = await startServer(temp.make("drill-canary"));
        const at = new Date("2026-11-30T03:09:00.000Z");
        expect(await writeCanary(credentials(CANARY_USER, port), CANARY_KEY, at, tls())).toEqual({
            key: CANARY_KEY,
            writtenAt: at.toISOString(),
        });
        expect(await errorOf(writeCanary(credentials(CANARY_USER, port), "orders:1", at, tls()))).toMatch(/^NOPERM .*keys/);
        await withRedis({ host: "127.0.0.1", port }, credentials(CANARY_USER, port), tls(), async (client) => {
            expect(await client.get(CANARY_KEY)).toBe(String(at.getTime()));
            for (const denied of [client.dbsize(), client.del(CANARY_KEY), client.flushall(), client.get("orders:1")])
                expect(await errorOf(denied)).toMatch(/^NOPERM/);
        });
    });
});

describe("the validation function against a server restored from an RDB file", () => {
    itWhen(HAVE_REDIS)(
        "passes and measures the RPO as the canary's age when the backup was taken, and the RTO from choice to validation",
        async () => {
            const port = await startServer(await backupWith({ canaryAt: new Date(BACKUP_AT.getTime() - 42_000) }));
            const report = await validateRestore(input(port), credentials(DRILL_USER, port), CANARY_KEY, tls(), validatedAt);
            expect(report).toEqual({
                passed: true,
                failures: [],
                keys: KEYS + 2,
                expectedKeys: KEYS + 2,
                canaryWrittenAt: "2026-11-30T03:09:18.000Z",
                rpoSeconds: 42,
                sampledKeys: 20,
                validatedAt: "2026-11-30T07:18:00.000Z",
                rtoSeconds: 18 * 60,
            });
        },
    );

    itWhen(HAVE_REDIS)("fails loudly on a missing canary", async () => {
        const port = await startServer(await backupWith({}));
        const report = await validateRestore(
            input(port, { expectedKeys: KEYS + 1 }),
            credentials(DRILL_USER, port),
            CANARY_KEY,
            tls(),
            validatedAt,
        );
        expect(report.passed).toBe(false);
        expect(report.failures).toEqual([
            `The canary ${CANARY_KEY} is missing from the restored copy: the canary never ran, or the backup lost it.`,
        ]);
        expect(report.rpoSeconds).toBeNull();
    });

    itWhen(HAVE_REDIS)("fails loudly on a stale canary, and still reports its age; a wrong key count fails too", async () => {
        const port = await startServer(await backupWith({ canaryAt: new Date(BACKUP_AT.getTime() - 3_600_000) }));
        const report = await validateRestore(
            input(port, { expectedKeys: 200 }),
            credentials(DRILL_USER, port),
            CANARY_KEY,
            tls(),
            validatedAt,
        );
        expect(report.passed).toBe(false);
        expect(report.rpoSeconds).toBe(3600);
        expect(report.failures).toEqual([
            "The canary was 3600 s old when the backup was taken, more than 300 s: the canary had stopped writing, or the backup is of stale data.",
            `The restored copy holds ${KEYS + 2} keys; the source held 200 when the backup was taken (allowed difference 2).`,
        ]);
    });

    itWhen(HAVE_REDIS)(
        "accepts a key count within the tolerance, and skips the comparison when the source's count is unknown",
        async () => {
            const port = await startServer(await backupWith({ canaryAt: BACKUP_AT }));
            const within = await validateRestore(
                input(port, { expectedKeys: KEYS + 3 }),
                credentials(DRILL_USER, port),
                CANARY_KEY,
                tls(),
                validatedAt,
            );
            expect(within.failures).toEqual([]);
            const unknown = await validateRestore(
                input(port, { expectedKeys: null }),
                credentials(DRILL_USER, port),
                CANARY_KEY,
                tls(),
                validatedAt,
            );
            expect(unknown).toMatchObject({ passed: true, expectedKeys: null, keys: KEYS + 2 });
        },
    );

    itWhen(HAVE_REDIS)("throws on a TLS error: a certificate that no trusted CA signed", async () => {
        const port = await startServer(await backupWith({ canaryAt: BACKUP_AT }));
        const other = createTestPki(temp.make("drill-other-pki"));
        expect(
            await errorOf(
                validateRestore(input(port), credentials(DRILL_USER, port), CANARY_KEY, { ca: other.ca, servername: "localhost" }),
            ),
        ).toMatch(/self[- ]signed|unable to verify|certificate/i);
    });

    itWhen(HAVE_REDIS)("throws on an authentication or ACL error", async () => {
        const port = await startServer(await backupWith({ canaryAt: BACKUP_AT }));
        expect(
            await errorOf(
                validateRestore(
                    input(port),
                    { ...credentials(DRILL_USER, port), password: "wrong-password-0123456789" },
                    CANARY_KEY,
                    tls(),
                ),
            ),
        ).toMatch(/^WRONGPASS/);
        expect(await errorOf(validateRestore(input(port), credentials(CANARY_USER, port), CANARY_KEY, tls()))).toMatch(/^NOPERM/);
    });
});

/** Three TLS cluster nodes on loopback, each with a third of the slots, joined by CLUSTER MEET as the admin; resolves once every node reports the cluster ok. */
async function startCluster(): Promise<number[]> {
    const nodes: { port: number; bus: number }[] = [];
    for (let i = 0; i < 3; i++) {
        const bus = await freePort();
        nodes.push({ port: await startServer(temp.make(`drill-shard-${i}`), bus), bus });
    }
    const ranges = [
        [0, 5460],
        [5461, 10922],
        [10923, 16383],
    ];
    for (const [i, node] of nodes.entries()) {
        await withRedis({ host: "127.0.0.1", port: node.port }, credentials("admin", node.port), tls(), async (admin) => {
            await admin.call("CLUSTER", "ADDSLOTSRANGE", String(ranges[i][0]), String(ranges[i][1]));
            for (const other of nodes)
                if (other !== node) await admin.call("CLUSTER", "MEET", "127.0.0.1", String(other.port), String(other.bus));
        });
    }
    for (const node of nodes) {
        await withRedis({ host: "127.0.0.1", port: node.port }, credentials("admin", node.port), tls(), async (admin) => {
            for (let attempt = 0; !/cluster_state:ok/.test(String(await admin.call("CLUSTER", "INFO"))); attempt++) {
                if (attempt > 200) throw new Error(`the cluster node on ${node.port} did not reach cluster_state:ok`);
                await new Promise((r) => setTimeout(r, 50));
            }
        });
    }
    return nodes.map((n) => n.port);
}

/** Writes `keys` keys through a cluster client as the admin, which may run CLUSTER SLOTS. */
async function fillCluster(port: number, keys: number): Promise<void> {
    const admin = new Cluster([{ host: "127.0.0.1", port }], {
        redisOptions: { username: "admin", password: PASSWORDS.admin, tls: tls() },
        clusterRetryStrategy: () => null,
    });
    try {
        for (let i = 0; i < keys; i++) await admin.set(`orders:${i}`, `value-${i}`);
    } finally {
        admin.disconnect();
    }
}

describe("the canary and the validation on a real three-shard TLS cluster", () => {
    itWhen(HAVE_REDIS)(
        "follow the MOVED reply to the canary's shard, and count and sample the keys of every shard",
        async () => {
            const ports = await startCluster();
            await fillCluster(ports[0], KEYS);
            const slot = Number(
                await withRedis({ host: "127.0.0.1", port: ports[0] }, credentials("admin", ports[0]), tls(), (admin) =>
                    admin.call("CLUSTER", "KEYSLOT", CANARY_KEY),
                ),
            );
            const owner = slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2;
            // The configuration endpoint answers from any shard: point the functions at one that does not hold the canary.
            const entry = ports[(owner + 1) % 3];
            const at = new Date(BACKUP_AT.getTime() - 42_000);
            expect(await writeCanary(credentials(CANARY_USER, entry), CANARY_KEY, at, tls())).toEqual({
                key: CANARY_KEY,
                writtenAt: at.toISOString(),
            });
            await withRedis({ host: "127.0.0.1", port: entry }, credentials(DRILL_USER, entry), tls(), async (client) => {
                expect(await errorOf(client.get(CANARY_KEY))).toMatch(new RegExp(`^MOVED ${slot} 127\\.0\\.0\\.1:${ports[owner]}$`));
                // The drill users may not ask for the cluster's layout, which is why the functions follow MOVED instead.
                expect(await errorOf(client.call("CLUSTER", "SLOTS"))).toMatch(/^NOPERM/);
            });
            const shards = ports.map((port) => ({ host: "127.0.0.1", port }));
            const perShard = await Promise.all(
                ports.map((port) => withRedis({ host: "127.0.0.1", port }, credentials(DRILL_USER, port), tls(), (c) => c.dbsize())),
            );
            expect(perShard.every((n) => n > 0)).toBe(true);
            const report = await validateRestore(
                { ...input(entry), shards, expectedKeys: KEYS + 1 },
                credentials(DRILL_USER, entry),
                CANARY_KEY,
                tls(),
                validatedAt,
            );
            expect(report).toEqual({
                passed: true,
                failures: [],
                keys: KEYS + 1,
                expectedKeys: KEYS + 1,
                canaryWrittenAt: "2026-11-30T03:09:18.000Z",
                rpoSeconds: 42,
                sampledKeys: 20,
                validatedAt: "2026-11-30T07:18:00.000Z",
                rtoSeconds: 18 * 60,
            });
            expect(perShard.reduce((a, b) => a + b, 0)).toBe(KEYS + 1);
            // One shard missing from the copy shows in the count.
            const partial = await validateRestore(
                { ...input(entry), shards: shards.filter((_, i) => i !== owner), expectedKeys: KEYS + 1 },
                credentials(DRILL_USER, entry),
                CANARY_KEY,
                tls(),
                validatedAt,
            );
            expect(partial.passed).toBe(false);
            expect(partial.failures).toEqual([
                `The restored copy holds ${KEYS + 1 - perShard[owner]} keys; the source held ${KEYS + 1} when the backup was taken (allowed difference 1).`,
            ]);
        },
        60_000,
    );
});
