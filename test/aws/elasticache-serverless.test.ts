import { MockHarness, mockPassword, plainStrings, promiseOf, unwrapSecret } from "../support/harness";
import { ELASTICACHE_PASSWORD_INPUTS } from "../support/password-inputs";

const harness = new MockHarness();
let components: typeof import("hardened-redis");

const BASE_ARGS = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-a", "subnet-b"], allowedSecurityGroupIds: ["sg-0client"] };
const CACHE = "aws:elasticache/serverlessCache:ServerlessCache";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
});
beforeEach(() => harness.reset());

async function deploy(args: Partial<import("hardened-redis").ElastiCacheServerlessArgs> = {}, name = "sessions") {
    const cache = new components.ElastiCacheServerless(name, { ...BASE_ARGS, ...args });
    await harness.settle(cache);
    return cache;
}

describe("ElastiCacheServerless defaults", () => {
    it("creates a Valkey 8 serverless cache with its own key, security group, user group, snapshots and usage limits", async () => {
        const cache = await deploy();
        expect(harness.one(CACHE).inputs).toEqual({
            name: "sessions",
            description: "Hardened valkey 8 serverless cache sessions",
            engine: "valkey",
            majorEngineVersion: "8",
            kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/sessions-key",
            subnetIds: ["subnet-a", "subnet-b"],
            securityGroupIds: ["sg-sessions-sg"],
            userGroupId: "sessions-users",
            snapshotRetentionLimit: 7,
            dailySnapshotTime: "03:00",
            cacheUsageLimits: { dataStorage: { maximum: 100, unit: "GB" }, ecpuPerSeconds: [{ maximum: 100000 }] },
            tags: { "managed-by": "hardened-redis" },
        });
        expect(harness.one("aws:kms/key:Key").inputs).toMatchObject({ enableKeyRotation: true });
        expect(await promiseOf(cache.endpointAddress)).toBe("sessions-abc123.serverless.us-east-1.cache.amazonaws.com");
        expect(await promiseOf(cache.port)).toBe(6379);
        expect(await promiseOf(cache.readerPort)).toBe(6380);
        // Serverless caches take subnets directly: no subnet group, no parameter group.
        expect(harness.ofType("aws:elasticache/subnetGroup:SubnetGroup")).toEqual([]);
        expect(harness.ofType("aws:elasticache/parameterGroup:ParameterGroup")).toEqual([]);
    });

    it("admits the named clients on the endpoint's port 6379 and the reader port 6380 only", async () => {
        await deploy({ allowedCidrBlocks: ["10.1.0.0/16"] });
        const rules = harness
            .ofType(INGRESS)
            .map((r) => [r.name, r.inputs.fromPort, r.inputs.toPort, r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv4]);
        expect(rules).toEqual([
            ["sessions-ingress-sg-0", 6379, 6379, "sg-0client"],
            ["sessions-ingress-sg-0-6380", 6380, 6380, "sg-0client"],
            ["sessions-ingress-cidr-0", 6379, 6379, "10.1.0.0/16"],
            ["sessions-ingress-cidr-0-6380", 6380, 6380, "10.1.0.0/16"],
        ]);
        expect(harness.ofType("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual([]);
    });

    it("disables the default user and stores each user's credentials as a secret, for a cluster-aware client", async () => {
        const cache = await deploy();
        const users = Object.fromEntries(harness.ofType("aws:elasticache/user:User").map((u) => [u.inputs.userName, u.inputs]));
        expect(users.default.accessString).toMatch(/^off /);
        expect(users.app).toMatchObject({ engine: "valkey", userId: "sessions-app" });
        expect(harness.one("aws:elasticache/userGroup:UserGroup").inputs).toMatchObject({
            userGroupId: "sessions-users",
            engine: "valkey",
            userIds: ["sessions-default-off", "sessions-app"],
        });
        const version = harness.one("aws:secretsmanager/secretVersion:SecretVersion").inputs;
        const endpoint = "sessions-abc123.serverless.us-east-1.cache.amazonaws.com";
        expect(JSON.parse(unwrapSecret(version.secretString))).toEqual({
            username: "app",
            password: mockPassword("sessions-app-password"),
            host: endpoint,
            readerHost: endpoint,
            port: 6379,
            tls: true,
            cluster: true,
        });
        for (const resource of harness.resources)
            expect(plainStrings(resource.inputs)).not.toContain(mockPassword("sessions-app-password"));
        expect(unwrapSecret(users.app.authenticationMode)).toEqual({
            type: "password",
            passwords: [mockPassword("sessions-app-password")],
        });
        expect(Object.keys(await promiseOf(cache.userSecretArns))).toEqual(["app"]);
    });

    it("generates its users' passwords under ElastiCache's password policy", async () => {
        await deploy();
        const passwords = harness.ofType("random:index/randomPassword:RandomPassword");
        expect(passwords.map((p) => p.name).sort()).toEqual(["sessions-app-password", "sessions-default-password"]);
        expect(passwords.map((p) => p.inputs)).toEqual(passwords.map(() => ELASTICACHE_PASSWORD_INPUTS));
    });

    it("alarms on the serverless metrics with the clusterId dimension, sized by the usage limits, to the encrypted topic", async () => {
        const cache = await deploy({
            cacheUsageLimits: { dataStorageMaximumGb: 50, ecpuPerSecondMaximum: 20000 },
            alarms: { latencySloMs: 5 },
        });
        // The backup's alarms are asserted in test/aws/backup/serverless-component.test.ts.
        const alarms = Object.fromEntries(
            harness
                .ofType(ALARM)
                .filter((a) => a.inputs.namespace === "AWS/ElastiCache")
                .map((a) => [a.inputs.metricName, a.inputs]),
        );
        expect(Object.keys(alarms)).toEqual([...components.SERVERLESS_ALARM_METRICS]);
        for (const alarm of Object.values(alarms)) {
            expect(alarm).toMatchObject({
                namespace: "AWS/ElastiCache",
                dimensions: { clusterId: "sessions" },
                alarmActions: ["arn:aws:sns:us-east-1:123456789012:sessions-notifications"],
            });
        }
        expect(alarms.BytesUsedForCache).toMatchObject({
            threshold: 40e9,
            statistic: "Maximum",
            comparisonOperator: "GreaterThanThreshold",
        });
        expect(alarms.ElastiCacheProcessingUnits).toMatchObject({ threshold: 20000 * 60 * 0.8, statistic: "Sum", period: 60 });
        expect(alarms.SuccessfulReadRequestLatency.threshold).toBe(5000);
        expect(alarms.SuccessfulWriteRequestLatency.threshold).toBe(5000);
        expect(alarms.CacheHitRate).toMatchObject({ threshold: 80, comparisonOperator: "LessThanThreshold" });
        expect(alarms.CurrConnections.threshold).toBe(52000);
        expect([
            alarms.ThrottledCmds.threshold,
            alarms.AuthenticationFailures.threshold,
            alarms.KeyAuthorizationFailures.threshold,
        ]).toEqual([0, 0, 0]);
        expect(harness.one("aws:sns/topic:Topic").inputs.kmsMasterKeyId).toBe("arn:aws:kms:us-east-1:123456789012:key/sessions-key");
        expect(await promiseOf(cache.alarmNames)).toContain("sessions-ThrottledCmds");
        const body = JSON.parse(harness.one("aws:cloudwatch/dashboard:Dashboard").inputs.dashboardBody);
        expect(body.widgets.map((w: any) => w.properties.metrics[0].slice(0, 4))).toEqual(
            components.SERVERLESS_ALARM_METRICS.map((m) => ["AWS/ElastiCache", m, "clusterId", "sessions"]),
        );
    });

    it("takes Redis OSS 7, a custom name, thresholds and disabled alarms", async () => {
        await deploy({
            engine: "redis",
            cacheName: "carts",
            alarms: { thresholds: { ThrottledCmds: 10 }, disabled: ["CacheHitRate"] },
            dashboard: { enabled: false },
        });
        expect(harness.one(CACHE).inputs).toMatchObject({ name: "carts", engine: "redis", majorEngineVersion: "7" });
        const metrics = harness.ofType(ALARM).map((a) => a.inputs.metricName);
        expect(metrics).not.toContain("CacheHitRate");
        expect(harness.ofType(ALARM).find((a) => a.inputs.metricName === "ThrottledCmds")!.inputs.threshold).toBe(10);
        expect(harness.ofType("aws:cloudwatch/dashboard:Dashboard")).toEqual([]);
    });
});

describe("ElastiCacheServerless arguments", () => {
    it.each([
        ["no client source", { allowedSecurityGroupIds: [] }, /allowedSecurityGroupIds and allowedCidrBlocks are both empty/],
        ["a public CIDR block", { allowedCidrBlocks: ["0.0.0.0/0"] }, /allowedCidrBlocks\[0\] "0\.0\.0\.0\/0" is public/],
        ["Redis OSS 8", { engine: "redis", majorEngineVersion: "8" }, /majorEngineVersion is "8"\. Allowed: "7"/],
        ["an unknown engine", { engine: "memcached" }, /engine is "memcached"\. Allowed: "redis", "valkey"/],
        [
            "too little storage",
            { cacheUsageLimits: { dataStorageMaximumGb: 0 } },
            /cacheUsageLimits\.dataStorageMaximumGb is 0\. Allowed: a whole number from 1 to 5000/,
        ],
        [
            "too much storage",
            { cacheUsageLimits: { dataStorageMaximumGb: 5001 } },
            /cacheUsageLimits\.dataStorageMaximumGb is 5001\. Allowed: a whole number from 1 to 5000/,
        ],
        [
            "too few ECPUs",
            { cacheUsageLimits: { ecpuPerSecondMaximum: 999 } },
            /cacheUsageLimits\.ecpuPerSecondMaximum is 999\. Allowed: a whole number from 1000 to 15000000/,
        ],
        [
            "a misspelt limit",
            { cacheUsageLimits: { dataStorageMaxGb: 10 } },
            /cacheUsageLimits\.dataStorageMaxGb is not an argument\. Did you mean cacheUsageLimits\.dataStorageMaximumGb\?/,
        ],
        ["a bad snapshot time", { dailySnapshotTime: "25:00" }, /dailySnapshotTime is "25:00"\. Allowed: a UTC time "hh:mm"/],
        ["no snapshots", { snapshotRetentionDays: 0 }, /snapshotRetentionDays is 0\. Allowed: a whole number from 1 to 35/],
        ["a bad cache name", { cacheName: "Sessions" }, /cacheName is "Sessions"\. Allowed: 1 to 40 lowercase letters/],
        [
            "an unknown alarm metric",
            { alarms: { disabled: ["EngineCPUUtilization"] } },
            /alarms\.disabled\[0\] is "EngineCPUUtilization"\. Allowed: "BytesUsedForCache"/,
        ],
        ["a node-based argument", { numCacheClusters: 2 }, /numCacheClusters is not an argument\. Allowed: vpcId, subnetIds/],
        [
            "a key alias instead of a key ARN",
            { kmsKeyArn: "alias/aws/elasticache" },
            /kmsKeyArn is "alias\/aws\/elasticache"\. Allowed: the ARN of a KMS key/,
        ],
        ["an unknown region", { region: "eu-west-9" }, /region is "eu-west-9"\. Allowed: /],
        [
            "a dashboard switch that is not a boolean",
            { dashboard: { enabled: "no" } },
            /dashboard\.enabled is the string "no"\. Allowed: true or false/,
        ],
    ])("refuses %s", (_, args, message) => {
        expect(() => new components.ElastiCacheServerless("sessions", { ...BASE_ARGS, ...args } as any)).toThrow(message);
    });
});
