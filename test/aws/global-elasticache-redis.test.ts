import * as pulumi from "@pulumi/pulumi";
import { createHash } from "node:crypto";
import * as member from "../../components/aws/elasticache-redis-settings";
import {
    GLOBAL_ELASTICACHE_REDIS_ARG_NAMES,
    GLOBAL_SECONDARY_ARG_NAMES,
    validateGlobalElastiCacheRedisArgs,
} from "../../components/aws/global-elasticache-redis-settings";
import { MockHarness, RecordedResource, promiseOf, unwrapSecret } from "../support/harness";
import { ELASTICACHE_PASSWORD_INPUTS } from "../support/password-inputs";

const harness = new MockHarness();
let components: typeof import("hardened-redis");
let datastore: typeof import("../../components/aws/global-elasticache-redis");

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const DATASTORE = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";
const PARAMETER_GROUP = "aws:elasticache/parameterGroup:ParameterGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const LAG = "GlobalDatastoreReplicationLag";
const network = (suffix: string) => ({
    vpcId: `vpc-${suffix}`,
    subnetIds: [`subnet-${suffix}a`, `subnet-${suffix}b`],
    allowedSecurityGroupIds: [`sg-${suffix}client`],
});
const ARGS = {
    primary: {
        ...network("use1"),
        region: "us-east-1",
        users: [
            { name: "orders", role: "readwrite" },
            { name: "reports", role: "readonly" },
        ],
    },
    secondaries: [{ ...network("euw1"), region: "eu-west-1" }],
} satisfies import("hardened-redis").GlobalElastiCacheRedisArgs;

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
    // The datastore helpers are internal, so not in the package's entry; loaded once the mocks are in.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    datastore = require("../../components/aws/global-elasticache-redis");
});
beforeEach(() => harness.reset());

async function deploy(
    args: import("hardened-redis").GlobalElastiCacheRedisArgs = ARGS,
    name = "orders",
    opts?: import("@pulumi/pulumi").ComponentResourceOptions,
) {
    const global = new components.GlobalElastiCacheRedis(name, args, opts);
    await harness.settle(global);
    return global;
}

const inRegion = (region: string) => (r: RecordedResource) => r.inputs.region === region;

