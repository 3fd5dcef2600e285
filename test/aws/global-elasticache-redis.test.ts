import { MockHarness, RecordedResource, promiseOf, unwrapSecret } from "../harness";

const harness = new MockHarness();
let components: typeof import("hardened-redis");

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const network = (suffix: string) => ({ vpcId: `vpc-${suffix}`, subnetIds: [`subnet-${suffix}a`, `subnet-${suffix}b`], allowedSecurityGroupIds: [`sg-${suffix}client`] });
const ARGS = {
    primary: { ...network("use1"), region: "us-east-1", users: [{ name: "orders", role: "readwrite" }, { name: "reports", role: "readonly" }] },
    secondaries: [{ ...network("euw1"), region: "eu-west-1" }],
};

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
});
beforeEach(() => harness.reset());

async function deploy(args: import("hardened-redis").GlobalElastiCacheRedisArgs = ARGS, name = "orders") {
    const global = new components.GlobalElastiCacheRedis(name, args);
    await harness.settle(global);
    return global;
}

const inRegion = (region: string) => (r: RecordedResource) => r.inputs.region === region;

describe("GlobalElastiCacheRedis wiring", () => {
    it("creates a primary, the Global Datastore on it, and a secondary that joins it", async () => {
        const global = await deploy();
        const datastore = harness.one("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup").inputs;
        expect(datastore).toMatchObject({ globalReplicationGroupIdSuffix: "orders", primaryReplicationGroupId: "orders", region: "us-east-1" });
        const groups = Object.fromEntries(harness.ofType(GROUP).map((g) => [g.inputs.region, g.inputs]));
        expect(Object.keys(groups).sort()).toEqual(["eu-west-1", "us-east-1"]);
        expect(groups["us-east-1"]).toMatchObject({ replicationGroupId: "orders", engine: "redis", engineVersion: "7.1", nodeType: "cache.r7g.large", atRestEncryptionEnabled: true, transitEncryptionMode: "required" });
        expect(groups["us-east-1"].globalReplicationGroupId).toBeUndefined();
        expect(groups["eu-west-1"]).toMatchObject({ replicationGroupId: "orders-eu-west-1", globalReplicationGroupId: "ldgnf-orders", numCacheClusters: 2, automaticFailoverEnabled: true });
        expect(await promiseOf(global.globalReplicationGroupId)).toBe("ldgnf-orders");
    });

    it("sends a secondary nothing it inherits: engine, version, node type, port, parameter group, encryption flags", async () => {
        await deploy();
        const secondary = harness.ofType(GROUP).find(inRegion("eu-west-1"))!.inputs;
        for (const inherited of ["engine", "engineVersion", "nodeType", "port", "parameterGroupName", "atRestEncryptionEnabled", "transitEncryptionEnabled", "transitEncryptionMode"]) {
            expect([inherited, secondary[inherited]]).toEqual([inherited, undefined]);
        }
        expect(harness.ofType("aws:elasticache/parameterGroup:ParameterGroup").map((p) => p.inputs.region)).toEqual(["us-east-1"]);
    });

    it("gives each region its own security group, subnet group, key, alarms and user group", async () => {
        await deploy();
        for (const region of ["us-east-1", "eu-west-1"]) {
            const sg = harness.ofType("aws:ec2/securityGroup:SecurityGroup").filter(inRegion(region));
            expect(sg).toHaveLength(1);
            expect(harness.ofType("aws:elasticache/subnetGroup:SubnetGroup").filter(inRegion(region))).toHaveLength(1);
            expect(harness.ofType("aws:kms/key:Key").filter(inRegion(region))).toHaveLength(1);
            expect(harness.ofType("aws:elasticache/userGroup:UserGroup").filter(inRegion(region))).toHaveLength(1);
        }
        const secondaryGroup = harness.ofType(GROUP).find(inRegion("eu-west-1"))!.inputs;
        expect(secondaryGroup.kmsKeyId).toBe("arn:aws:kms:eu-west-1:123456789012:key/orders-eu-west-1-key");
        expect(secondaryGroup.securityGroupIds).toEqual(["sg-orders-eu-west-1-sg"]);
        const dimensions = harness.ofType("aws:cloudwatch/metricAlarm:MetricAlarm").filter(inRegion("eu-west-1")).map((a) => a.inputs.dimensions.CacheClusterId);
        expect([...new Set(dimensions)].sort()).toEqual(["orders-eu-west-1-001", "orders-eu-west-1-002"]);
    });

    it("gives every user the same generated password in every region", async () => {
        await deploy();
        const passwordsByUser: Record<string, Set<string>> = {};
        for (const user of harness.ofType("aws:elasticache/user:User").filter((u) => u.inputs.userName !== "default")) {
            const [password] = unwrapSecret(user.inputs.authenticationMode).passwords;
            (passwordsByUser[user.inputs.userName] ??= new Set()).add(password);
        }
        expect(Object.keys(passwordsByUser).sort()).toEqual(["orders", "reports"]);
        expect(Object.values(passwordsByUser).map((set) => set.size)).toEqual([1, 1]);
        expect(harness.ofType("random:index/randomPassword:RandomPassword").filter((p) => p.name.startsWith("orders-orders") || p.name === "orders-reports-password")).toHaveLength(2);
    });

    it("replicates the primary's secrets to the secondary region with that region's key, and keeps per-region secrets", async () => {
        await deploy();
        const secrets = harness.ofType("aws:secretsmanager/secret:Secret");
        const primarySecrets = secrets.filter(inRegion("us-east-1"));
        expect(primarySecrets).toHaveLength(2);
        for (const secret of primarySecrets) {
            expect(secret.inputs.replicas).toEqual([{ region: "eu-west-1", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/orders-eu-west-1-key" }]);
        }
        const secondarySecrets = secrets.filter(inRegion("eu-west-1"));
        expect(secondarySecrets).toHaveLength(2);
        const version = harness.ofType("aws:secretsmanager/secretVersion:SecretVersion").find((v) => v.name === "orders-eu-west-1-orders-credentials")!;
        expect(JSON.parse(unwrapSecret(version.inputs.secretString)).readerHost).toBe("replica.orders-eu-west-1.abc123.eu-west-1.cache.amazonaws.com");
    });

    it("exports only from the primary, and reports reader endpoints by region", async () => {
        const global = await deploy({ ...ARGS, secondaries: [...ARGS.secondaries, { ...network("usw2"), region: "us-west-2", numCacheClusters: 3 }] });
        expect(harness.ofType("aws:s3/bucket:Bucket").map((b) => b.inputs.region)).toEqual(["us-east-1"]);
        expect(harness.ofType(GROUP).find(inRegion("us-west-2"))!.inputs.numCacheClusters).toBe(3);
        expect(await promiseOf(global.readerEndpoints)).toEqual({
            "us-east-1": "replica.orders.abc123.us-east-1.cache.amazonaws.com",
            "eu-west-1": "replica.orders-eu-west-1.abc123.eu-west-1.cache.amazonaws.com",
            "us-west-2": "replica.orders-us-west-2.abc123.us-west-2.cache.amazonaws.com",
        });
        const replicaRegions = harness.ofType("aws:secretsmanager/secret:Secret").filter(inRegion("us-east-1"))[0].inputs.replicas.map((r: { region: string }) => r.region);
        expect(replicaRegions).toEqual(["eu-west-1", "us-west-2"]);
    });
});

describe("GlobalElastiCacheRedis constraints", () => {
    const secondary = { ...network("euw1"), region: "eu-west-1" };
    const cases: [string, any, RegExp][] = [
        ["no secondary", { ...ARGS, secondaries: [] }, /GlobalElastiCacheRedis "g": secondaries has 0 entries\. Allowed: 1 or 2 secondaries/],
        [
            "three secondaries",
            { ...ARGS, secondaries: ["eu-west-1", "us-west-2", "ap-southeast-1"].map((region) => ({ ...secondary, region })) },
            /secondaries has 3 entries\. Allowed: 1 or 2 secondaries: a Global Datastore replicates to at most two other regions/,
        ],
        ["a secondary in the primary's region", { ...ARGS, secondaries: [{ ...secondary, region: "us-east-1" }] }, /secondaries\[0\]\.region "us-east-1" is already used/],
        ["two secondaries in one region", { ...ARGS, secondaries: [secondary, secondary] }, /secondaries\[1\]\.region "eu-west-1" is already used/],
        ["a secondary engine", { ...ARGS, secondaries: [{ ...secondary, engine: "valkey" }] }, /secondaries\[0\]\.engine is set, but a secondary inherits it from the primary\. Allowed: leave it out, and set primary\.engine instead/],
        ["a secondary engine version", { ...ARGS, secondaries: [{ ...secondary, engineVersion: "7.0" }] }, /secondaries\[0\]\.engineVersion is set, but a secondary inherits it/],
        ["a secondary node type", { ...ARGS, secondaries: [{ ...secondary, nodeType: "cache.r7g.xlarge" }] }, /secondaries\[0\]\.nodeType is set, but a secondary inherits it/],
        ["a secondary parameter group", { ...ARGS, secondaries: [{ ...secondary, parameterGroupName: "custom" }] }, /secondaries\[0\]\.parameterGroupName is set/],
        ["a secondary eviction policy", { ...ARGS, secondaries: [{ ...secondary, maxmemoryPolicy: "allkeys-lru" }] }, /secondaries\[0\]\.maxmemoryPolicy is set/],
        ["secondary encryption at rest", { ...ARGS, secondaries: [{ ...secondary, atRestEncryptionEnabled: true }] }, /secondaries\[0\]\.atRestEncryptionEnabled is set/],
        ["secondary encryption in transit", { ...ARGS, secondaries: [{ ...secondary, transitEncryptionEnabled: true }] }, /secondaries\[0\]\.transitEncryptionEnabled is set/],
        ["a burstable node", { ...ARGS, primary: { ...ARGS.primary, nodeType: "cache.t4g.medium" } }, /primary\.nodeType is "cache\.t4g\.medium", which Global Datastore does not support\. Allowed: a large or bigger node of the m5, m6g, m7g, r5, r6g, r6gd, r7g, c7gn families/],
        ["a previous-generation node", { ...ARGS, primary: { ...ARGS.primary, nodeType: "cache.r4.large" } }, /primary\.nodeType is "cache\.r4\.large", which Global Datastore does not support/],
        ["HA off", { ...ARGS, primary: { ...ARGS.primary, highAvailability: false, numCacheClusters: 1 } }, /primary\.highAvailability is false\. Allowed: true/],
        ["a restore on the primary", { ...ARGS, primary: { ...ARGS.primary, restoreFrom: { snapshotName: "s" } } }, /primary\.restoreFrom is set/],
        ["no primary region", { ...ARGS, primary: { ...ARGS.primary, region: undefined } }, /primary\.region is not set/],
        ["a bad primary argument", { ...ARGS, primary: { ...ARGS.primary, snapshotRetentionDays: 0 } }, /ElastiCacheRedis "g-us-east-1": snapshotRetentionDays is 0/],
        ["a bad secondary size", { ...ARGS, secondaries: [{ ...secondary, numCacheClusters: 9 }] }, /ElastiCacheRedis "g-eu-west-1": numCacheClusters is 9/],
        ["a public CIDR in a secondary", { ...ARGS, secondaries: [{ ...secondary, allowedCidrBlocks: ["0.0.0.0/0"] }] }, /ElastiCacheRedis "g-eu-west-1": allowedCidrBlocks\[0\] "0\.0\.0\.0\/0" is public/],
    ];

    it.each(cases)("refuses %s before creating anything", (_, args, message) => {
        expect(() => new components.GlobalElastiCacheRedis("g", args)).toThrow(message);
        expect(harness.resources).toEqual([]);
    });
});
