import {
    CopySnapshotCommand,
    DescribeSnapshotsCommand,
    ElastiCacheClient,
    InvalidSnapshotStateFault,
    Snapshot,
} from "@aws-sdk/client-elasticache";
import { HeadObjectCommand, NotFound, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { ENV, EXPORTED_EVENT } from "../../../components/aws/snapshot-export/contract";
import { exportNewestSnapshot, handler, readConfig } from "../../../components/aws/snapshot-export/handler";
import { awsError, captureLogLines } from "./export-test-kit";

const elastiCache = mockClient(ElastiCacheClient);
const s3 = mockClient(S3Client);

const GROUP = "orders";
const BUCKET = "orders-backup-abc";
const CONFIG = { replicationGroupId: GROUP, bucket: BUCKET };
const NOW = new Date("2025-03-10T07:00:00Z");

function snapshot(name: string, createdAt: string, source: "automated" | "manual" = "automated", status = "available"): Snapshot {
    return {
        SnapshotName: name,
        SnapshotSource: source,
        SnapshotStatus: status,
        ReplicationGroupId: GROUP,
        NodeSnapshots: [{ CacheClusterId: `${GROUP}-002`, SnapshotCreateTime: new Date(createdAt) }],
    };
}

const notFound = () => new NotFound({ message: "Not Found", $metadata: { httpStatusCode: 404 } });

beforeEach(() => {
    elastiCache.reset();
    s3.reset();
});
const { lines, logged } = captureLogLines();

describe("exporting the newest automated snapshot", () => {
    const AUTOMATED = [
        snapshot("automatic.orders-2025-03-08-03-12", "2025-03-08T03:12:40Z"),
        snapshot("automatic.orders-2025-03-10-03-14", "2025-03-10T03:14:05Z"),
        snapshot("automatic.orders-2025-03-09-03-13", "2025-03-09T03:13:22Z"),
    ];

    it("asks ElastiCache for this group's automated snapshots and copies the newest to the bucket under a time-sorted name", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: AUTOMATED });
        s3.on(HeadObjectCommand).rejects(notFound());
        elastiCache.on(CopySnapshotCommand).resolves({});

        const outcome = await exportNewestSnapshot(CONFIG, NOW);

        expect(elastiCache.commandCalls(DescribeSnapshotsCommand)[0].args[0].input).toEqual({
            ReplicationGroupId: GROUP,
            SnapshotSource: "system",
        });
        expect(s3.commandCalls(HeadObjectCommand).map((c) => c.args[0].input)).toEqual([
            { Bucket: BUCKET, Key: "orders-20250310-031405-0001.rdb" },
        ]);
        expect(elastiCache.commandCalls(CopySnapshotCommand).map((c) => c.args[0].input)).toEqual([
            { SourceSnapshotName: "automatic.orders-2025-03-10-03-14", TargetSnapshotName: "orders-20250310-031405", TargetBucket: BUCKET },
        ]);
        expect(outcome).toEqual({
            status: "started",
            snapshotName: "automatic.orders-2025-03-10-03-14",
            key: "orders-20250310-031405-0001.rdb",
        });
        expect(logged()).toEqual([
            expect.objectContaining({
                event: "export-started",
                replicationGroupId: GROUP,
                bucket: BUCKET,
                key: "orders-20250310-031405-0001.rdb",
            }),
        ]);
    });

    it("reads every page of snapshots", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand, { ReplicationGroupId: GROUP, SnapshotSource: "system" })
            .resolvesOnce({ Snapshots: AUTOMATED.slice(0, 1), Marker: "page-2" })
            .resolvesOnce({ Snapshots: AUTOMATED.slice(1) });
        s3.on(HeadObjectCommand).rejects(notFound());
        elastiCache.on(CopySnapshotCommand).resolves({});

        expect((await exportNewestSnapshot(CONFIG, NOW)).status).toBe("started");
        // The paginator reuses one input object, so only the number of requests and the last marker show.
        expect(elastiCache.commandCalls(DescribeSnapshotsCommand)).toHaveLength(2);
        expect(elastiCache.commandCalls(DescribeSnapshotsCommand)[1].args[0].input.Marker).toBe("page-2");
        expect(elastiCache.commandCalls(CopySnapshotCommand)[0].args[0].input.SourceSnapshotName).toBe("automatic.orders-2025-03-10-03-14");
    });

    it("ignores manual snapshots, even newer ones, should ElastiCache return them", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand)
            .resolves({ Snapshots: [...AUTOMATED, snapshot("before-migration", "2025-03-10T06:00:00Z", "manual")] });
        s3.on(HeadObjectCommand).rejects(notFound());
        elastiCache.on(CopySnapshotCommand).resolves({});

        await exportNewestSnapshot(CONFIG, NOW);
        expect(elastiCache.commandCalls(CopySnapshotCommand).map((c) => c.args[0].input.SourceSnapshotName)).toEqual([
            "automatic.orders-2025-03-10-03-14",
        ]);
    });

    it("succeeds on a rerun without a second export when the export object exists", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: AUTOMATED });
        s3.on(HeadObjectCommand, { Bucket: BUCKET, Key: "orders-20250310-031405-0001.rdb" }).resolves({ ContentLength: 52_000_000 });

        const outcome = await exportNewestSnapshot(CONFIG, NOW);
        expect(outcome).toEqual({
            status: "already-exported",
            snapshotName: "automatic.orders-2025-03-10-03-14",
            key: "orders-20250310-031405-0001.rdb",
        });
        expect(elastiCache.commandCalls(CopySnapshotCommand)).toHaveLength(0);
    });

    it("runs twice in a row and exports once", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: AUTOMATED });
        s3.on(HeadObjectCommand).rejectsOnce(notFound()).resolves({});
        elastiCache.on(CopySnapshotCommand).resolves({});

        const statuses = [(await exportNewestSnapshot(CONFIG, NOW)).status, (await exportNewestSnapshot(CONFIG, NOW)).status];
        expect(statuses).toEqual(["started", "already-exported"]);
        expect(elastiCache.commandCalls(CopySnapshotCommand)).toHaveLength(1);
    });

    it("does not start a second export while the first is still being written", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand)
            .resolves({ Snapshots: [snapshot("automatic.orders-2025-03-10-03-14", "2025-03-10T03:14:05Z", "automated", "copying")] });
        s3.on(HeadObjectCommand).rejects(notFound());

        expect((await exportNewestSnapshot(CONFIG, NOW)).status).toBe("in-progress");
        expect(elastiCache.commandCalls(CopySnapshotCommand)).toHaveLength(0);
    });

    it("treats losing a race with an overlapping run as success once the other export is seen", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand, { ReplicationGroupId: GROUP, SnapshotSource: "system" })
            .resolves({ Snapshots: AUTOMATED });
        elastiCache
            .on(DescribeSnapshotsCommand, { SnapshotName: "automatic.orders-2025-03-10-03-14" })
            .resolves({ Snapshots: [snapshot("automatic.orders-2025-03-10-03-14", "2025-03-10T03:14:05Z", "automated", "copying")] });
        s3.on(HeadObjectCommand).rejects(notFound());
        elastiCache
            .on(CopySnapshotCommand)
            .rejects(new InvalidSnapshotStateFault({ message: "Snapshot is not in available state", $metadata: {} }));

        expect((await exportNewestSnapshot(CONFIG, NOW)).status).toBe("in-progress");
    });

    it("fails loudly when no automated snapshot exists, naming the group and the bucket", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            /^No automated snapshot of replication group "orders" exists, so nothing can be exported to bucket "orders-backup-abc"\. Check that automatic backups are on/,
        );
        expect(elastiCache.commandCalls(CopySnapshotCommand)).toHaveLength(0);
    });

    it("fails loudly when only manual snapshots exist", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: [snapshot("nightly-by-hand", "2025-03-10T02:00:00Z", "manual")] });
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(/No automated snapshot of replication group "orders"/);
    });

    it("fails when the newest snapshot is still being created, rather than export yesterday's again", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({
            Snapshots: [...AUTOMATED, snapshot("automatic.orders-2025-03-11-03-10", "2025-03-10T06:55:00Z", "automated", "creating")],
        });
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            /newest automated snapshot "automatic\.orders-2025-03-11-03-10" of replication group "orders" is still being created/,
        );
    });

    it("fails when the newest snapshot is older than allowed, because backups have stopped", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: AUTOMATED.slice(0, 1) });
        await expect(exportNewestSnapshot({ ...CONFIG, maxSnapshotAgeHours: 30 }, NOW)).rejects.toThrow(
            /"automatic\.orders-2025-03-08-03-12" of replication group "orders" is 51\.8 hours old, more than the 30 hours allowed/,
        );
    });
});

