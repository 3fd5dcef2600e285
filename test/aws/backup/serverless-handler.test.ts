import {
    DescribeServerlessCacheSnapshotsCommand,
    ElastiCacheClient,
    ExportServerlessCacheSnapshotCommand,
    InvalidServerlessCacheSnapshotStateFault,
    ServerlessCacheSnapshot,
} from "@aws-sdk/client-elasticache";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { ENV, EXPORTED_EVENT, isServerlessExportObjectKey, serverlessExportPrefix } from "../../../components/aws/snapshot-export/contract";
import { exportNewestSnapshot, handler, readConfig } from "../../../components/aws/snapshot-export/handler";
import { awsError, captureLogLines } from "./export-test-kit";

const elastiCache = mockClient(ElastiCacheClient);
const s3 = mockClient(S3Client);

const CACHE = "sessions";
const BUCKET = "sessions-backup-abc";
const CONFIG = { serverlessCacheName: CACHE, bucket: BUCKET, maxSnapshotAgeHours: 29 };
const NOW = new Date("2025-03-10T07:00:00Z");
const NEWEST = "automatic.sessions-2025-03-10";

function snapshot(name: string, createdAt: string, type = "automated", status = "available"): ServerlessCacheSnapshot {
    return {
        ServerlessCacheSnapshotName: name,
        SnapshotType: type,
        Status: status,
        CreateTime: new Date(createdAt),
        ServerlessCacheConfiguration: { ServerlessCacheName: CACHE },
    };
}

const AUTOMATED = [
    snapshot("automatic.sessions-2025-03-08", "2025-03-08T03:00:41Z"),
    snapshot(NEWEST, "2025-03-10T03:00:37Z"),
    snapshot("automatic.sessions-2025-03-09", "2025-03-09T03:00:12Z"),
];

beforeEach(() => {
    elastiCache.reset();
    s3.reset();
});
const { lines, logged } = captureLogLines();

