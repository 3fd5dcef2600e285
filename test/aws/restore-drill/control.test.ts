import { CloudWatchClient, GetMetricStatisticsCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
    CreateReplicationGroupCommand,
    DeleteReplicationGroupCommand,
    DescribeReplicationGroupsCommand,
    DescribeSnapshotsCommand,
    ElastiCacheClient,
    InvalidReplicationGroupStateFault,
    ListTagsForResourceCommand,
    ReplicationGroupNotFoundFault,
} from "@aws-sdk/client-elasticache";
import { ListObjectsV2Command, PutObjectAclCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { exportName, exportObjectKey } from "../../../components/aws/snapshot-export/contract";
import {
    CANARY_USER,
    DRILL_ENV,
    DRILL_TAG,
    DRILL_USER,
    drillGroupId,
    drillGroupPrefix,
    drillUserId,
} from "../../../components/aws/restore-drill/contract";
import {
    DrillConfig,
    PickedBackup,
    WATCHDOG_LOOKBACK_HOURS,
    evenSlots,
    exportTime,
    readDrillConfig,
    runAction,
} from "../../../components/aws/restore-drill/functions/control";

const elastiCache = mockClient(ElastiCacheClient);
const cloudWatch = mockClient(CloudWatchClient);
const s3 = mockClient(S3Client);
const clients = {
    elastiCache: new ElastiCacheClient({ region: "eu-west-1" }),
    cloudWatch: new CloudWatchClient({ region: "eu-west-1" }),
    s3: new S3Client({ region: "eu-west-1" }),
};
const NOW = new Date("2026-11-30T07:00:00Z");
const CONFIG: DrillConfig = {
    sourceGroupId: "orders",
    subnetGroupName: "orders-subnets",
    securityGroupId: "sg-0cache",
    userGroupId: "orders-users",
    parameterGroupName: "orders-redis7",
    kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/k",
    nodeType: "cache.r7g.large",
    port: 6380,
    maxOrphanAgeHours: 6,
};
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const arnOf = (id: string) => `arn:aws:elasticache:eu-west-1:123456789012:replicationgroup:${id}`;

afterEach(() => jest.restoreAllMocks());

beforeEach(() => {
    jest.spyOn(console, "log").mockImplementation(() => undefined);
    elastiCache.reset();
    cloudWatch.reset();
    s3.reset();
});

describe("the drill's configuration", () => {
    it("is read from the environment, and a missing variable is named", () => {
        const env = {
            [DRILL_ENV.sourceGroupId]: "orders",
            [DRILL_ENV.subnetGroupName]: "orders-subnets",
            [DRILL_ENV.securityGroupId]: "sg-0cache",
            [DRILL_ENV.userGroupId]: "orders-users",
            [DRILL_ENV.parameterGroupName]: "orders-redis7",
            [DRILL_ENV.kmsKeyArn]: CONFIG.kmsKeyArn,
            [DRILL_ENV.nodeType]: "cache.r7g.large",
            [DRILL_ENV.port]: "6380",
            [DRILL_ENV.maxOrphanAgeHours]: "6",
        };
        expect(readDrillConfig(env)).toEqual(CONFIG);
        expect(() => readDrillConfig({ ...env, [DRILL_ENV.userGroupId]: undefined })).toThrow(
            `The function needs the environment variable ${DRILL_ENV.userGroupId}.`,
        );
        const exportsEnv = { ...env, [DRILL_ENV.shards]: "3", [DRILL_ENV.exportBucket]: "orders-backup-1", [DRILL_ENV.partition]: "aws" };
        expect(readDrillConfig(exportsEnv)).toEqual({ ...CONFIG, shards: 3, exports: { bucket: "orders-backup-1", partition: "aws" } });
        expect(
            readDrillConfig({
                ...exportsEnv,
                [DRILL_ENV.elastiCacheCanonicalUserId]: "ec-id",
                [DRILL_ENV.ownerCanonicalUserId]: "owner-id",
            }).exports,
        ).toEqual({
            bucket: "orders-backup-1",
            partition: "aws",
            aclGrant: { elastiCacheCanonicalUserId: "ec-id", ownerCanonicalUserId: "owner-id" },
        });
        expect(() => readDrillConfig({ ...exportsEnv, [DRILL_ENV.elastiCacheCanonicalUserId]: "ec-id" })).toThrow(
            `The function needs the environment variable ${DRILL_ENV.ownerCanonicalUserId}.`,
        );
    });
});

describe("start: the janitor", () => {
    it("deletes an orphaned drill group of this cache (prefix, tag and age) and nothing else, then names the new drill group", async () => {
        const orphan = "drill-orders-old1";
        elastiCache.on(DescribeReplicationGroupsCommand).resolves({
            ReplicationGroups: [
                { ReplicationGroupId: orphan, ARN: arnOf(orphan), Status: "available", ReplicationGroupCreateTime: hoursAgo(30) },
                {
                    ReplicationGroupId: "drill-orders-young",
                    ARN: arnOf("drill-orders-young"),
                    Status: "creating",
                    ReplicationGroupCreateTime: hoursAgo(1),
                },
                {
                    ReplicationGroupId: "drill-orders-untagged",
                    ARN: arnOf("drill-orders-untagged"),
                    Status: "available",
                    ReplicationGroupCreateTime: hoursAgo(30),
                },
                {
                    ReplicationGroupId: "drill-orders-going",
                    ARN: arnOf("drill-orders-going"),
                    Status: "deleting",
                    ReplicationGroupCreateTime: hoursAgo(30),
                },
                { ReplicationGroupId: "orders", ARN: arnOf("orders"), Status: "available", ReplicationGroupCreateTime: hoursAgo(900) },
            ],
        });
        elastiCache
            .on(ListTagsForResourceCommand, { ResourceName: arnOf(orphan) })
            .resolves({ TagList: [{ Key: DRILL_TAG, Value: "orders" }] });
        elastiCache
            .on(ListTagsForResourceCommand, { ResourceName: arnOf("drill-orders-untagged") })
            .resolves({ TagList: [{ Key: DRILL_TAG, Value: "orders-eu" }] });
        elastiCache.on(DeleteReplicationGroupCommand).resolves({});

        const result = await runAction({ action: "start" }, clients, CONFIG, NOW);
        expect(result).toEqual({ replicationGroupId: drillGroupId("orders", NOW), startedAt: NOW.toISOString(), removedOrphans: [orphan] });
        expect(elastiCache.commandCalls(DeleteReplicationGroupCommand).map((c) => c.args[0].input)).toEqual([
            { ReplicationGroupId: orphan },
        ]);
        expect(elastiCache.commandCalls(ListTagsForResourceCommand).map((c) => c.args[0].input.ResourceName)).toEqual([
            arnOf(orphan),
            arnOf("drill-orders-untagged"),
        ]);
    });

    it("names drill groups and drill users within ElastiCache's 40 characters, keeping short ids as they are", () => {
        expect(drillGroupId("orders", NOW)).toBe(`drill-orders-${NOW.getTime().toString(36)}`);
        expect(drillUserId("orders", CANARY_USER)).toBe("orders-restore-canary");
        expect(drillUserId("orders", DRILL_USER)).toBe("orders-restore-drill");
    });

    it("shortens the ids of a 40-character source with a stable hash, so that two sources with the same start stay apart", () => {
        const source = "orders-eu-west-1-production-cache-abcde";
        const other = "orders-eu-west-1-production-cache-vwxyz";
        const forty = `${source}f`;
        expect(forty).toHaveLength(40);
        const ids = [drillGroupId(forty, NOW), drillUserId(forty, CANARY_USER), drillUserId(forty, DRILL_USER)];
        for (const id of ids) {
            expect(id.length).toBeLessThanOrEqual(40);
            expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
        }
        const hash = ids[0].slice(25, 31);
        expect(hash).toMatch(/^[0-9a-f]{6}$/);
        expect(ids).toEqual([
            `drill-orders-eu-west-1-p-${hash}-${NOW.getTime().toString(36)}`,
            `orders-eu-west-1-p-${hash}-restore-canary`,
            `orders-eu-west-1-pr-${hash}-restore-drill`,
        ]);
        expect(ids.map((id) => id.length)).toEqual([40, 40, 40]);
        expect(ids[0].startsWith(drillGroupPrefix(forty))).toBe(true);
        expect(drillGroupPrefix(source)).not.toBe(drillGroupPrefix(other));
        expect(drillUserId(source, CANARY_USER)).not.toBe(drillUserId(other, CANARY_USER));
        // A prefix never ends in a double hyphen, even when the cut falls on a hyphen.
        expect(drillGroupPrefix("orders-eu-west-1-a-b-c-d-e-f")).toMatch(/^drill-orders-eu-west-1-a-[0-9a-f]{6}-$/);
    });
});

describe("pick", () => {
    it("chooses the newest available automatic snapshot and reads the source's key count in that minute", async () => {
        const taken = (h: number) => ({ NodeSnapshots: [{ CacheClusterId: "orders-002", SnapshotCreateTime: hoursAgo(h) }] });
        elastiCache.on(DescribeSnapshotsCommand).resolves({
            Snapshots: [
                { SnapshotName: "automatic.orders-old", SnapshotStatus: "available", Engine: "redis", EngineVersion: "7.1", ...taken(28) },
                { SnapshotName: "automatic.orders-new", SnapshotStatus: "available", Engine: "redis", EngineVersion: "7.1", ...taken(4) },
                {
                    SnapshotName: "automatic.orders-running",
                    SnapshotStatus: "creating",
                    Engine: "redis",
                    EngineVersion: "7.1",
                    ...taken(0.1),
                },
            ],
        });
        cloudWatch.on(GetMetricStatisticsCommand).resolves({
            Datapoints: [
                { Timestamp: new Date(hoursAgo(4).getTime() - 60_000), Maximum: 990 },
                { Timestamp: hoursAgo(4), Maximum: 1000 },
            ],
        });
        const result = await runAction({ action: "pick" }, clients, CONFIG, NOW);
        expect(result).toEqual({
            kind: "snapshot",
            snapshotName: "automatic.orders-new",
            bucket: null,
            objectKeys: [],
            backupCreatedAt: hoursAgo(4).toISOString(),
            chosenAt: NOW.toISOString(),
            engine: "redis",
            engineVersion: "7.1",
            expectedKeys: 1000,
        });
        expect(elastiCache.commandCalls(DescribeSnapshotsCommand)[0].args[0].input).toEqual({
            ReplicationGroupId: "orders",
            SnapshotSource: "system",
        });
        expect(cloudWatch.commandCalls(GetMetricStatisticsCommand)[0].args[0].input).toMatchObject({
            Namespace: "AWS/ElastiCache",
            MetricName: "CurrItems",
            Dimensions: [{ Name: "CacheClusterId", Value: "orders-002" }],
            Period: 60,
        });
    });

    it("fails with NoBackup when there is no available snapshot", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
        await expect(runAction({ action: "pick" }, clients, CONFIG, NOW)).rejects.toMatchObject({
            name: "NoBackup",
            message: expect.stringContaining("orders has no available automatic snapshot"),
        });
    });

    it("leaves the expected key count unknown when CloudWatch has no point", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({
            Snapshots: [
                {
                    SnapshotName: "automatic.orders-new",
                    SnapshotStatus: "available",
                    NodeSnapshots: [{ CacheClusterId: "orders-001", SnapshotCreateTime: hoursAgo(4) }],
                },
            ],
        });
        cloudWatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
        expect(await runAction({ action: "pick" }, clients, CONFIG, NOW)).toMatchObject({ expectedKeys: null });
    });
});

