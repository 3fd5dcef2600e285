import { validateElastiCacheRedisArgs } from "../../components/aws/elasticache-redis-settings";
import { memberClusterIds } from "../../components/aws/topology";
import { MockHarness, RecordedResource, mockPassword, promiseOf, unwrapSecret } from "../support/harness";

const harness = new MockHarness();
let components: typeof import("hardened-redis");

const BASE_ARGS = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-a", "subnet-b"], allowedSecurityGroupIds: ["sg-0client"] };
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/**
 * Inputs of aws.elasticache.ReplicationGroup whose change replaces the group: ForceNew in the Terraform AWS
 * provider that @pulumi/aws bridges (internal/service/elasticache/replication_group.go), among the inputs this
 * component sends. numNodeGroups and replicasPerNodeGroup are not among them: the provider reshards and
 * adds or removes replicas with ModifyReplicationGroupShardConfiguration and Increase/DecreaseReplicaCount.
 */
const REPLACING_INPUTS = [
    "replicationGroupId",
    "port",
    "subnetGroupName",
    "kmsKeyId",
    "atRestEncryptionEnabled",
    "engine",
    "snapshotArns",
    "snapshotName",
];

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
});
beforeEach(() => harness.reset());

async function deploy(args: Partial<import("hardened-redis").ElastiCacheRedisArgs> = {}, name = "orders") {
    const cache = new components.ElastiCacheRedis(name, { ...BASE_ARGS, ...args });
    await harness.settle(cache);
    return cache;
}

/** The resources of one deployment, by URN, to compare with the next one as the engine would. */
async function plan(args: Partial<import("hardened-redis").ElastiCacheRedisArgs>): Promise<Map<string, RecordedResource>> {
    harness.reset();
    await deploy(args);
    return new Map(harness.resources.map((r) => [`${r.type}::${r.name}`, r]));
}

function changedInputs(before: RecordedResource, after: RecordedResource): string[] {
    const keys = new Set([...Object.keys(before.inputs), ...Object.keys(after.inputs)]);
    return [...keys].filter((key) => JSON.stringify(before.inputs[key]) !== JSON.stringify(after.inputs[key])).sort();
}