describe("loud failures", () => {
    beforeEach(() => s3.on(HeadObjectCommand).rejects(notFound()));

    it("reports AccessDenied on listing snapshots with the group, the bucket and what to check", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand)
            .rejects(
                awsError(
                    "AccessDenied",
                    "User: arn:aws:sts::123456789012:assumed-role/x is not authorized to perform: elasticache:DescribeSnapshots",
                    403,
                ),
            );
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            /^Export of replication group "orders" to bucket "orders-backup-abc" failed while listing the group's automated snapshots: access denied \(AccessDenied: User: .* is not authorized.*\)\. Check the function's role/,
        );
    });

    it("reports a missing ElastiCache grant on the bucket as such", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand)
            .resolves({ Snapshots: [snapshot("automatic.orders-2025-03-10-03-14", "2025-03-10T03:14:05Z")] });
        elastiCache
            .on(CopySnapshotCommand)
            .rejects(
                awsError(
                    "InvalidParameterValueException",
                    "ElastiCache has not been granted WRITE permissions orders-backup-abc on the S3 Bucket.",
                ),
            );
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            /failed while starting the export of snapshot "automatic\.orders-2025-03-10-03-14": ElastiCache was denied access to the bucket .* canonical-user ACL grant in standard regions, or the bucket policy for the <region>\.elasticache-snapshot\.amazonaws\.com principal/,
        );
    });

    it("reports AccessDenied from S3 while checking for an existing export", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand)
            .resolves({ Snapshots: [snapshot("automatic.orders-2025-03-10-03-14", "2025-03-10T03:14:05Z")] });
        s3.on(HeadObjectCommand).rejects(awsError("Forbidden", "Forbidden", 403));
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            /failed while checking for an existing export orders-20250310-031405-0001\.rdb: access denied \(Forbidden: Forbidden\)/,
        );
        expect(elastiCache.commandCalls(CopySnapshotCommand)).toHaveLength(0);
    });

    it("reports throttling of the snapshot listing", async () => {
        elastiCache.on(DescribeSnapshotsCommand).rejects(awsError("Throttling", "Rate exceeded"));
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            /^Export of replication group "orders" to bucket "orders-backup-abc" failed while listing the group's automated snapshots: throttled by AWS after the SDK's retries \(Throttling: Rate exceeded\)/,
        );
    });

    it("reports throttling of CopySnapshot and does not retry it itself", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand)
            .resolves({ Snapshots: [snapshot("automatic.orders-2025-03-10-03-14", "2025-03-10T03:14:05Z")] });
        elastiCache
            .on(CopySnapshotCommand)
            .rejects(Object.assign(awsError("SomethingNew", "slow down"), { $retryable: { throttling: true } }));
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            /starting the export of snapshot "automatic\.orders-2025-03-10-03-14": throttled by AWS/,
        );
        expect(elastiCache.commandCalls(CopySnapshotCommand)).toHaveLength(1);
    });

    it("passes any other error on with the group and the bucket", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand)
            .resolves({ Snapshots: [snapshot("automatic.orders-2025-03-10-03-14", "2025-03-10T03:14:05Z")] });
        elastiCache
            .on(CopySnapshotCommand)
            .rejects(awsError("InvalidParameterValueException", "The S3 bucket orders-backup-abc is outside of the region."));
        await expect(exportNewestSnapshot(CONFIG, NOW)).rejects.toThrow(
            'Export of replication group "orders" to bucket "orders-backup-abc" failed while starting the export of snapshot "automatic.orders-2025-03-10-03-14": InvalidParameterValueException: The S3 bucket orders-backup-abc is outside of the region.',
        );
    });
});