describe("create", () => {
    const backup = {
        kind: "snapshot" as const,
        snapshotName: "automatic.orders-new",
        bucket: null,
        objectKeys: [],
        backupCreatedAt: hoursAgo(4).toISOString(),
        chosenAt: NOW.toISOString(),
        engine: "valkey",
        engineVersion: "8.1",
        expectedKeys: 1000,
    };

    it("creates one encrypted node from the snapshot, in the cache's subnets, security group, users and parameters, tagged as a drill", async () => {
        elastiCache.on(CreateReplicationGroupCommand).resolves({});
        const id = drillGroupId("orders", NOW);
        expect(await runAction({ action: "create", replicationGroupId: id, backup }, clients, CONFIG, NOW)).toEqual({
            replicationGroupId: id,
        });
        expect(elastiCache.commandCalls(CreateReplicationGroupCommand)[0].args[0].input).toEqual({
            ReplicationGroupId: id,
            ReplicationGroupDescription: "Restore drill of orders from automatic.orders-new; deleted by the drill",
            SnapshotName: "automatic.orders-new",
            Engine: "valkey",
            EngineVersion: "8.1",
            CacheNodeType: "cache.r7g.large",
            NumCacheClusters: 1,
            AutomaticFailoverEnabled: false,
            MultiAZEnabled: false,
            CacheSubnetGroupName: "orders-subnets",
            SecurityGroupIds: ["sg-0cache"],
            UserGroupIds: ["orders-users"],
            CacheParameterGroupName: "orders-redis7",
            KmsKeyId: CONFIG.kmsKeyArn,
            AtRestEncryptionEnabled: true,
            TransitEncryptionEnabled: true,
            TransitEncryptionMode: "required",
            Port: 6380,
            SnapshotRetentionLimit: 0,
            Tags: [
                { Key: DRILL_TAG, Value: "orders" },
                { Key: "managed-by", Value: "hardened-redis" },
            ],
        });
    });

    it("refuses a group id outside the drill prefix", async () => {
        await expect(runAction({ action: "create", replicationGroupId: "orders", backup }, clients, CONFIG, NOW)).rejects.toThrow(
            "orders is not a drill group of orders.",
        );
        expect(elastiCache.commandCalls(CreateReplicationGroupCommand)).toHaveLength(0);
    });
});