describe("ElastiCacheRedis in cluster mode", () => {
    it("runs the shards with cluster mode enabled, automatic failover and Multi-AZ, and no numCacheClusters", async () => {
        await deploy({ shards: 3, replicasPerShard: 2 });
        const group = harness.one(GROUP).inputs;
        expect(group).toMatchObject({
            numNodeGroups: 3,
            replicasPerNodeGroup: 2,
            automaticFailoverEnabled: true,
            multiAzEnabled: true,
            transitEncryptionMode: "required",
            atRestEncryptionEnabled: true,
        });
        expect(group.numCacheClusters).toBeUndefined();
        const params = harness.one("aws:elasticache/parameterGroup:ParameterGroup").inputs;
        expect(params).toMatchObject({ name: "orders-redis7-cluster-on", family: "redis7" });
        expect(params.parameters).toEqual([
            { name: "maxmemory-policy", value: "volatile-lru" },
            { name: "cluster-enabled", value: "yes" },
        ]);
    });

    it("defaults to one replica per shard", async () => {
        await deploy({ shards: 2 });
        expect(harness.one(GROUP).inputs).toMatchObject({ numNodeGroups: 2, replicasPerNodeGroup: 1 });
    });

    it("keeps automatic failover on without replicas (cluster mode requires it) and turns Multi-AZ off", async () => {
        await deploy({ shards: 4, replicasPerShard: 0, highAvailability: false });
        expect(harness.one(GROUP).inputs).toMatchObject({
            numNodeGroups: 4,
            replicasPerNodeGroup: 0,
            automaticFailoverEnabled: true,
            multiAzEnabled: false,
        });
        // Without replicas nothing publishes ReplicationLag.
        expect(harness.ofType(ALARM).map((a) => a.inputs.metricName)).not.toContain("ReplicationLag");
    });

    it("names the members <group>-<shard>-<node> and alarms on every one of them", async () => {
        const cache = await deploy({ shards: 2, replicasPerShard: 1 });
        const members = ["orders-0001-001", "orders-0001-002", "orders-0002-001", "orders-0002-002"];
        expect(await promiseOf(cache.memberClusterIds)).toEqual(members);
        const cpu = harness.ofType(ALARM).filter((a) => a.inputs.metricName === "EngineCPUUtilization");
        expect(cpu.map((a) => a.inputs.dimensions)).toEqual(members.map((id) => ({ CacheClusterId: id })));
        expect(
            harness
                .ofType(ALARM)
                .filter((a) => a.inputs.metricName === "ReplicationLag")
                .map((a) => a.inputs.name),
        ).toEqual(members.map((id) => `${id}-ReplicationLag`));
    });

    it("draws one line per node on the dashboard, labelled by shard", async () => {
        await deploy({ shards: 2, replicasPerShard: 1 });
        const body = JSON.parse(harness.one("aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
        const memory = body.widgets.find((w: any) => w.properties.title === "orders: Memory used (% of maxmemory)");
        expect(memory.properties.metrics.map((m: any[]) => [m[3], m[4].label])).toEqual([
            ["orders-0001-001", "shard 0001: orders-0001-001"],
            ["orders-0001-002", "shard 0001: orders-0001-002"],
            ["orders-0002-001", "shard 0002: orders-0002-001"],
            ["orders-0002-002", "shard 0002: orders-0002-002"],
        ]);
    });

    it("publishes the configuration endpoint as an output and in every user's secret, the restore drill's users included", async () => {
        const cache = await deploy({
            shards: 2,
            users: [
                { name: "app", role: "readwrite" },
                { name: "ro", role: "readonly" },
            ],
        });
        const endpoint = "clustercfg.orders.abc123.us-east-1.cache.amazonaws.com";
        expect(await promiseOf(cache.configurationEndpointAddress)).toBe(endpoint);
        const secrets = harness
            .ofType("aws:secretsmanager/secretVersion:SecretVersion")
            .map((v) => JSON.parse(unwrapSecret(v.inputs.secretString)));
        expect(secrets.sort((a, b) => a.username.localeCompare(b.username))).toEqual(
            ["app", "restore-canary", "restore-drill", "ro"].map((user) => ({
                username: user,
                password: mockPassword(`orders-${user}-password`),
                host: endpoint,
                readerHost: endpoint,
                configurationEndpoint: endpoint,
                port: 6380,
                tls: true,
                cluster: true,
            })),
        );
    });

    it("has no configuration endpoint without cluster mode", async () => {
        const cache = await deploy();
        expect(await promiseOf(cache.configurationEndpointAddress)).toBeUndefined();
    });

    it("keeps RBAC, logs, backups and the snapshot export unchanged", async () => {
        await deploy({ shards: 3 });
        const group = harness.one(GROUP).inputs;
        expect(group.userGroupIds).toEqual(["orders-users"]);
        expect(group.logDeliveryConfigurations.map((d: any) => d.logType)).toEqual(["slow-log", "engine-log"]);
        expect(group).toMatchObject({ snapshotRetentionLimit: 7, snapshotWindow: "03:00-05:00" });
        const exporter = harness.one("aws:lambda/function:Function", "orders-export").inputs;
        expect(exporter.environment.variables).toMatchObject({ REPLICATION_GROUP_ID: "orders" });
        // Restore drills are on in cluster mode too, with their two users.
        expect(
            harness
                .ofType("aws:elasticache/user:User")
                .map((u) => u.inputs.userName)
                .sort(),
        ).toEqual(["app", "default", "restore-canary", "restore-drill"]);
    });

    it("restores a sharded group from the files of one export, one per shard", async () => {
        const files = ["0001", "0002"].map((shard) => `arn:aws:s3:::exports/orders-20250310-031405-${shard}.rdb`);
        await deploy({ shards: 2, restoreFrom: { snapshotArns: files } });
        expect(harness.one(GROUP).inputs.snapshotArns).toEqual(files);
    });
});

describe("scaling a cluster-mode group", () => {
    it.each([
        ["adding a shard", { shards: 2, replicasPerShard: 1 }, { shards: 3, replicasPerShard: 1 }, ["numNodeGroups"], 2],
        ["adding a replica per shard", { shards: 2, replicasPerShard: 1 }, { shards: 2, replicasPerShard: 2 }, ["replicasPerNodeGroup"], 2],
        ["removing a shard", { shards: 3, replicasPerShard: 1 }, { shards: 2, replicasPerShard: 1 }, ["numNodeGroups"], -2],
    ])("%s updates the group in place and moves the alarms to the new members", async (_, from, to, changed, addedNodes) => {
        const before = await plan(from);
        const after = await plan(to);
        const key = `${GROUP}::orders-group`;
        const diff = changedInputs(before.get(key)!, after.get(key)!);
        expect(diff).toEqual(changed);
        expect(diff.filter((input) => REPLACING_INPUTS.includes(input))).toEqual([]);
        // The final snapshot name changes only with a replacement; it stays the same.
        expect(after.get(`random:index/randomId:RandomId::orders-final-snapshot-suffix`)!.inputs).toEqual(
            before.get(`random:index/randomId:RandomId::orders-final-snapshot-suffix`)!.inputs,
        );
        const alarmed = (resources: Map<string, RecordedResource>) =>
            new Set(
                [...resources.values()]
                    .filter((r) => r.type === ALARM && r.inputs.metricName === "EngineCPUUtilization")
                    .map((r) => r.inputs.dimensions.CacheClusterId),
            );
        const added = [...alarmed(after)].filter((id) => !alarmed(before).has(id));
        const removed = [...alarmed(before)].filter((id) => !alarmed(after).has(id));
        expect(added.length - removed.length).toBe(addedNodes);
        expect(alarmed(after)).toEqual(
            new Set(memberClusterIds("orders", { clusterMode: true, shards: to.shards, replicasPerShard: to.replicasPerShard })),
        );
    });
});

describe("cluster-mode arguments", () => {
    it.each([
        [
            "numCacheClusters with shards",
            { shards: 2, numCacheClusters: 3 },
            /numCacheClusters is set together with shards\. Allowed: one of the two/,
        ],
        [
            "replicasPerShard without shards",
            { replicasPerShard: 2 },
            /replicasPerShard is set without shards\. Allowed: leave it out, or set shards/,
        ],
        ["no shards", { shards: 0 }, /shards is 0\. Allowed: a whole number from 1 to 500/],
        [
            "501 shards",
            { shards: 501, replicasPerShard: 0, highAvailability: false },
            /shards is 501\. Allowed: a whole number from 1 to 500/,
        ],
        ["a fractional shard count", { shards: 2.5 }, /shards is 2\.5\. Allowed: a whole number from 1 to 500/],
        ["six replicas per shard", { shards: 2, replicasPerShard: 6 }, /replicasPerShard is 6\. Allowed: a whole number from 0 to 5/],
        [
            "no replicas with high availability",
            { shards: 2, replicasPerShard: 0 },
            /replicasPerShard is 0 while highAvailability is on\. Allowed: 1 to 5: Multi-AZ needs a replica in every shard/,
        ],
        [
            "more nodes than the quota",
            { shards: 100, replicasPerShard: 5 },
            /shards × \(1 \+ replicasPerShard\) is 600 nodes\. Allowed: at most 500 nodes per cluster/,
        ],
        [
            "more export files than shards",
            { shards: 2, restoreFrom: { snapshotArns: ["a", "b", "c"].map((s) => `arn:aws:s3:::x/${s}.rdb`) } },
            /restoreFrom\.snapshotArns has 3 entries\. Allowed: 1 to 2 \.rdb files/,
        ],
    ])("refuses %s", (_, args, message) => {
        expect(() => new components.ElastiCacheRedis("orders", { ...BASE_ARGS, ...args } as any)).toThrow(message);
    });

    it("accepts exactly the node quota", () => {
        // The checks alone: a group of 500 nodes would register thousands of alarms under the mocks.
        expect(validateElastiCacheRedisArgs("orders", { ...BASE_ARGS, shards: 250, replicasPerShard: 1 }).topology).toEqual({
            clusterMode: true,
            shards: 250,
            replicasPerShard: 1,
        });
    });
});

describe("GlobalElastiCacheRedis with a cluster-mode primary", () => {
    const network = (suffix: string) => ({
        vpcId: `vpc-0${suffix}`,
        subnetIds: [`subnet-${suffix}a`, `subnet-${suffix}b`],
        allowedSecurityGroupIds: [`sg-${suffix}`],
    });

    it("gives every member the primary's shard count, and the datastore the cluster-mode parameters", async () => {
        const global = new components.GlobalElastiCacheRedis("orders", {
            primary: { ...network("use1"), region: "us-east-1", shards: 3, replicasPerShard: 1 },
            secondaries: [{ ...network("euw1"), region: "eu-west-1" }],
        });
        await harness.settle(global);
        const groups = Object.fromEntries(harness.ofType(GROUP).map((g) => [g.inputs.region, g.inputs]));
        expect(groups["us-east-1"]).toMatchObject({ numNodeGroups: 3, replicasPerNodeGroup: 1 });
        // A secondary may not send numNodeGroups: it takes the primary's shards through the datastore.
        expect(groups["eu-west-1"]).toMatchObject({ replicasPerNodeGroup: 1, globalReplicationGroupId: "ldgnf-orders" });
        expect(groups["eu-west-1"].numNodeGroups).toBeUndefined();
        expect(groups["eu-west-1"].numCacheClusters).toBeUndefined();
        expect(await promiseOf(global.secondaries["eu-west-1"].memberClusterIds)).toHaveLength(6);
        const datastoreParams = harness
            .ofType("aws:elasticache/parameterGroup:ParameterGroup")
            .find((p) => p.name === "orders-datastore-params")!.inputs;
        expect(datastoreParams.parameters).toContainEqual({ name: "cluster-enabled", value: "yes" });
    });

    it("refuses a secondary numCacheClusters with a cluster-mode primary", () => {
        expect(
            () =>
                new components.GlobalElastiCacheRedis("orders", {
                    primary: { ...network("use1"), region: "us-east-1", shards: 2 },
                    secondaries: [{ ...network("euw1"), region: "eu-west-1", numCacheClusters: 3 }],
                }),
        ).toThrow(/secondaries\[0\]\.numCacheClusters is set while the primary runs in cluster mode\. Allowed: leave it out/);
    });
});