describe("exporting a serverless cache's newest automated snapshot", () => {
    it("asks for this cache's automated snapshots and exports the newest with ExportServerlessCacheSnapshot", async () => {
        elastiCache.on(DescribeServerlessCacheSnapshotsCommand).resolves({ ServerlessCacheSnapshots: AUTOMATED });
        s3.on(ListObjectsV2Command).resolves({ KeyCount: 0 });
        elastiCache
            .on(ExportServerlessCacheSnapshotCommand)
            .resolves({ ServerlessCacheSnapshot: snapshot(NEWEST, "2025-03-10T03:00:37Z") });

        const outcome = await exportNewestSnapshot(CONFIG, NOW);

        expect(elastiCache.commandCalls(DescribeServerlessCacheSnapshotsCommand)[0].args[0].input).toEqual({
            ServerlessCacheName: CACHE,
            SnapshotType: "automated",
        });
        expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input)).toEqual([{ Bucket: BUCKET, Prefix: NEWEST }]);
        expect(elastiCache.commandCalls(ExportServerlessCacheSnapshotCommand).map((c) => c.args[0].input)).toEqual([
            { ServerlessCacheSnapshotName: NEWEST, S3BucketName: BUCKET },
        ]);
        expect(outcome).toEqual({ status: "started", snapshotName: NEWEST, key: NEWEST });
        expect(logged()).toEqual([
            { level: "INFO", event: "export-started", serverlessCacheName: CACHE, snapshotName: NEWEST, bucket: BUCKET, key: NEWEST },
        ]);
    });

    it("reads every page and ignores manual snapshots, even newer ones", async () => {
        elastiCache
            .on(DescribeServerlessCacheSnapshotsCommand)
            .resolvesOnce({ ServerlessCacheSnapshots: AUTOMATED.slice(0, 1), NextToken: "page-2" })
            .resolvesOnce({
                ServerlessCacheSnapshots: [...AUTOMATED.slice(1), snapshot("before-migration", "2025-03-10T06:00:00Z", "manual")],
            });
        s3.on(ListObjectsV2Command).resolves({});
        elastiCache.on(ExportServerlessCacheSnapshotCommand).resolves({});

        await exportNewestSnapshot(CONFIG, NOW);
        expect(elastiCache.commandCalls(DescribeServerlessCacheSnapshotsCommand)).toHaveLength(2);
        expect(elastiCache.commandCalls(DescribeServerlessCacheSnapshotsCommand)[1].args[0].input.NextToken).toBe("page-2");
        expect(
            elastiCache.commandCalls(ExportServerlessCacheSnapshotCommand).map((c) => c.args[0].input.ServerlessCacheSnapshotName),
        ).toEqual([NEWEST]);
    });

    it("does not export a snapshot whose export is already in the bucket", async () => {
        elastiCache.on(DescribeServerlessCacheSnapshotsCommand).resolves({ ServerlessCacheSnapshots: AUTOMATED });
        s3.on(ListObjectsV2Command, { Bucket: BUCKET, Prefix: NEWEST }).resolves({
            Contents: [{ Key: `${NEWEST}-0001.rdb`, Size: 52_000_000 }],
        });

        expect(await exportNewestSnapshot(CONFIG, NOW)).toEqual({ status: "already-exported", snapshotName: NEWEST, key: NEWEST });
        expect(elastiCache.commandCalls(ExportServerlessCacheSnapshotCommand)).toHaveLength(0);
        expect(logged()).toEqual([expect.objectContaining({ event: "export-already-exists", serverlessCacheName: CACHE })]);
    });

    it("does not take an object under the snapshot's name that is not an RDB file for its export", async () => {
        elastiCache.on(DescribeServerlessCacheSnapshotsCommand).resolves({ ServerlessCacheSnapshots: AUTOMATED });
        s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: `${NEWEST}-notes.txt` }] });
        elastiCache.on(ExportServerlessCacheSnapshotCommand).resolves({});

        expect((await exportNewestSnapshot(CONFIG, NOW)).status).toBe("started");
    });

    it("runs twice in a row and exports once", async () => {
        elastiCache.on(DescribeServerlessCacheSnapshotsCommand).resolves({ ServerlessCacheSnapshots: AUTOMATED });
        s3.on(ListObjectsV2Command)
            .resolvesOnce({ KeyCount: 0 })
            .resolves({ Contents: [{ Key: `${NEWEST}-0001.rdb` }] });
        elastiCache.on(ExportServerlessCacheSnapshotCommand).resolves({});

        const statuses = [(await exportNewestSnapshot(CONFIG, NOW)).status, (await exportNewestSnapshot(CONFIG, NOW)).status];
        expect(statuses).toEqual(["started", "already-exported"]);
        expect(elastiCache.commandCalls(ExportServerlessCacheSnapshotCommand)).toHaveLength(1);
    });

    it("does not start a second export while ElastiCache shows the snapshot as exporting", async () => {
        elastiCache
            .on(DescribeServerlessCacheSnapshotsCommand)
            .resolves({ ServerlessCacheSnapshots: [snapshot(NEWEST, "2025-03-10T03:00:37Z", "automated", "exporting")] });
        s3.on(ListObjectsV2Command).resolves({});

        expect((await exportNewestSnapshot(CONFIG, NOW)).status).toBe("in-progress");
        expect(elastiCache.commandCalls(ExportServerlessCacheSnapshotCommand)).toHaveLength(0);
    });

    it("treats losing a race with an overlapping run as in progress once the snapshot shows it", async () => {
        elastiCache
            .on(DescribeServerlessCacheSnapshotsCommand, { ServerlessCacheName: CACHE, SnapshotType: "automated" })
            .resolves({ ServerlessCacheSnapshots: AUTOMATED });
        elastiCache
            .on(DescribeServerlessCacheSnapshotsCommand, { ServerlessCacheSnapshotName: NEWEST })
            .resolves({ ServerlessCacheSnapshots: [snapshot(NEWEST, "2025-03-10T03:00:37Z", "automated", "exporting")] });
        s3.on(ListObjectsV2Command).resolves({});
        elastiCache
            .on(ExportServerlessCacheSnapshotCommand)
            .rejects(new InvalidServerlessCacheSnapshotStateFault({ message: "Snapshot is not available", $metadata: {} }));

        expect((await exportNewestSnapshot(CONFIG, NOW)).status).toBe("in-progress");
    });

    it("fails loudly when the cache has no automated snapshot", async () => {
        elastiCache
            .on(DescribeServerlessCacheSnapshotsCommand)
            .resolves({ ServerlessCacheSnapshots: [snapshot("by-hand", "2025-03-10T02:00:00Z", "manual")] });
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            'No automated snapshot of serverless cache "sessions" exists, so nothing can be exported to bucket "sessions-backup-abc". Check that automatic backups are on (a snapshot retention of 1 day or more) and look for failed backups in the cache\'s ElastiCache events.',
        );
        expect(elastiCache.commandCalls(ExportServerlessCacheSnapshotCommand)).toHaveLength(0);
    });

    it("refuses a newest snapshot older than the RPO, because backups have stopped", async () => {
        elastiCache.on(DescribeServerlessCacheSnapshotsCommand).resolves({ ServerlessCacheSnapshots: AUTOMATED.slice(0, 1) });
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            /^The newest automated snapshot "automatic\.sessions-2025-03-08" of serverless cache "sessions" is 52\.0 hours old, more than the 29 hours allowed/,
        );
        expect(elastiCache.commandCalls(ExportServerlessCacheSnapshotCommand)).toHaveLength(0);
    });

    it("passes API errors on with the cache, the bucket and the step", async () => {
        elastiCache.on(DescribeServerlessCacheSnapshotsCommand).resolves({ ServerlessCacheSnapshots: AUTOMATED });
        s3.on(ListObjectsV2Command).resolves({});
        elastiCache
            .on(ExportServerlessCacheSnapshotCommand)
            .rejects(awsError("InvalidParameterValue", "The S3 bucket sessions-backup-abc is outside of the region."));
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            'Export of serverless cache "sessions" to bucket "sessions-backup-abc" failed while starting the export of snapshot "automatic.sessions-2025-03-10": InvalidParameterValue: The S3 bucket sessions-backup-abc is outside of the region.',
        );
    });

    it("reports AccessDenied on listing the cache's snapshots", async () => {
        elastiCache
            .on(DescribeServerlessCacheSnapshotsCommand)
            .rejects(awsError("AccessDenied", "not authorized to perform: elasticache:DescribeServerlessCacheSnapshots", 403));
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            /^Export of serverless cache "sessions" to bucket "sessions-backup-abc" failed while listing the cache's automated snapshots: access denied/,
        );
    });
});