const BUCKET = "orders-backup-1";
const EC_ID = "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353";
const OWNER_ID = "4f1e0c5e9d3b2a1f0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f";
const SHARDED: DrillConfig = {
    ...CONFIG,
    shards: 3,
    exports: { bucket: BUCKET, partition: "aws", aclGrant: { elastiCacheCanonicalUserId: EC_ID, ownerCanonicalUserId: OWNER_ID } },
};
/** The objects of one export of `orders`, taken `h` hours ago, for the shards given. */
const exportFiles = (h: number, shards: number[]) => {
    const name = exportName("orders", new Date(Math.floor(hoursAgo(h).getTime() / 1000) * 1000));
    return shards.map((n) => ({ Key: exportObjectKey(name).replace("-0001.rdb", `-${String(n).padStart(4, "0")}.rdb`), Size: 1024 }));
};
const secondsAgo = (h: number) => new Date(Math.floor(hoursAgo(h).getTime() / 1000) * 1000);

describe("pick, when exports are on", () => {
    const shardSnapshot = (name: string, h: number) => ({
        SnapshotName: name,
        SnapshotStatus: "available",
        Engine: "valkey",
        EngineVersion: "8.1",
        // Shards finish their snapshots apart; the export is named after the earliest.
        NodeSnapshots: [3, 1, 2].map((n) => ({
            CacheClusterId: `orders-000${n}-002`,
            SnapshotCreateTime: new Date(hoursAgo(h).getTime() + 400 + (n - 1) * 2500),
        })),
    });

    it("restores the newest export with a file for every shard, and sums the source's key counts of the snapshot's nodes", async () => {
        s3.on(ListObjectsV2Command).resolves({
            Contents: [
                ...exportFiles(28, [1, 2, 3]),
                ...exportFiles(4, [3, 1, 2]),
                ...exportFiles(0.5, [1, 2]), // still being written: a shard is missing
                { Key: exportFiles(0.2, [1])[0].Key, Size: 0 }, // empty
                { Key: "orders-eu-20261130-060000-0001.rdb", Size: 10 }, // another group's
                { Key: "orders-notes.txt", Size: 10 },
            ],
        });
        elastiCache
            .on(DescribeSnapshotsCommand)
            .resolves({ Snapshots: [shardSnapshot("automatic.orders-old", 28), shardSnapshot("automatic.orders-new", 4)] });
        cloudWatch.on(GetMetricStatisticsCommand).callsFake((input) => ({
            Datapoints: [
                {
                    Timestamp: hoursAgo(4),
                    Maximum: { "orders-0001-002": 300, "orders-0002-002": 350, "orders-0003-002": 360 }[
                        input.Dimensions[0].Value as string
                    ],
                },
            ],
        }));
        const result = (await runAction({ action: "pick" }, clients, SHARDED, NOW)) as PickedBackup;
        const keys = exportFiles(4, [1, 2, 3]).map((f) => f.Key);
        expect(result).toEqual({
            kind: "export",
            snapshotName: "automatic.orders-new",
            bucket: BUCKET,
            objectKeys: keys,
            backupCreatedAt: secondsAgo(4).toISOString(),
            chosenAt: NOW.toISOString(),
            engine: "valkey",
            engineVersion: "8.1",
            expectedKeys: 1010,
        });
        expect(s3.commandCalls(ListObjectsV2Command)[0].args[0].input).toEqual({ Bucket: BUCKET, Prefix: "orders-" });
        expect(
            cloudWatch
                .commandCalls(GetMetricStatisticsCommand)
                .map((c) => [c.args[0].input.Dimensions![0].Value, c.args[0].input.StartTime]),
        ).toEqual(
            ["orders-0003-002", "orders-0001-002", "orders-0002-002"].map((node) => [node, new Date(secondsAgo(4).getTime() - 60_000)]),
        );
        expect(JSON.parse(jest.mocked(console.log).mock.calls[0][0])).toEqual({
            event: "restore-drill-backup-picked",
            sourceGroupId: "orders",
            ...result,
        });
    });

    it("once the export's snapshot has expired, counts the keys of a node of each of the source's shards", async () => {
        s3.on(ListObjectsV2Command).resolves({ Contents: exportFiles(30, [1, 2, 3]) });
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
        elastiCache.on(DescribeReplicationGroupsCommand, { ReplicationGroupId: "orders" }).resolves({
            ReplicationGroups: [
                {
                    Engine: "redis",
                    NodeGroups: [1, 2, 3].map((n) => ({
                        NodeGroupMembers: [{ CacheClusterId: `orders-000${n}-001` }, { CacheClusterId: `orders-000${n}-002` }],
                    })),
                },
            ],
        });
        cloudWatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [{ Timestamp: hoursAgo(30), Maximum: 100 }] });
        expect(await runAction({ action: "pick" }, clients, SHARDED, NOW)).toMatchObject({
            kind: "export",
            snapshotName: null,
            engine: "redis",
            engineVersion: "",
            expectedKeys: 300,
        });
        expect(cloudWatch.commandCalls(GetMetricStatisticsCommand).map((c) => c.args[0].input.Dimensions![0].Value)).toEqual([
            "orders-0001-001",
            "orders-0002-001",
            "orders-0003-001",
        ]);
    });

    it("fails with NoBackup, naming the bucket, when no export is complete", async () => {
        s3.on(ListObjectsV2Command).resolves({ Contents: exportFiles(1, [1, 2]) });
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: [shardSnapshot("automatic.orders-new", 1)] });
        await expect(runAction({ action: "pick" }, clients, SHARDED, NOW)).rejects.toMatchObject({
            name: "NoBackup",
            message: expect.stringContaining(
                "s3://orders-backup-1 holds no complete export of orders (3 file(s) named orders-<date>-<time>-<shard>.rdb)",
            ),
        });
    });

    it("reads the snapshot time back from an export's name, and nothing from a name that is not one", () => {
        const at = new Date("2026-11-30T03:10:05Z");
        expect(exportTime("orders", exportName("orders", at))).toEqual(at);
        expect(exportTime("orders", "orders-20261399-031005")).toBeUndefined();
        expect(exportTime("orders", "orders-eu-20261130-031005")).toBeUndefined();
    });
});

