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
import { mockClient } from "aws-sdk-client-mock";
import { DRILL_ENV, DRILL_TAG, drillGroupId } from "../../../components/aws/restore-drill/contract";
import { DrillConfig, WATCHDOG_LOOKBACK_HOURS, readDrillConfig, runAction } from "../../../components/aws/restore-drill/functions/control";

const elastiCache = mockClient(ElastiCacheClient);
const cloudWatch = mockClient(CloudWatchClient);
const clients = { elastiCache: new ElastiCacheClient({ region: "eu-west-1" }), cloudWatch: new CloudWatchClient({ region: "eu-west-1" }) };
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

beforeEach(() => {
    elastiCache.reset();
    cloudWatch.reset();
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
        expect(() => readDrillConfig({ ...env, [DRILL_ENV.userGroupId]: undefined })).toThrow(`The function needs the environment variable ${DRILL_ENV.userGroupId}.`);
    });
});

describe("start: the janitor", () => {
    it("deletes an orphaned drill group of this cache (prefix, tag and age) and nothing else, then names the new drill group", async () => {
        const orphan = "drill-orders-old1";
        elastiCache.on(DescribeReplicationGroupsCommand).resolves({
            ReplicationGroups: [
                { ReplicationGroupId: orphan, ARN: arnOf(orphan), Status: "available", ReplicationGroupCreateTime: hoursAgo(30) },
                { ReplicationGroupId: "drill-orders-young", ARN: arnOf("drill-orders-young"), Status: "creating", ReplicationGroupCreateTime: hoursAgo(1) },
                { ReplicationGroupId: "drill-orders-untagged", ARN: arnOf("drill-orders-untagged"), Status: "available", ReplicationGroupCreateTime: hoursAgo(30) },
                { ReplicationGroupId: "drill-orders-going", ARN: arnOf("drill-orders-going"), Status: "deleting", ReplicationGroupCreateTime: hoursAgo(30) },
                { ReplicationGroupId: "orders", ARN: arnOf("orders"), Status: "available", ReplicationGroupCreateTime: hoursAgo(900) },
            ],
        });
        elastiCache.on(ListTagsForResourceCommand, { ResourceName: arnOf(orphan) }).resolves({ TagList: [{ Key: DRILL_TAG, Value: "orders" }] });
        elastiCache.on(ListTagsForResourceCommand, { ResourceName: arnOf("drill-orders-untagged") }).resolves({ TagList: [{ Key: DRILL_TAG, Value: "orders-eu" }] });
        elastiCache.on(DeleteReplicationGroupCommand).resolves({});

        const result = await runAction({ action: "start" }, clients, CONFIG, NOW);
        expect(result).toEqual({ replicationGroupId: drillGroupId("orders", NOW), startedAt: NOW.toISOString(), removedOrphans: [orphan] });
        expect(elastiCache.commandCalls(DeleteReplicationGroupCommand).map((c) => c.args[0].input)).toEqual([{ ReplicationGroupId: orphan }]);
        expect(elastiCache.commandCalls(ListTagsForResourceCommand).map((c) => c.args[0].input.ResourceName)).toEqual([arnOf(orphan), arnOf("drill-orders-untagged")]);
    });

    it("names drill groups within ElastiCache's 40 characters, without a double or trailing hyphen", () => {
        const id = drillGroupId("a-very-long-replication-group-id-of-forty", NOW);
        expect(id).toBe(`drill-a-very-long-replicati-${NOW.getTime().toString(36)}`);
        expect(id.length).toBeLessThanOrEqual(40);
        expect(drillGroupId("orders-eu-west-1-a-b-c", NOW)).toMatch(/^drill-orders-eu-west-1-a-b-[0-9a-z]{8}$/);
    });
});