describe("GlobalElastiCacheRedis wiring", () => {
    it("creates a primary, the Global Datastore on it, and a secondary that joins it", async () => {
        const global = await deploy();
        const datastore = harness.one("aws:elasticache/globalReplicationGroup:GlobalReplicationGroup").inputs;
        expect(datastore).toMatchObject({
            globalReplicationGroupIdSuffix: "orders",
            primaryReplicationGroupId: "orders",
            region: "us-east-1",
        });
        const groups = Object.fromEntries(harness.ofType(GROUP).map((g) => [g.inputs.region, g.inputs]));
        expect(Object.keys(groups).sort()).toEqual(["eu-west-1", "us-east-1"]);
        expect(groups["us-east-1"]).toMatchObject({
            replicationGroupId: "orders",
            engine: "redis",
            engineVersion: "7.1",
            nodeType: "cache.r7g.large",
            atRestEncryptionEnabled: true,
            transitEncryptionMode: "required",
        });
        expect(groups["us-east-1"].globalReplicationGroupId).toBeUndefined();
        expect(groups["eu-west-1"]).toMatchObject({
            replicationGroupId: "orders-eu-west-1",
            globalReplicationGroupId: "ldgnf-orders",
            numCacheClusters: 2,
            automaticFailoverEnabled: true,
        });
        expect(await promiseOf(global.globalReplicationGroupId)).toBe("ldgnf-orders");
    });

    it("sends a secondary nothing it inherits: engine, version, node type, port, parameter group, encryption flags", async () => {
        await deploy();
        const secondary = harness.ofType(GROUP).find(inRegion("eu-west-1"))!.inputs;
        for (const inherited of [
            "engine",
            "engineVersion",
            "nodeType",
            "port",
            "parameterGroupName",
            "atRestEncryptionEnabled",
            "transitEncryptionEnabled",
            "transitEncryptionMode",
        ]) {
            expect([inherited, secondary[inherited]]).toEqual([inherited, undefined]);
        }
        // The primary's own group and the datastore's group; a secondary has none of its own.
        expect(harness.ofType("aws:elasticache/parameterGroup:ParameterGroup").map((p) => p.inputs.region)).toEqual([
            "us-east-1",
            "us-east-1",
        ]);
    });

    it("gives each region its own security group, subnet group, key, alarms and user group", async () => {
        await deploy();
        for (const region of ["us-east-1", "eu-west-1"]) {
            // The primary also has its restore drill functions' group, which the secondary (no drills) has not.
            const sg = harness
                .ofType("aws:ec2/securityGroup:SecurityGroup")
                .filter(inRegion(region))
                .filter((g) => !g.name.endsWith("-restore-drill-sg"));
            expect(sg).toHaveLength(1);
            expect(harness.ofType("aws:elasticache/subnetGroup:SubnetGroup").filter(inRegion(region))).toHaveLength(1);
            expect(harness.ofType("aws:kms/key:Key").filter(inRegion(region))).toHaveLength(1);
            expect(harness.ofType("aws:elasticache/userGroup:UserGroup").filter(inRegion(region))).toHaveLength(1);
        }
        const secondaryGroup = harness.ofType(GROUP).find(inRegion("eu-west-1"))!.inputs;
        expect(secondaryGroup.kmsKeyId).toBe("arn:aws:kms:eu-west-1:123456789012:key/orders-eu-west-1-key");
        expect(secondaryGroup.securityGroupIds).toEqual(["sg-orders-eu-west-1-sg"]);
        const dimensions = harness
            .ofType("aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter(inRegion("eu-west-1"))
            .map((a) => a.inputs.dimensions.CacheClusterId);
        expect([...new Set(dimensions)].sort()).toEqual(["orders-eu-west-1-001", "orders-eu-west-1-002"]);
    });

    it("gives every user the same generated password in every region", async () => {
        await deploy();
        const passwordsByUser: Record<string, Set<string>> = {};
        // The restore drill's users exist on the primary only, with passwords of their own.
        for (const user of harness
            .ofType("aws:elasticache/user:User")
            .filter((u) => !["default", "restore-canary", "restore-drill"].includes(u.inputs.userName))) {
            const [password] = unwrapSecret(user.inputs.authenticationMode).passwords;
            (passwordsByUser[user.inputs.userName] ??= new Set()).add(password);
        }
        expect(Object.keys(passwordsByUser).sort()).toEqual(["orders", "reports"]);
        expect(Object.values(passwordsByUser).map((set) => set.size)).toEqual([1, 1]);
        expect(
            harness
                .ofType("random:index/randomPassword:RandomPassword")
                .filter((p) => p.name.startsWith("orders-orders") || p.name === "orders-reports-password"),
        ).toHaveLength(2);
    });

    it("generates the shared passwords under ElastiCache's password policy, with the inputs deployed datastores have", async () => {
        await deploy();
        const shared = harness
            .ofType("random:index/randomPassword:RandomPassword")
            .filter((p) => ["orders-orders-password", "orders-reports-password"].includes(p.name));
        expect(shared.map((p) => p.inputs)).toEqual([0, 1].map(() => ELASTICACHE_PASSWORD_INPUTS));
    });

    it("replicates the primary's secrets to the secondary region with that region's key, and keeps per-region secrets", async () => {
        await deploy();
        // The restore drill's secrets are read in the primary's region only, by its functions.
        const secrets = harness
            .ofType("aws:secretsmanager/secret:Secret")
            .filter((secret) => !/-restore-(canary|drill)-credentials$/.test(secret.name));
        const primarySecrets = secrets.filter(inRegion("us-east-1"));
        expect(primarySecrets).toHaveLength(2);
        for (const secret of primarySecrets) {
            expect(secret.inputs.replicas).toEqual([
                { region: "eu-west-1", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/orders-eu-west-1-key" },
            ]);
        }
        const secondarySecrets = secrets.filter(inRegion("eu-west-1"));
        expect(secondarySecrets).toHaveLength(2);
        const version = harness
            .ofType("aws:secretsmanager/secretVersion:SecretVersion")
            .find((v) => v.name === "orders-eu-west-1-orders-credentials")!;
        expect(JSON.parse(unwrapSecret(version.inputs.secretString)).readerHost).toBe(
            "replica.orders-eu-west-1.abc123.eu-west-1.cache.amazonaws.com",
        );
    });

    it("exports only from the primary, and reports reader endpoints by region", async () => {
        const global = await deploy({
            ...ARGS,
            secondaries: [...ARGS.secondaries, { ...network("usw2"), region: "us-west-2", numCacheClusters: 3 }],
        });
        expect(harness.ofType("aws:s3/bucket:Bucket").map((b) => b.inputs.region)).toEqual(["us-east-1"]);
        expect(harness.ofType(GROUP).find(inRegion("us-west-2"))!.inputs.numCacheClusters).toBe(3);
        expect(await promiseOf(global.readerEndpoints)).toEqual({
            "us-east-1": "replica.orders.abc123.us-east-1.cache.amazonaws.com",
            "eu-west-1": "replica.orders-eu-west-1.abc123.eu-west-1.cache.amazonaws.com",
            "us-west-2": "replica.orders-us-west-2.abc123.us-west-2.cache.amazonaws.com",
        });
        const appSecret = harness
            .ofType("aws:secretsmanager/secret:Secret")
            .filter(inRegion("us-east-1"))
            .find((secret) => !/-restore-(canary|drill)-credentials$/.test(secret.name))!;
        const replicaRegions = appSecret.inputs.replicas.map((r: { region: string }) => r.region);
        expect(replicaRegions).toEqual(["eu-west-1", "us-west-2"]);
    });
});

describe("GlobalElastiCacheRedis cross-region lag alarm", () => {
    const lagAlarms = () => harness.ofType(ALARM).filter((a) => a.inputs.metricName === LAG);
    const twoSecondaries = {
        ...ARGS,
        secondaries: [...ARGS.secondaries, { ...network("usw2"), region: "us-west-2", numCacheClusters: 3 }],
    };

    it("alarms GlobalDatastoreReplicationLag on every node of each secondary, to that secondary's encrypted topic", async () => {
        await deploy(twoSecondaries);
        const expected = (region: string, members: string[]) =>
            members.map((member) => ({
                type: ALARM,
                name: `orders-${region}-${member}-${LAG}`,
                inputs: expect.objectContaining({
                    name: `${member}-${LAG}`,
                    namespace: "AWS/ElastiCache",
                    metricName: LAG,
                    dimensions: { CacheClusterId: member },
                    statistic: "Average",
                    period: 60,
                    evaluationPeriods: 5,
                    datapointsToAlarm: 5,
                    comparisonOperator: "GreaterThanThreshold",
                    threshold: 5,
                    treatMissingData: "notBreaching",
                    actionsEnabled: true,
                    alarmActions: [`arn:aws:sns:${region}:123456789012:orders-${region}-notifications`],
                    okActions: [`arn:aws:sns:${region}:123456789012:orders-${region}-notifications`],
                    region,
                }),
            }));
        expect(lagAlarms().map(({ type, name, inputs }) => ({ type, name, inputs }))).toEqual([
            ...expected("eu-west-1", ["orders-eu-west-1-001", "orders-eu-west-1-002"]),
            ...expected("us-west-2", ["orders-us-west-2-001", "orders-us-west-2-002", "orders-us-west-2-003"]),
        ]);
        for (const region of ["eu-west-1", "us-west-2"]) {
            const topic = harness.one("aws:sns/topic:Topic", `orders-${region}-notifications`).inputs;
            expect(topic).toMatchObject({ region, kmsMasterKeyId: `arn:aws:kms:${region}:123456789012:key/orders-${region}-key` });
        }
    });

    it("puts none on the primary, which publishes no cross-region lag", async () => {
        const global = await deploy(twoSecondaries);
        expect(
            harness
                .ofType(ALARM)
                .filter(inRegion("us-east-1"))
                .map((a) => a.inputs.metricName),
        ).not.toContain(LAG);
        expect(await promiseOf(global.primary.alarmNames)).not.toContainEqual(expect.stringContaining(LAG));
        expect(await promiseOf(global.secondaries["eu-west-1"].alarmNames)).toEqual(
            expect.arrayContaining([
                "orders-eu-west-1-001-GlobalDatastoreReplicationLag",
                "orders-eu-west-1-002-GlobalDatastoreReplicationLag",
            ]),
        );
    });

    it("takes the threshold in seconds from primary.alarms.thresholds, and is switched off by primary.alarms.disabled", async () => {
        await deploy({ ...ARGS, primary: { ...ARGS.primary, alarms: { thresholds: { GlobalDatastoreReplicationLag: 30 } } } });
        expect(lagAlarms().map((a) => [a.inputs.dimensions.CacheClusterId, a.inputs.threshold])).toEqual([
            ["orders-eu-west-1-001", 30],
            ["orders-eu-west-1-002", 30],
        ]);
        harness.reset();
        await deploy({ ...ARGS, primary: { ...ARGS.primary, alarms: { disabled: ["GlobalDatastoreReplicationLag"] } } });
        expect(lagAlarms()).toEqual([]);
        expect(harness.ofType(ALARM).filter(inRegion("eu-west-1")).length).toBeGreaterThan(0);
    });

    it("graphs the lag on the secondaries' dashboards only", async () => {
        await deploy();
        const graphed = (region: string) =>
            JSON.parse(harness.ofType("aws:cloudwatch/dashboard:Dashboard").find(inRegion(region))!.inputs.dashboardBody).widgets.map(
                (w: any) => w.properties.metrics[0][1],
            );
        expect(graphed("eu-west-1")).toContain(LAG);
        expect(graphed("us-east-1")).not.toContain(LAG);
    });

    it.each([
        [
            "a negative threshold",
            -1,
            /^ElastiCacheRedis "g-us-east-1": alarms\.thresholds\.GlobalDatastoreReplicationLag is -1\. Allowed: a number of seconds, 0 or more\.$/,
        ],
        [
            "a threshold with a unit",
            "5s",
            /ElastiCacheRedis "g-us-east-1": alarms\.thresholds\.GlobalDatastoreReplicationLag is 5s\. Allowed: a number of seconds, 0 or more\./,
        ],
        [
            "an infinite threshold",
            Infinity,
            /ElastiCacheRedis "g-us-east-1": alarms\.thresholds\.GlobalDatastoreReplicationLag is Infinity\./,
        ],
    ])("refuses %s before creating anything, naming the argument", (_, threshold, message) => {
        const args = { ...ARGS, primary: { ...ARGS.primary, alarms: { thresholds: { GlobalDatastoreReplicationLag: threshold } } } } as any;
        expect(() => new components.GlobalElastiCacheRedis("g", args)).toThrow(components.InvalidArgumentError);
        expect(() => new components.GlobalElastiCacheRedis("g", args)).toThrow(message);
        expect(harness.resources).toEqual([]);
    });
});

describe("GlobalElastiCacheRedis settings the datastore owns", () => {
    const globalGroup = () => harness.one(DATASTORE).inputs;
    const datastoreGroup = () => harness.one(PARAMETER_GROUP, "orders-datastore-params").inputs;
    const hash = (policy: string) => createHash("sha256").update(`maxmemory-policy=${policy}`).digest("hex").slice(0, 8);

    it("sends the primary's engine, version, node type and a parameter group to the GlobalReplicationGroup", async () => {
        await deploy();
        expect(globalGroup()).toMatchObject({
            engine: "redis",
            engineVersion: "7.1",
            cacheNodeType: "cache.r7g.large",
            parameterGroupName: `orders-datastore-redis7-${hash("volatile-lru")}`,
            region: "us-east-1",
        });
        expect(datastoreGroup()).toEqual(
            expect.objectContaining({
                name: `orders-datastore-redis7-${hash("volatile-lru")}`,
                family: "redis7",
                parameters: [{ name: "maxmemory-policy", value: "volatile-lru" }],
                region: "us-east-1",
                description:
                    "Parameters of the orders Global Datastore (maxmemory-policy=volatile-lru), applied with a major engine upgrade",
            }),
        );
        expect(harness.one(DATASTORE).dependencies).toContain(harness.one(PARAMETER_GROUP, "orders-datastore-params").urn);
    });

    it("gives the datastore's group the family and parameters of the primary's own group, which AWS copies when the datastore forms", async () => {
        await deploy({ ...ARGS, primary: { ...ARGS.primary, engine: "valkey", engineVersion: "8.0", maxmemoryPolicy: "allkeys-lfu" } });
        const own = harness.ofType(PARAMETER_GROUP).filter((g) => g.name !== "orders-datastore-params");
        expect(own).toHaveLength(1);
        expect(own[0].inputs.region).toBe("us-east-1");
        expect(harness.one(GROUP, "orders-us-east-1-group").inputs.parameterGroupName).toBe(own[0].inputs.name);
        expect({ family: datastoreGroup().family, parameters: datastoreGroup().parameters }).toEqual({
            family: own[0].inputs.family,
            parameters: own[0].inputs.parameters,
        });
        expect(globalGroup()).toMatchObject({
            engine: "valkey",
            engineVersion: "8.0",
            parameterGroupName: `orders-datastore-valkey8-${hash("allkeys-lfu")}`,
        });
    });

    it("renames the datastore's group when a parameter changes, so that the change reaches the GlobalReplicationGroup", async () => {
        await deploy({ ...ARGS, primary: { ...ARGS.primary, maxmemoryPolicy: "allkeys-lru" } });
        expect(datastoreGroup().parameters).toEqual([{ name: "maxmemory-policy", value: "allkeys-lru" }]);
        expect(globalGroup().parameterGroupName).toBe(`orders-datastore-redis7-${hash("allkeys-lru")}`);
        expect(hash("allkeys-lru")).not.toBe(hash("volatile-lru"));
        const planned = (maxmemoryPolicy: import("hardened-redis").EvictionPolicy) =>
            validateGlobalElastiCacheRedisArgs("orders", { ...ARGS, primary: { ...ARGS.primary, maxmemoryPolicy } }).datastore;
        const names = components.EVICTION_POLICIES.map((policy) => {
            const { family, parameters } = planned(policy);
            expect(parameters).toEqual([{ name: "maxmemory-policy", value: policy }]);
            return datastore.datastoreParameterGroupName("orders", family, parameters);
        });
        expect(new Set(names).size).toBe(components.EVICTION_POLICIES.length);
    });

    it("keeps the name across a minor upgrade and changes it with the family on a major one, as ModifyGlobalReplicationGroup requires", () => {
        const planned = (engine: import("hardened-redis").Engine, engineVersion: string) => {
            const { family, parameters, ...rest } = validateGlobalElastiCacheRedisArgs("orders", {
                ...ARGS,
                primary: { ...ARGS.primary, engine, engineVersion },
            }).datastore;
            return { ...rest, parameterGroupName: datastore.datastoreParameterGroupName("orders", family, parameters) };
        };
        const group = (family: string) => `orders-datastore-${family}-${hash("volatile-lru")}`;
        expect(planned("redis", "7.0")).toEqual({
            engine: "redis",
            engineVersion: "7.0",
            nodeType: "cache.r7g.large",
            parameterGroupName: group("redis7"),
        });
        expect(planned("redis", "7.1")).toEqual({
            engine: "redis",
            engineVersion: "7.1",
            nodeType: "cache.r7g.large",
            parameterGroupName: group("redis7"),
        });
        expect(planned("valkey", "7.2")).toEqual({
            engine: "valkey",
            engineVersion: "7.2",
            nodeType: "cache.r7g.large",
            parameterGroupName: group("valkey7"),
        });
        expect(planned("valkey", "8.0").parameterGroupName).toBe(group("valkey8"));
        expect(planned("valkey", "8.1").parameterGroupName).toBe(group("valkey8"));
    });

    it("names the datastore's group validly, whatever the parameter order", () => {
        const parameters = [
            { name: "maxmemory-policy", value: "noeviction" },
            { name: "notify-keyspace-events", value: "Ex" },
        ];
        const name = datastore.datastoreParameterGroupName("orders-eu", "valkey8", parameters);
        expect(datastore.datastoreParameterGroupName("orders-eu", "valkey8", [...parameters].reverse())).toBe(name);
        expect(datastore.datastoreParameterGroupName("orders-eu", "valkey8", [parameters[0]])).not.toBe(name);
        const longest = datastore.datastoreParameterGroupName("a".repeat(40), "valkey8", parameters);
        const hyphens = datastore.datastoreParameterGroupName("orders--eu-", "valkey8", parameters);
        expect(hyphens).toMatch(/^orders-eu-datastore-valkey8-[0-9a-f]{8}$/);
        for (const candidate of [name, longest, hyphens]) {
            expect(candidate).toMatch(/^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/);
            expect(candidate.length).toBeLessThanOrEqual(255);
        }
    });

    it("names the datastore's group after the datastore, not its primary, so that a promotion swapped into the code keeps it", async () => {
        await deploy({
            ...ARGS,
            primary: { ...ARGS.primary, replicationGroupId: "orders-east" },
            globalReplicationGroupIdSuffix: "orders-gds",
        });
        expect(globalGroup().parameterGroupName).toBe(`orders-gds-datastore-redis7-${hash("volatile-lru")}`);
        const swapped = validateGlobalElastiCacheRedisArgs("orders", {
            primary: { ...ARGS.primary, ...network("euw1"), region: "eu-west-1", replicationGroupId: "orders-east-eu-west-1" },
            secondaries: [{ ...network("use1"), region: "us-east-1" }],
            globalReplicationGroupIdSuffix: "orders-gds",
        });
        expect(datastore.datastoreParameterGroupName(swapped.idSuffix, swapped.datastore.family, swapped.datastore.parameters)).toBe(
            globalGroup().parameterGroupName,
        );
    });

    it("has the primary's replication group ignore what the datastore owns, and the secondaries' not", async () => {
        const seen: { name: string; ignoreChanges?: string[] }[] = [];
        await deploy(ARGS, "orders", {
            transformations: [
                ({ type, name, opts }) => {
                    if (type === GROUP) seen.push({ name, ignoreChanges: opts.ignoreChanges });
                    return undefined;
                },
            ],
        });
        expect(seen).toEqual([
            { name: "orders-us-east-1-group", ignoreChanges: ["engine", "engineVersion", "nodeType", "parameterGroupName"] },
            { name: "orders-eu-west-1-group", ignoreChanges: undefined },
        ]);
        expect([...datastore.DATASTORE_OWNED_SETTINGS]).toEqual(["engine", "engineVersion", "nodeType", "parameterGroupName"]);
    });

    it("builds each member from the settings it checked before creating anything, without checking them again", async () => {
        const args = { ...ARGS.primary, replicationGroupId: "orders" };
        const settings = member.validateElastiCacheRedisArgs("orders", args);
        const password = pulumi.secret("p".repeat(32));
        const checked = member.withCheckedSettings(
            { args, settings: { ...settings, port: 7000 } },
            { userPasswords: { orders: password } },
        );
        expect(checked).toEqual({ ...args, userPasswords: { orders: password } });
        expect(member.elastiCacheRedisSettings("orders", checked)).toEqual({
            ...settings,
            port: 7000,
            userPasswords: { orders: password },
        });
        const cache = new components.ElastiCacheRedis("orders", checked);
        await harness.settle(cache);
        expect(harness.one(GROUP, "orders-group").inputs.port).toBe(7000);
        expect(member.elastiCacheRedisSettings("orders", { ...checked }).port).toBe(6380);
    });

    it("leaves every other resource's options alone", () => {
        const opts = { ignoreChanges: ["tags"] };
        expect(
            datastore.datastoreOwnsPrimarySettings({ type: PARAMETER_GROUP, name: "p", props: {}, opts, resource: undefined as any }),
        ).toBeUndefined();
        expect(
            datastore.datastoreOwnsPrimarySettings({ type: "aws:sns/topic:Topic", name: "t", props: {}, opts, resource: undefined as any }),
        ).toBeUndefined();
        expect(
            datastore.datastoreOwnsPrimarySettings({ type: GROUP, name: "g", props: { a: 1 }, opts, resource: undefined as any }),
        ).toEqual({
            props: { a: 1 },
            opts: expect.objectContaining({ ignoreChanges: ["tags", "engine", "engineVersion", "nodeType", "parameterGroupName"] }),
        });
    });

    it("sends a node type change to the GlobalReplicationGroup, which scales every member", async () => {
        await deploy({ ...ARGS, primary: { ...ARGS.primary, nodeType: "cache.r7g.xlarge" } });
        expect(globalGroup().cacheNodeType).toBe("cache.r7g.xlarge");
        expect(harness.ofType(GROUP).find(inRegion("eu-west-1"))!.inputs.nodeType).toBeUndefined();
    });
});

describe("GlobalElastiCacheRedis constraints", () => {
    const secondary = { ...network("euw1"), region: "eu-west-1" };
    const cases: [string, any, RegExp][] = [
        [
            "no secondary",
            { ...ARGS, secondaries: [] },
            /GlobalElastiCacheRedis "g": secondaries has 0 entries\. Allowed: 1 or 2 secondaries/,
        ],
        [
            "three secondaries",
            { ...ARGS, secondaries: ["eu-west-1", "us-west-2", "ap-southeast-1"].map((region) => ({ ...secondary, region })) },
            /secondaries has 3 entries\. Allowed: 1 or 2 secondaries: a Global Datastore replicates to at most two other regions/,
        ],
        [
            "a secondary in the primary's region",
            { ...ARGS, secondaries: [{ ...secondary, region: "us-east-1" }] },
            /secondaries\[0\]\.region "us-east-1" is already used/,
        ],
        [
            "two secondaries in one region",
            { ...ARGS, secondaries: [secondary, secondary] },
            /secondaries\[1\]\.region "eu-west-1" is already used/,
        ],
        [
            "a secondary engine",
            { ...ARGS, secondaries: [{ ...secondary, engine: "valkey" }] },
            /secondaries\[0\]\.engine is set, but a secondary inherits it from the primary\. Allowed: leave it out, and set primary\.engine instead/,
        ],
        [
            "a secondary engine version",
            { ...ARGS, secondaries: [{ ...secondary, engineVersion: "7.0" }] },
            /secondaries\[0\]\.engineVersion is set, but a secondary inherits it/,
        ],
        [
            "a secondary node type",
            { ...ARGS, secondaries: [{ ...secondary, nodeType: "cache.r7g.xlarge" }] },
            /secondaries\[0\]\.nodeType is set, but a secondary inherits it/,
        ],
        [
            "a secondary parameter group",
            { ...ARGS, secondaries: [{ ...secondary, parameterGroupName: "custom" }] },
            /secondaries\[0\]\.parameterGroupName is set/,
        ],
        [
            "a secondary eviction policy",
            { ...ARGS, secondaries: [{ ...secondary, maxmemoryPolicy: "allkeys-lru" }] },
            /secondaries\[0\]\.maxmemoryPolicy is set/,
        ],
        [
            "secondary encryption at rest",
            { ...ARGS, secondaries: [{ ...secondary, atRestEncryptionEnabled: true }] },
            /secondaries\[0\]\.atRestEncryptionEnabled is set/,
        ],
        [
            "secondary encryption in transit",
            { ...ARGS, secondaries: [{ ...secondary, transitEncryptionEnabled: true }] },
            /secondaries\[0\]\.transitEncryptionEnabled is set/,
        ],
        [
            "a burstable node",
            { ...ARGS, primary: { ...ARGS.primary, nodeType: "cache.t4g.medium" } },
            /primary\.nodeType is "cache\.t4g\.medium", which Global Datastore does not support\. Allowed: a large or bigger node of the m5, m6g, m7g, r5, r6g, r6gd, r7g, c7gn families/,
        ],
        [
            "a previous-generation node",
            { ...ARGS, primary: { ...ARGS.primary, nodeType: "cache.r4.large" } },
            /primary\.nodeType is "cache\.r4\.large", which Global Datastore does not support/,
        ],
        [
            "HA off",
            { ...ARGS, primary: { ...ARGS.primary, highAvailability: false, numCacheClusters: 1 } },
            /primary\.highAvailability is false\. Allowed: true/,
        ],
        [
            "a restore on the primary",
            { ...ARGS, primary: { ...ARGS.primary, restoreFrom: { snapshotName: "s" } } },
            /primary\.restoreFrom is set/,
        ],
        ["no primary region", { ...ARGS, primary: { ...ARGS.primary, region: undefined } }, /primary\.region is not set/],
        [
            "a bad primary argument",
            { ...ARGS, primary: { ...ARGS.primary, snapshotRetentionDays: 0 } },
            /ElastiCacheRedis "g-us-east-1": snapshotRetentionDays is 0/,
        ],
        [
            "a bad secondary size",
            { ...ARGS, secondaries: [{ ...secondary, numCacheClusters: 9 }] },
            /ElastiCacheRedis "g-eu-west-1": numCacheClusters is 9/,
        ],
        [
            "a public CIDR in a secondary",
            { ...ARGS, secondaries: [{ ...secondary, allowedCidrBlocks: ["0.0.0.0/0"] }] },
            /ElastiCacheRedis "g-eu-west-1": allowedCidrBlocks\[0\] "0\.0\.0\.0\/0" is public/,
        ],
    ];

    it.each(cases)("refuses %s before creating anything", (_, args, message) => {
        expect(() => new components.GlobalElastiCacheRedis("g", args)).toThrow(message);
        expect(harness.resources).toEqual([]);
    });
});

describe("GlobalElastiCacheRedis missing and misspelt arguments", () => {
    const secondary = { ...network("euw1"), region: "eu-west-1" };
    const ARGS_ALLOWED = "Allowed: an object with primary and secondaries.";
    const PRIMARY_NAMES =
        "vpcId, subnetIds, allowedSecurityGroupIds, allowedCidrBlocks, engine, engineVersion, nodeType, numCacheClusters, shards, replicasPerShard, highAvailability, port, replicationGroupId, kmsKeyArn, users, snapshotRetentionDays, snapshotWindow, maintenanceWindow, logRetentionDays, maxmemoryPolicy, alarms, dashboard, notifications, logForwarding, backup, restoreFrom, restoreDrill, globalReplicationGroupId, userPasswords, secretReplicas, tags, region";
    const SECONDARY_NAMES =
        "region, vpcId, subnetIds, allowedSecurityGroupIds, allowedCidrBlocks, numCacheClusters, kmsKeyArn, engine, engineVersion, nodeType, maxmemoryPolicy, parameterGroupName, atRestEncryptionEnabled, transitEncryptionEnabled, port";
    const SECONDARY_ALLOWED =
        "Allowed: { region, vpcId, subnetIds, allowedSecurityGroupIds or allowedCidrBlocks, numCacheClusters?, kmsKeyArn? }.";

    const refusals: [string, unknown, string][] = [
        ["no args at all", undefined, `GlobalElastiCacheRedis "g": args is not set. ${ARGS_ALLOWED}`],
        ["a list for args", [ARGS], `GlobalElastiCacheRedis "g": args is a list. ${ARGS_ALLOWED}`],
        [
            "no primary",
            { secondaries: ARGS.secondaries },
            `GlobalElastiCacheRedis "g": primary is not set. Allowed: the primary's ElastiCacheRedis arguments, with its region.`,
        ],
        [
            "secondaries that are not a list",
            { ...ARGS, secondaries: secondary },
            `GlobalElastiCacheRedis "g": secondaries is not a list. Allowed: 1 or 2 secondaries: a Global Datastore replicates to at most two other regions.`,
        ],
        [
            "a secondary that is a string",
            { ...ARGS, secondaries: ["eu-west-1"] },
            `GlobalElastiCacheRedis "g": secondaries[0] is the string "eu-west-1". ${SECONDARY_ALLOWED}`,
        ],
        [
            "secondary",
            { primary: ARGS.primary, secondary: ARGS.secondaries },
            `GlobalElastiCacheRedis "g": secondary is not an argument. Did you mean secondaries? Allowed: primary, secondaries, globalReplicationGroupIdSuffix.`,
        ],
        [
            "primary.nodetype",
            { ...ARGS, primary: { ...ARGS.primary, nodetype: "cache.r7g.xlarge" } },
            `GlobalElastiCacheRedis "g": primary.nodetype is not an argument. Did you mean primary.nodeType? Allowed: ${PRIMARY_NAMES}.`,
        ],
        [
            "primary.users[0].rol",
            { ...ARGS, primary: { ...ARGS.primary, users: [{ name: "orders", rol: "readwrite" }] } },
            `ElastiCacheRedis "g-us-east-1": users[0].rol is not an argument. Did you mean users[0].role? Allowed: name, role, keyPatterns.`,
        ],
        [
            "secondaries[0].numCacheCluster",
            { ...ARGS, secondaries: [{ ...secondary, numCacheCluster: 3 }] },
            `GlobalElastiCacheRedis "g": secondaries[0].numCacheCluster is not an argument. Did you mean secondaries[0].numCacheClusters? Allowed: ${SECONDARY_NAMES}.`,
        ],
        [
            "a secondary's own users",
            { ...ARGS, secondaries: [{ ...secondary, users: [] }] },
            `GlobalElastiCacheRedis "g": secondaries[0].users is not an argument. Allowed: ${SECONDARY_NAMES}.`,
        ],
        [
            "a secondary without vpcId",
            { ...ARGS, secondaries: [{ ...secondary, vpcId: undefined }] },
            `ElastiCacheRedis "g-eu-west-1": vpcId is not set. Allowed: the id of the VPC that holds subnetIds, such as "vpc-0123456789abcdef0".`,
        ],
        [
            "a primary with an empty vpcId",
            { ...ARGS, primary: { ...ARGS.primary, vpcId: "" } },
            `ElastiCacheRedis "g-us-east-1": vpcId is "". Allowed: the id of the VPC that holds subnetIds, such as "vpc-0123456789abcdef0".`,
        ],
    ];

    it.each(refusals)("refuses %s with a message naming it and what is allowed", (_, args, message) => {
        const construct = () => new components.GlobalElastiCacheRedis("g", args as any);
        expect(construct).toThrow(new components.InvalidArgumentError(message));
        expect(construct).toThrow(components.InvalidArgumentError);
        expect(harness.resources).toEqual([]);
    });

    it("lists exactly the argument names of the component and of a secondary", () => {
        expect(GLOBAL_ELASTICACHE_REDIS_ARG_NAMES.join(", ")).toBe("primary, secondaries, globalReplicationGroupIdSuffix");
        expect(GLOBAL_SECONDARY_ARG_NAMES.join(", ")).toBe(SECONDARY_NAMES);
    });
});