describe("create, in cluster mode and from an export", () => {
    const keys = exportFiles(4, [1, 2, 3]).map((f) => f.Key);
    const fromExport: PickedBackup = {
        kind: "export",
        snapshotName: "automatic.orders-new",
        bucket: BUCKET,
        objectKeys: keys,
        backupCreatedAt: secondsAgo(4).toISOString(),
        chosenAt: NOW.toISOString(),
        engine: "valkey",
        engineVersion: "8.1",
        expectedKeys: 1010,
    };
    const id = drillGroupId("orders", NOW);

    it("lets ElastiCache read each file with exactly the object ACL grant of the User Guide, then seeds one primary per shard", async () => {
        s3.on(PutObjectAclCommand).resolves({});
        elastiCache.on(CreateReplicationGroupCommand).resolves({});
        await runAction({ action: "create", replicationGroupId: id, backup: fromExport }, clients, SHARDED, NOW);
        expect(s3.commandCalls(PutObjectAclCommand).map((c) => c.args[0].input)).toEqual(
            keys.map((Key) => ({
                Bucket: BUCKET,
                Key,
                GrantFullControl: `id=${OWNER_ID}`,
                GrantRead: `id=${EC_ID}`,
                GrantReadACP: `id=${EC_ID}`,
                GrantWriteACP: `id=${EC_ID}`,
            })),
        );
        const input = elastiCache.commandCalls(CreateReplicationGroupCommand)[0].args[0].input;
        expect(input).toMatchObject({
            ReplicationGroupId: id,
            ReplicationGroupDescription: `Restore drill of orders from s3://${BUCKET}/${keys[0]} and 2 more shard file(s); deleted by the drill`,
            SnapshotArns: keys.map((key) => `arn:aws:s3:::${BUCKET}/${key}`),
            NumNodeGroups: 3,
            ReplicasPerNodeGroup: 0,
            AutomaticFailoverEnabled: true,
            MultiAZEnabled: false,
            NodeGroupConfiguration: [
                { NodeGroupId: "0001", Slots: "0-5460", ReplicaCount: 0 },
                { NodeGroupId: "0002", Slots: "5461-10921", ReplicaCount: 0 },
                { NodeGroupId: "0003", Slots: "10922-16383", ReplicaCount: 0 },
            ],
            CacheParameterGroupName: "orders-redis7",
            TransitEncryptionEnabled: true,
            AtRestEncryptionEnabled: true,
        });
        expect(input.SnapshotName).toBeUndefined();
        expect(input.NumCacheClusters).toBeUndefined();
    });

    it("sets no ACL in an opt-in region, where the bucket policy already lets ElastiCache read", async () => {
        elastiCache.on(CreateReplicationGroupCommand).resolves({});
        await runAction(
            { action: "create", replicationGroupId: id, backup: fromExport },
            clients,
            { ...SHARDED, exports: { bucket: BUCKET, partition: "aws" } },
            NOW,
        );
        expect(s3.commandCalls(PutObjectAclCommand)).toHaveLength(0);
        expect(elastiCache.commandCalls(CreateReplicationGroupCommand)[0].args[0].input.SnapshotArns).toHaveLength(3);
    });

    it("restores a sharded snapshot into the same number of shards without replicas", async () => {
        elastiCache.on(CreateReplicationGroupCommand).resolves({});
        const snapshot: PickedBackup = { ...fromExport, kind: "snapshot", bucket: null, objectKeys: [] };
        await runAction({ action: "create", replicationGroupId: id, backup: snapshot }, clients, { ...CONFIG, shards: 3 }, NOW);
        const input = elastiCache.commandCalls(CreateReplicationGroupCommand)[0].args[0].input;
        expect(input).toMatchObject({
            SnapshotName: "automatic.orders-new",
            NumNodeGroups: 3,
            ReplicasPerNodeGroup: 0,
            AutomaticFailoverEnabled: true,
            MultiAZEnabled: false,
        });
        expect([input.NodeGroupConfiguration, input.SnapshotArns, input.NumCacheClusters]).toEqual([undefined, undefined, undefined]);
    });

    it("refuses files that are not this group's exports, before any ACL changes", async () => {
        const foreign = { ...fromExport, objectKeys: ["orders-eu-20261130-031005-0001.rdb"] };
        await expect(runAction({ action: "create", replicationGroupId: id, backup: foreign }, clients, SHARDED, NOW)).rejects.toThrow(
            "orders-eu-20261130-031005-0001.rdb is not an export of orders.",
        );
        await expect(
            runAction({ action: "create", replicationGroupId: id, backup: { ...fromExport, bucket: "elsewhere" } }, clients, SHARDED, NOW),
        ).rejects.toThrow("not from s3://elsewhere");
        expect(s3.commandCalls(PutObjectAclCommand)).toHaveLength(0);
        expect(elastiCache.commandCalls(CreateReplicationGroupCommand)).toHaveLength(0);
    });

    it("splits the 16384 slots evenly over the shards", () => {
        expect(evenSlots(1)).toEqual(["0-16383"]);
        expect(evenSlots(2)).toEqual(["0-8191", "8192-16383"]);
    });
});