describe("pick", () => {
    it("chooses the newest available automatic snapshot and reads the source's key count in that minute", async () => {
        const taken = (h: number) => ({ NodeSnapshots: [{ CacheClusterId: "orders-002", SnapshotCreateTime: hoursAgo(h) }] });
        elastiCache.on(DescribeSnapshotsCommand).resolves({
            Snapshots: [
                { SnapshotName: "automatic.orders-old", SnapshotStatus: "available", Engine: "redis", EngineVersion: "7.1", ...taken(28) },
                { SnapshotName: "automatic.orders-new", SnapshotStatus: "available", Engine: "redis", EngineVersion: "7.1", ...taken(4) },
                { SnapshotName: "automatic.orders-running", SnapshotStatus: "creating", Engine: "redis", EngineVersion: "7.1", ...taken(0.1) },
            ],
        });
        cloudWatch.on(GetMetricStatisticsCommand).resolves({
            Datapoints: [
                { Timestamp: new Date(hoursAgo(4).getTime() - 60_000), Maximum: 990 },
                { Timestamp: hoursAgo(4), Maximum: 1000 },
            ],
        });
        const result = await runAction({ action: "pick" }, clients, CONFIG, NOW);
        expect(result).toEqual({ snapshotName: "automatic.orders-new", backupCreatedAt: hoursAgo(4).toISOString(), chosenAt: NOW.toISOString(), engine: "redis", engineVersion: "7.1", expectedKeys: 1000 });
        expect(elastiCache.commandCalls(DescribeSnapshotsCommand)[0].args[0].input).toEqual({ ReplicationGroupId: "orders", SnapshotSource: "system" });
        expect(cloudWatch.commandCalls(GetMetricStatisticsCommand)[0].args[0].input).toMatchObject({
            Namespace: "AWS/ElastiCache",
            MetricName: "CurrItems",
            Dimensions: [{ Name: "CacheClusterId", Value: "orders-002" }],
            Period: 60,
        });
    });

    it("fails with NoBackup when there is no available snapshot", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
        await expect(runAction({ action: "pick" }, clients, CONFIG, NOW)).rejects.toMatchObject({ name: "NoBackup", message: expect.stringContaining("orders has no available automatic snapshot") });
    });

    it("leaves the expected key count unknown when CloudWatch has no point", async () => {
        elastiCache.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotName: "automatic.orders-new", SnapshotStatus: "available", NodeSnapshots: [{ CacheClusterId: "orders-001", SnapshotCreateTime: hoursAgo(4) }] }] });
        cloudWatch.on(GetMetricStatisticsCommand).resolves({ Datapoints: [] });
        expect(await runAction({ action: "pick" }, clients, CONFIG, NOW)).toMatchObject({ expectedKeys: null });
    });
});

describe("create", () => {
    const backup = { snapshotName: "automatic.orders-new", backupCreatedAt: hoursAgo(4).toISOString(), chosenAt: NOW.toISOString(), engine: "valkey", engineVersion: "8.1", expectedKeys: 1000 };

    it("creates one encrypted node from the snapshot, in the cache's subnets, security group, users and parameters, tagged as a drill", async () => {
        elastiCache.on(CreateReplicationGroupCommand).resolves({});
        const id = drillGroupId("orders", NOW);
        expect(await runAction({ action: "create", replicationGroupId: id, backup }, clients, CONFIG, NOW)).toEqual({ replicationGroupId: id });
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
        await expect(runAction({ action: "create", replicationGroupId: "orders", backup }, clients, CONFIG, NOW)).rejects.toThrow("orders is not a drill group of orders.");
        expect(elastiCache.commandCalls(CreateReplicationGroupCommand)).toHaveLength(0);
    });
});

