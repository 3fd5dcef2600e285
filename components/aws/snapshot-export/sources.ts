/**
 * The two kinds of cache whose snapshots the export function copies to S3, behind one interface:
 * a node-based replication group exports with CopySnapshot and a target name the function chooses;
 * a serverless cache exports with ExportServerlessCacheSnapshot, which takes no name
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ExportServerlessCacheSnapshot.html).
 */
import {
    CopySnapshotCommand,
    DescribeServerlessCacheSnapshotsCommand,
    DescribeSnapshotsCommand,
    ElastiCacheClient,
    ExportServerlessCacheSnapshotCommand,
    ServerlessCacheSnapshot,
    Snapshot,
    paginateDescribeServerlessCacheSnapshots,
    paginateDescribeSnapshots,
} from "@aws-sdk/client-elasticache";
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { EXPORT_SOURCES, ExportSourceKind, ExportSourceNames, exportName, exportObjectKey } from "./contract";

const elastiCache = new ElastiCacheClient({});
const s3 = new S3Client({});

/** A snapshot as the function needs it; `status` is lowercase. */
export interface SourceSnapshot {
    name: string;
    createdAt?: Date;
    status?: string;
}

export interface ExportSource {
    kind: ExportSourceKind;
    /** The replication group id or the serverless cache name. */
    id: string;
    names: ExportSourceNames;
    /** The source's automated snapshots; manual ones are never exported. */
    automatedSnapshots(): Promise<SourceSnapshot[]>;
    describeSnapshot(name: string): Promise<SourceSnapshot | undefined>;
    /** The export's object key, or for a serverless cache the key prefix ElastiCache writes it under. */
    exportKey(snapshot: SourceSnapshot): string;
    /** True when the bucket already holds the snapshot's export. S3 errors other than "not found" are thrown. */
    exportExists(bucket: string, snapshot: SourceSnapshot): Promise<boolean>;
    startExport(bucket: string, snapshot: SourceSnapshot): Promise<void>;
    /** ElastiCache refused because the snapshot is busy or the export exists: an overlapping run may have started it. */
    isStateConflict(error: unknown): boolean;
}

const errorName = (error: unknown) => String((error as { name?: string })?.name ?? "");
const errorMessage = (error: unknown) => String((error as { message?: string })?.message ?? "");
const lower = (status: string | undefined) => status?.toLowerCase();

/** Every item of every page. */
async function collect<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => Item[] | undefined): Promise<Item[]> {
    const all: Item[] = [];
    for await (const page of pages) all.push(...(items(page) ?? []));
    return all;
}

/** When a node-based snapshot was taken; every node snapshot of a one-shard group has the same time. */
function nodeSnapshot(snapshot: Snapshot): SourceSnapshot {
    const times = (snapshot.NodeSnapshots ?? []).map((n) => n.SnapshotCreateTime).filter((t): t is Date => t instanceof Date);
    return {
        name: snapshot.SnapshotName ?? "",
        createdAt: times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : undefined,
        status: lower(snapshot.SnapshotStatus),
    };
}

function serverlessSnapshot(snapshot: ServerlessCacheSnapshot): SourceSnapshot {
    return {
        name: snapshot.ServerlessCacheSnapshotName ?? "",
        createdAt: snapshot.CreateTime instanceof Date ? snapshot.CreateTime : undefined,
        status: lower(snapshot.Status),
    };
}

function replicationGroup(id: string): ExportSource {
    const targetName = (snapshot: SourceSnapshot) => exportName(id, snapshot.createdAt!);
    return {
        kind: "replication-group",
        id,
        names: EXPORT_SOURCES["replication-group"],
        async automatedSnapshots() {
            const snapshots = await collect(
                paginateDescribeSnapshots({ client: elastiCache }, { ReplicationGroupId: id, SnapshotSource: "system" }),
                (page) => page.Snapshots,
            );
            // The filter above asks ElastiCache for automated snapshots only; this makes sure.
            return snapshots.filter((s) => s.SnapshotSource === "automated").map(nodeSnapshot);
        },
        async describeSnapshot(name) {
            const found = (await elastiCache.send(new DescribeSnapshotsCommand({ SnapshotName: name }))).Snapshots?.[0];
            return found && nodeSnapshot(found);
        },
        exportKey: (snapshot) => exportObjectKey(targetName(snapshot)),
        async exportExists(bucket, snapshot) {
            try {
                await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: exportObjectKey(targetName(snapshot)) }));
                return true;
            } catch (error) {
                if ((error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404) return false;
                throw error;
            }
        },
        async startExport(bucket, snapshot) {
            await elastiCache.send(
                new CopySnapshotCommand({
                    SourceSnapshotName: snapshot.name,
                    TargetSnapshotName: targetName(snapshot),
                    TargetBucket: bucket,
                }),
            );
        },
        isStateConflict: (error) =>
            ["InvalidSnapshotStateFault", "SnapshotAlreadyExistsFault"].includes(errorName(error)) ||
            /already contains an object/i.test(errorMessage(error)),
    };
}

function serverlessCache(id: string): ExportSource {
    const names = EXPORT_SOURCES["serverless-cache"];
    return {
        kind: "serverless-cache",
        id,
        names,
        async automatedSnapshots() {
            const pages = paginateDescribeServerlessCacheSnapshots(
                { client: elastiCache },
                { ServerlessCacheName: id, SnapshotType: "automated" },
            );
            const snapshots = await collect(pages, (page) => page.ServerlessCacheSnapshots);
            return snapshots.filter((s) => s.SnapshotType === "automated").map(serverlessSnapshot);
        },
        async describeSnapshot(name) {
            const found = (await elastiCache.send(new DescribeServerlessCacheSnapshotsCommand({ ServerlessCacheSnapshotName: name })))
                .ServerlessCacheSnapshots?.[0];
            return found && serverlessSnapshot(found);
        },
        exportKey: (snapshot) => snapshot.name,
        async exportExists(bucket, snapshot) {
            const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: snapshot.name }));
            return (listed.Contents ?? []).some((object) => object.Key !== undefined && names.isExportObjectKey(id, object.Key));
        },
        async startExport(bucket, snapshot) {
            await elastiCache.send(
                new ExportServerlessCacheSnapshotCommand({ ServerlessCacheSnapshotName: snapshot.name, S3BucketName: bucket }),
            );
        },
        isStateConflict: (error) => errorName(error) === "InvalidServerlessCacheSnapshotStateFault",
    };
}

/** The source the function's configuration names. */
export function exportSource(kind: ExportSourceKind, id: string): ExportSource {
    return kind === "replication-group" ? replicationGroup(id) : serverlessCache(id);
}