describe("status", () => {
    it("in cluster mode reports the configuration endpoint and each shard's node", async () => {
        elastiCache.on(DescribeReplicationGroupsCommand).resolves({
            ReplicationGroups: [
                {
                    Status: "available",
                    ClusterEnabled: true,
                    ConfigurationEndpoint: { Address: "clustercfg.drill.cache.amazonaws.com", Port: 6380 },
                    NodeGroups: [1, 2].map((n) => ({
                        NodeGroupId: `000${n}`,
                        NodeGroupMembers: [
                            {
                                CacheClusterId: `drill-000${n}-001`,
                                ReadEndpoint: { Address: `drill-000${n}-001.cache.amazonaws.com`, Port: 6380 },
                            },
                        ],
                    })),
                },
            ],
        });
        expect(await runAction({ action: "status", replicationGroupId: "drill-orders-x", attempt: 0 }, clients, CONFIG, NOW)).toEqual({
            available: true,
            status: "available",
            attempt: 1,
            host: "clustercfg.drill.cache.amazonaws.com",
            port: 6380,
            shards: [
                { host: "drill-0001-001.cache.amazonaws.com", port: 6380 },
                { host: "drill-0002-001.cache.amazonaws.com", port: 6380 },
            ],
        });
    });

    it("reports the primary endpoint once available and counts the attempts", async () => {
        elastiCache.on(DescribeReplicationGroupsCommand).resolves({
            ReplicationGroups: [
                {
                    Status: "available",
                    ClusterEnabled: false,
                    NodeGroups: [{ PrimaryEndpoint: { Address: "master.drill.cache.amazonaws.com", Port: 6380 } }],
                },
            ],
        });
        expect(await runAction({ action: "status", replicationGroupId: "drill-orders-x", attempt: 4 }, clients, CONFIG, NOW)).toEqual({
            available: true,
            status: "available",
            attempt: 5,
            host: "master.drill.cache.amazonaws.com",
            port: 6380,
            shards: [{ host: "master.drill.cache.amazonaws.com", port: 6380 }],
        });
    });

    it("fails with CreateFailed when ElastiCache gave up on the group", async () => {
        elastiCache.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [{ Status: "create-failed" }] });
        await expect(
            runAction({ action: "status", replicationGroupId: "drill-orders-x", attempt: 0 }, clients, CONFIG, NOW),
        ).rejects.toMatchObject({ name: "CreateFailed" });
    });
});