describe("the Lambda entry point", () => {
    const ENVIRONMENT = { [ENV.replicationGroupId]: GROUP, [ENV.targetBucket]: BUCKET };
    beforeEach(() => {
        Object.assign(process.env, ENVIRONMENT);
        delete process.env[ENV.maxSnapshotAgeHours];
    });
    afterEach(() => Object.keys(ENVIRONMENT).forEach((k) => delete process.env[k]));

    const objectCreated = (key: string, size = 52_000_000, bucket = BUCKET) => ({
        version: "0",
        source: "aws.s3",
        "detail-type": "Object Created",
        detail: { bucket: { name: bucket }, object: { key, size }, reason: "CompleteMultipartUpload" },
    });

    it("exports on a scheduled event", async () => {
        elastiCache
            .on(DescribeSnapshotsCommand)
            .resolves({ Snapshots: [snapshot("automatic.orders-2025-03-10-03-14", new Date(Date.now() - 3_600_000).toISOString())] });
        s3.on(HeadObjectCommand).rejects(notFound());
        elastiCache.on(CopySnapshotCommand).resolves({});
        const outcome = await handler({ source: "aws.events", "detail-type": "Scheduled Event", detail: {} });
        expect(outcome.status).toBe("started");
    });

    it("logs the line that the metric filter counts when an export lands in S3", async () => {
        const outcome = await handler(objectCreated("orders-20250310-031405-0001.rdb"));
        expect(outcome).toEqual({ status: "recorded", key: "orders-20250310-031405-0001.rdb" });
        expect(logged()).toEqual([
            {
                level: "INFO",
                event: EXPORTED_EVENT,
                replicationGroupId: GROUP,
                bucket: BUCKET,
                key: "orders-20250310-031405-0001.rdb",
                size: 52_000_000,
            },
        ]);
        expect(elastiCache.calls()).toHaveLength(0);
    });

    it("does not count objects that are not this group's exports", async () => {
        for (const event of [
            objectCreated("orders-archive/notes.txt"),
            objectCreated("orders-eu-20250310-031405-0001.rdb"),
            objectCreated("orders-20250310-031405-0001.rdb", 1, "other-bucket"),
        ]) {
            expect((await handler(event)).status).toBe("ignored");
        }
        expect(lines()).toEqual([]);
    });

    it("fails on an empty export object", async () => {
        await expect(handler(objectCreated("orders-20250310-031405-0001.rdb", 0))).rejects.toThrow(
            /The export s3:\/\/orders-backup-abc\/orders-20250310-031405-0001\.rdb of replication group "orders" is empty/,
        );
    });

    it("refuses to run without its configuration", async () => {
        delete process.env[ENV.targetBucket];
        await expect(handler({})).rejects.toThrow("The snapshot export function needs the environment variable TARGET_BUCKET.");
    });

    it("reads the optional snapshot age limit", () => {
        expect(readConfig({ ...ENVIRONMENT, [ENV.maxSnapshotAgeHours]: "29" })).toEqual({
            replicationGroupId: GROUP,
            bucket: BUCKET,
            maxSnapshotAgeHours: 29,
        });
        expect(() => readConfig({ ...ENVIRONMENT, [ENV.maxSnapshotAgeHours]: "soon" })).toThrow(/MAX_SNAPSHOT_AGE_HOURS is "soon"/);
    });
});