describe("status", () => {
    it("reports the primary endpoint once available and counts the attempts", async () => {
        elastiCache.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [{ Status: "available", NodeGroups: [{ PrimaryEndpoint: { Address: "master.drill.cache.amazonaws.com", Port: 6380 } }] }] });
        expect(await runAction({ action: "status", replicationGroupId: "drill-orders-x", attempt: 4 }, clients, CONFIG, NOW)).toEqual({
            available: true,
            status: "available",
            attempt: 5,
            host: "master.drill.cache.amazonaws.com",
            port: 6380,
        });
    });

    it("fails with CreateFailed when ElastiCache gave up on the group", async () => {
        elastiCache.on(DescribeReplicationGroupsCommand).resolves({ ReplicationGroups: [{ Status: "create-failed" }] });
        await expect(runAction({ action: "status", replicationGroupId: "drill-orders-x", attempt: 0 }, clients, CONFIG, NOW)).rejects.toMatchObject({ name: "CreateFailed" });
    });
});

describe("delete", () => {
    const fault = (Fault: any) => new Fault({ message: "fault", $metadata: {} });

    it("deletes a drill group, and treats a missing one as done", async () => {
        elastiCache.on(DeleteReplicationGroupCommand).resolvesOnce({}).rejectsOnce(fault(ReplicationGroupNotFoundFault));
        expect(await runAction({ action: "delete", replicationGroupId: "drill-orders-x" }, clients, CONFIG, NOW)).toEqual({ replicationGroupId: "drill-orders-x", deleted: true });
        expect(await runAction({ action: "delete", replicationGroupId: "drill-orders-x" }, clients, CONFIG, NOW)).toEqual({ replicationGroupId: "drill-orders-x", deleted: false });
    });

    it("fails while the group is still being created, so that the state machine retries, and accepts one already being deleted", async () => {
        elastiCache.on(DeleteReplicationGroupCommand).rejects(fault(InvalidReplicationGroupStateFault));
        elastiCache.on(DescribeReplicationGroupsCommand).resolvesOnce({ ReplicationGroups: [{ Status: "creating" }] }).resolvesOnce({ ReplicationGroups: [{ Status: "deleting" }] });
        await expect(runAction({ action: "delete", replicationGroupId: "drill-orders-x" }, clients, CONFIG, NOW)).rejects.toMatchObject({ name: "InvalidReplicationGroupStateFault" });
        expect(await runAction({ action: "delete", replicationGroupId: "drill-orders-x" }, clients, CONFIG, NOW)).toEqual({ replicationGroupId: "drill-orders-x", deleted: true });
    });

    it("never deletes a group outside the drill prefix", async () => {
        await expect(runAction({ action: "delete", replicationGroupId: "orders" }, clients, CONFIG, NOW)).rejects.toThrow("orders is not a drill group of orders.");
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
        expect(second.MetricData).toEqual([{ MetricName: "RestoreDrillSucceeded", Dimensions: dimensions, Timestamp: NOW, Value: 0, Unit: "Count" }]);
    });

    it("watchdog: publishes the seconds since the last success, or the whole look-back when there was none", async () => {
        cloudWatch.on(PutMetricDataCommand).resolves({});
        cloudWatch.on(GetMetricStatisticsCommand).resolvesOnce({ Datapoints: [{ Timestamp: hoursAgo(50), Maximum: 1 }, { Timestamp: hoursAgo(26), Maximum: 0 }] }).resolvesOnce({ Datapoints: [] });
        expect(await runAction({ action: "watchdog" }, clients, CONFIG, NOW)).toEqual({ secondsSinceSuccess: 50 * 3600 });
        expect(await runAction({ action: "watchdog" }, clients, CONFIG, NOW)).toEqual({ secondsSinceSuccess: WATCHDOG_LOOKBACK_HOURS * 3600 });
        expect(cloudWatch.commandCalls(PutMetricDataCommand)[0].args[0].input.MetricData).toEqual([
            { MetricName: "RestoreDrillSecondsSinceSuccess", Dimensions: [{ Name: "ReplicationGroupId", Value: "orders" }], Timestamp: NOW, Value: 50 * 3600, Unit: "Seconds" },
        ]);
    });
});