describe("delete", () => {
    const fault = (Fault: any) => new Fault({ message: "fault", $metadata: {} });

    it("deletes a drill group, and treats a missing one as done", async () => {
        elastiCache.on(DeleteReplicationGroupCommand).resolvesOnce({}).rejectsOnce(fault(ReplicationGroupNotFoundFault));
        expect(await runAction({ action: "delete", replicationGroupId: "drill-orders-x" }, clients, CONFIG, NOW)).toEqual({
            replicationGroupId: "drill-orders-x",
            deleted: true,
        });
        expect(await runAction({ action: "delete", replicationGroupId: "drill-orders-x" }, clients, CONFIG, NOW)).toEqual({
            replicationGroupId: "drill-orders-x",
            deleted: false,
        });
    });

    it("fails while the group is still being created, so that the state machine retries, and accepts one already being deleted", async () => {
        elastiCache.on(DeleteReplicationGroupCommand).rejects(fault(InvalidReplicationGroupStateFault));
        elastiCache
            .on(DescribeReplicationGroupsCommand)
            .resolvesOnce({ ReplicationGroups: [{ Status: "creating" }] })
            .resolvesOnce({ ReplicationGroups: [{ Status: "deleting" }] });
        await expect(runAction({ action: "delete", replicationGroupId: "drill-orders-x" }, clients, CONFIG, NOW)).rejects.toMatchObject({
            name: "InvalidReplicationGroupStateFault",
        });
        expect(await runAction({ action: "delete", replicationGroupId: "drill-orders-x" }, clients, CONFIG, NOW)).toEqual({
            replicationGroupId: "drill-orders-x",
            deleted: true,
        });
    });

    it("never deletes a group outside the drill prefix", async () => {
        await expect(runAction({ action: "delete", replicationGroupId: "orders" }, clients, CONFIG, NOW)).rejects.toThrow(
            "orders is not a drill group of orders.",
        );
        expect(elastiCache.commandCalls(DeleteReplicationGroupCommand)).toHaveLength(0);
    });
});

