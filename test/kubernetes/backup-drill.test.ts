import { MockHarness } from "../support/harness";
import { haveCommand, haveFile, itWhen } from "../support/tools";
import { AWS_CLI, BackupDrill, DrillFigures } from "../../lab/backup-drill";
import { errorOf } from "../../lab/redis-process";
import { BACKUP_SUCCESS_METRIC } from "../../components/kubernetes/monitoring/rules";

const REDIS_INSTALL = "apt-get install redis-server redis-tools";
const haveTools =
    haveCommand("redis-server", REDIS_INSTALL) &&
    haveCommand("redis-cli", REDIS_INSTALL) &&
    haveCommand("openssl", "apt-get install openssl", ["version"]) &&
    haveFile(AWS_CLI, "apt-get install awscli") &&
    haveCommand("curl", "apt-get install curl");
const run = itWhen(haveTools);
const DRILL_MEGABYTES = 100;
const MEMORY_LIMIT = "1Gi";

const harness = new MockHarness();
const drill = new BackupDrill(harness);
let figures: DrillFigures;

beforeAll(async () => {
    if (!haveTools) return;
    await harness.install();
    await drill.setUp();
}, 60_000);
afterAll(() => drill.tearDown(), 60_000);

describe("the backup and restore drill, with the rendered scripts, a real redis-server and a local S3", () => {
    run(
        `backs up ${DRILL_MEGABYTES} MB from the replica, restores it into a fresh server and finds every key intact`,
        async () => {
            figures = await drill.run(DRILL_MEGABYTES, MEMORY_LIMIT);
            console.log(
                `Backup drill (${figures.megabytes} MB, ${figures.keys} keys): backup ${figures.backupSeconds.toFixed(1)} s ` +
                    `(${figures.backupMegabytesPerSecond.toFixed(1)} MB/s, object ${(figures.objectBytes / 2 ** 20).toFixed(1)} MiB), ` +
                    `RTO ${figures.rtoSeconds.toFixed(1)} s, RPO ${figures.rpoSeconds.toFixed(1)} s at the time of loss`,
            );
            expect(figures.keys).toBe(1600);
            expect(figures.verifiedKeys).toBe(figures.keys);
            expect(figures.lostAfterBackup).toBe(true);
            expect(figures.deniedDuringBackup).toBe(0);
            expect(figures.objectBytes).toBeGreaterThan(100 * 2 ** 20);
        },
        600_000,
    );

    run("gives the backup user nothing but the RDB stream", async () => {
        const backup = await drill.connect(drill.restored!, "backup");
        for (const command of [
            ["GET", "drill:0"],
            ["INFO"],
            ["CONFIG", "GET", "*"],
            ["KEYS", "*"],
            ["FLUSHALL"],
            ["SET", "x", "1"],
            ["PSYNC", "?", "-1"],
        ]) {
            expect([command.join(" "), await errorOf(backup.call(command[0], ...command.slice(1)))]).toEqual([
                command.join(" "),
                expect.stringMatching(/^NOPERM/),
            ]);
        }
    });

    run("reports each success to the Pushgateway for the backup-age alert", () => {
        expect(drill.pushes).toHaveLength(1);
        expect(drill.pushes[0].url).toBe("POST /metrics/job/hardened-redis-backup/redis_instance/data.cache");
        const pushed = Number(new RegExp(`^${BACKUP_SUCCESS_METRIC} (\\d+)$`, "m").exec(drill.pushes[0].body)?.[1]);
        expect(Math.abs(pushed - Date.now() / 1000)).toBeLessThan(600);
    });

    run.each([
        [
            "a corrupted",
            (original: Buffer) =>
                Buffer.concat([original.subarray(0, 1000), Buffer.from([original[1000] ^ 0xff]), original.subarray(1001)]),
        ],
        ["a truncated", (original: Buffer) => original.subarray(0, Math.floor(original.length / 2))],
    ])(
        "refuses %s object by its checksum and leaves the volume empty",
        async (_, tamper) => {
            await drill.overwriteObject(drill.objectKey, tamper);
            const result = await drill.restore(MEMORY_LIMIT, drill.objectKey);
            expect(result.pod).toBeUndefined();
            expect(result.failure).toMatch(
                new RegExp(
                    `restore: refusing s3://drill-backups/${drill.objectKey.replaceAll(".", "\\.")}: checksum mismatch \\(expected [0-9a-f]{64}, got [0-9a-f]{64}\\): the object is corrupted or truncated`,
                ),
            );
            expect(result.leftInData).toEqual([]);
        },
        300_000,
    );

    run("skips the restore when the volume already holds data", async () => {
        const result = await drill.restoreOnto(MEMORY_LIMIT, drill.objectKey, { "dump.rdb": "existing" });
        expect(result.status).toBe(0);
        expect(result.output).toContain("already holds data, nothing to restore");
        expect(result.leftInData).toEqual(["dump.rdb"]);
    });
});