describe("the Lambda entry point of a serverless cache's exports", () => {
    const ENVIRONMENT = { [ENV.serverlessCacheName]: CACHE, [ENV.targetBucket]: BUCKET, [ENV.maxSnapshotAgeHours]: "29" };
    beforeEach(() => Object.assign(process.env, ENVIRONMENT));
    afterEach(() => Object.keys(ENVIRONMENT).forEach((k) => delete process.env[k]));

    const objectCreated = (key: string, size = 52_000_000, bucket = BUCKET) => ({
        source: "aws.s3",
        "detail-type": "Object Created",
        detail: { bucket: { name: bucket }, object: { key, size } },
    });

    it("reads the serverless cache from SERVERLESS_CACHE_NAME", () => {
        expect(readConfig(ENVIRONMENT)).toEqual({ serverlessCacheName: CACHE, bucket: BUCKET, maxSnapshotAgeHours: 29 });
    });

    it("logs the counted line, naming the serverless cache, when an export lands in S3", async () => {
        const outcome = await handler(objectCreated(`${NEWEST}-0001.rdb`));
        expect(outcome).toEqual({ status: "recorded", key: `${NEWEST}-0001.rdb` });
        expect(logged()).toEqual([
            {
                level: "INFO",
                event: EXPORTED_EVENT,
                serverlessCacheName: CACHE,
                bucket: BUCKET,
                key: `${NEWEST}-0001.rdb`,
                size: 52_000_000,
            },
        ]);
        expect(elastiCache.calls()).toHaveLength(0);
    });

    it("does not count another cache's, a non-RDB or another bucket's objects", async () => {
        for (const event of [
            objectCreated("automatic.sessions-eu-2025-03-10-0001.rdb"),
            objectCreated(`${NEWEST}.json`),
            objectCreated(`${NEWEST}-0001.rdb`, 1, "other-bucket"),
        ]) {
            expect((await handler(event)).status).toBe("ignored");
        }
        expect(lines()).toEqual([]);
    });

    it("fails on an empty export object", async () => {
        await expect(handler(objectCreated(`${NEWEST}-0001.rdb`, 0))).rejects.toThrow(
            `The export s3://${BUCKET}/${NEWEST}-0001.rdb of serverless cache "sessions" is empty`,
        );
    });
});

describe("serverless export object keys", () => {
    it("start with the automated snapshot name prefix and end in .rdb, with the date right after the cache name", () => {
        expect(serverlessExportPrefix("sessions")).toBe("automatic.sessions-");
        expect(isServerlessExportObjectKey("sessions", "automatic.sessions-2025-03-10-0001.rdb")).toBe(true);
        expect(isServerlessExportObjectKey("sessions", "automatic.sessions-2025-03-10/shard-1.rdb")).toBe(true);
        expect(isServerlessExportObjectKey("sessions", "automatic.sessions-eu-2025-03-10-0001.rdb")).toBe(false);
        expect(isServerlessExportObjectKey("sessions", "sessions-20250310-030037-0001.rdb")).toBe(false);
    });
});