describe("publish and watchdog", () => {
    it("publishes the outcome, and RTO and RPO when measured, under the source group", async () => {
        cloudWatch.on(PutMetricDataCommand).resolves({});
        await runAction({ action: "publish", succeeded: true, rtoSeconds: 1080, rpoSeconds: 30 }, clients, CONFIG, NOW);
        await runAction({ action: "publish", succeeded: false, rtoSeconds: null, rpoSeconds: null }, clients, CONFIG, NOW);
        const [first, second] = cloudWatch.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input);
        const dimensions = [{ Name: "ReplicationGroupId", Value: "orders" }];
        expect(first).toEqual({
            Namespace: "HardenedRedis/RestoreDrill",
            MetricData: [
                { MetricName: "RestoreDrillSucceeded", Dimensions: dimensions, Timestamp: NOW, Value: 1, Unit: "Count" },
                { MetricName: "RestoreDrillRtoSeconds", Dimensions: dimensions, Timestamp: NOW, Value: 1080, Unit: "Seconds" },
                { MetricName: "RestoreDrillRpoSeconds", Dimensions: dimensions, Timestamp: NOW, Value: 30, Unit: "Seconds" },
            ],
        });
        expect(second.MetricData).toEqual([
            { MetricName: "RestoreDrillSucceeded", Dimensions: dimensions, Timestamp: NOW, Value: 0, Unit: "Count" },
        ]);
    });

    it("watchdog: publishes the seconds since the last success, or the whole look-back when there was none", async () => {
        cloudWatch.on(PutMetricDataCommand).resolves({});
        cloudWatch
            .on(GetMetricStatisticsCommand)
            .resolvesOnce({
                Datapoints: [
                    { Timestamp: hoursAgo(50), Maximum: 1 },
                    { Timestamp: hoursAgo(26), Maximum: 0 },
                ],
            })
            .resolvesOnce({ Datapoints: [] });
        expect(await runAction({ action: "watchdog" }, clients, CONFIG, NOW)).toEqual({ secondsSinceSuccess: 50 * 3600 });
        expect(await runAction({ action: "watchdog" }, clients, CONFIG, NOW)).toEqual({
            secondsSinceSuccess: WATCHDOG_LOOKBACK_HOURS * 3600,
        });
        expect(cloudWatch.commandCalls(PutMetricDataCommand)[0].args[0].input.MetricData).toEqual([
            {
                MetricName: "RestoreDrillSecondsSinceSuccess",
                Dimensions: [{ Name: "ReplicationGroupId", Value: "orders" }],
                Timestamp: NOW,
                Value: 50 * 3600,
                Unit: "Seconds",
            },
        ]);
    });
});
