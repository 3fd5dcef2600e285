import * as pulumi from "@pulumi/pulumi";
import { SUPPORTED_VERSIONS } from "../../components/aws/engine";
import {
    MockHarness,
    RecordedResource,
    isSecretValue,
    mockHex,
    mockPassword,
    plainStrings,
    promiseOf,
    unwrapSecret,
} from "../support/harness";
import { ELASTICACHE_PASSWORD_INPUTS } from "../support/password-inputs";
import { runProgram } from "../support/run-program";
import { ELASTICACHE_REDIS_ARG_NAMES, validateElastiCacheRedisArgs } from "../../components/aws/elasticache-redis-settings";

const harness = new MockHarness();
let aws: typeof import("@pulumi/aws");
let components: typeof import("hardened-redis");

const BASE_ARGS = {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-a", "subnet-b"],
    allowedSecurityGroupIds: ["sg-0client"],
};

beforeAll(async () => {
    await harness.install();
    aws = await import("@pulumi/aws");
    components = await import("hardened-redis");
});
beforeEach(() => harness.reset());

async function deploy(
    args: Partial<import("hardened-redis").ElastiCacheRedisArgs> = {},
    name = "cache",
    opts?: pulumi.ComponentResourceOptions,
) {
    const cache = new components.ElastiCacheRedis(name, { ...BASE_ARGS, ...args }, opts);
    await harness.settle(cache);
    return cache;
}

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const USER = "aws:elasticache/user:User";
/** Backup resources that AWS cannot tag; they are regional like the rest. */
const UNTAGGED_BACKUP_TYPES = [
    "aws:cloudwatch/eventTarget:EventTarget",
    "aws:cloudwatch/logMetricFilter:LogMetricFilter",
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    "aws:lambda/permission:Permission",
    "aws:s3/bucketAcl:BucketAcl",
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketNotification:BucketNotification",
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketVersioning:BucketVersioning",
    "aws:sqs/queuePolicy:QueuePolicy",
];
/** IAM is global: roles carry tags but no region, role policies neither. */
const GLOBAL_TYPES = new Set(["aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy"]);
const TAGGABLE_TYPES_WITHOUT_TAGS = new Set([
    "aws:cloudwatch/dashboard:Dashboard",
    "random:index/randomPassword:RandomPassword",
    "aws:kms/alias:Alias",
    "aws:secretsmanager/secretVersion:SecretVersion",
    "hardened-redis:index:ElastiCacheRedis",
    "pulumi:providers:aws",
    "aws:iam/rolePolicy:RolePolicy",
    ...UNTAGGED_BACKUP_TYPES,
]);

describe("ElastiCacheRedis defaults", () => {
    it("creates exactly the hardened resource set", async () => {
        await deploy();
        expect(harness.types()).toEqual([
            "aws:cloudwatch/dashboard:Dashboard",
            "aws:cloudwatch/eventRule:EventRule",
            "aws:cloudwatch/eventTarget:EventTarget",
            "aws:cloudwatch/logGroup:LogGroup",
            "aws:cloudwatch/logMetricFilter:LogMetricFilter",
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "aws:ec2/securityGroup:SecurityGroup",
            "aws:elasticache/parameterGroup:ParameterGroup",
            GROUP,
            "aws:elasticache/subnetGroup:SubnetGroup",
            USER,
            "aws:elasticache/userGroup:UserGroup",
            "aws:iam/role:Role",
            "aws:iam/rolePolicy:RolePolicy",
            "aws:kms/alias:Alias",
            "aws:kms/key:Key",
            "aws:lambda/function:Function",
            "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
            "aws:lambda/permission:Permission",
            "aws:s3/bucket:Bucket",
            "aws:s3/bucketAcl:BucketAcl",
            "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
            "aws:s3/bucketNotification:BucketNotification",
            "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
            "aws:s3/bucketPolicy:BucketPolicy",
            "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
            "aws:s3/bucketVersioning:BucketVersioning",
            "aws:secretsmanager/secret:Secret",
            "aws:secretsmanager/secretVersion:SecretVersion",
            "aws:sfn/stateMachine:StateMachine",
            "aws:sns/topic:Topic",
            "aws:sqs/queue:Queue",
            "aws:sqs/queuePolicy:QueuePolicy",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "hardened-redis:index:ElastiCacheRedis",
            "random:index/randomId:RandomId",
            "random:index/randomPassword:RandomPassword",
        ]);
        // The restore drill adds its canary and validation users and its three functions' log groups.
        expect(harness.ofType(USER)).toHaveLength(4);
        expect(harness.ofType("aws:cloudwatch/logGroup:LogGroup")).toHaveLength(6);
    });

    it("configures the replication group for TLS, CMK encryption, RBAC, HA and backups", async () => {
        await deploy();
        const group = harness.one(GROUP).inputs;
        expect(group).toMatchObject({
            replicationGroupId: "cache",
            engine: "redis",
            engineVersion: "7.1",
            nodeType: "cache.r7g.large",
            numCacheClusters: 2,
            automaticFailoverEnabled: true,
            multiAzEnabled: true,
            port: 6380,
            parameterGroupName: "cache-redis7",
            subnetGroupName: "cache-subnets",
            securityGroupIds: ["sg-cache-sg"],
            atRestEncryptionEnabled: true,
            kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cache-key",
            transitEncryptionEnabled: true,
            transitEncryptionMode: "required",
            userGroupIds: ["cache-users"],
            snapshotRetentionLimit: 7,
            snapshotWindow: "03:00-05:00",
            maintenanceWindow: "sun:05:00-sun:06:00",
            autoMinorVersionUpgrade: true,
            finalSnapshotIdentifier: `cache-final-${mockHex("cache-final-snapshot-suffix")}`,
        });
        expect(group.authToken).toBeUndefined();
        expect(group.logDeliveryConfigurations).toEqual([
            {
                destination: "/aws/vendedlogs/elasticache/cache/slow-log",
                destinationType: "cloudwatch-logs",
                logFormat: "json",
                logType: "slow-log",
            },
            {
                destination: "/aws/vendedlogs/elasticache/cache/engine-log",
                destinationType: "cloudwatch-logs",
                logFormat: "json",
                logType: "engine-log",
            },
        ]);
    });

    it("names log groups under /aws/vendedlogs/, which log delivery leaves out of the account's size-limited resource policy", async () => {
        await deploy();
        expect(
            harness
                .ofType("aws:cloudwatch/logGroup:LogGroup")
                .map((g) => g.inputs.name)
                .sort(),
        ).toEqual([
            "/aws/lambda/cache-restore-canary",
            "/aws/lambda/cache-restore-drill",
            "/aws/lambda/cache-restore-validate",
            "/aws/lambda/cache-snapshot-export",
            "/aws/vendedlogs/elasticache/cache/engine-log",
            "/aws/vendedlogs/elasticache/cache/slow-log",
        ]);
    });

    it("gives each physical group its own final snapshot name, renewed by every input that replaces the group", async () => {
        await deploy({ restoreFrom: { snapshotName: "automatic.cache-2026-11-01-03-14" } });
        const suffix = harness.one("random:index/randomId:RandomId");
        expect(suffix.name).toBe("cache-final-snapshot-suffix");
        expect(suffix.parent).toBe(harness.one("hardened-redis:index:ElastiCacheRedis").urn);
        expect(suffix.inputs).toEqual({
            byteLength: 4,
            keepers: {
                replicationGroupId: "cache",
                region: "",
                port: "6380",
                kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/cache-key",
                restoreFrom: JSON.stringify({ snapshotName: "automatic.cache-2026-11-01-03-14" }),
                globalReplicationGroupId: "",
            },
        });
        expect(harness.one(GROUP).inputs.finalSnapshotIdentifier).toBe(`cache-final-${mockHex("cache-final-snapshot-suffix")}`);
    });

    it.each(
        Object.entries(SUPPORTED_VERSIONS).flatMap(([engine, versions]) =>
            versions.map((version) => [engine as import("hardened-redis").Engine, version] as const),
        ),
    )(
        "names the parameter group after its family, so a %s %s upgrade that changes family creates the new group first",
        async (engine, engineVersion) => {
            await deploy({ engine, engineVersion });
            const family = `${engine}${engineVersion.split(".")[0]}`;
            expect(harness.one("aws:elasticache/parameterGroup:ParameterGroup").inputs).toMatchObject({ name: `cache-${family}`, family });
            expect(harness.one(GROUP).inputs.parameterGroupName).toBe(`cache-${family}`);
        },
    );

    it("uses a redis7 parameter group with an explicit eviction policy", async () => {
        await deploy();
        expect(harness.one("aws:elasticache/parameterGroup:ParameterGroup").inputs).toMatchObject({
            name: "cache-redis7",
            family: "redis7",
            parameters: [{ name: "maxmemory-policy", value: "volatile-lru" }],
        });
    });

    it("creates a subnet group from the given subnets, never the default one", async () => {
        await deploy();
        expect(harness.one("aws:elasticache/subnetGroup:SubnetGroup").inputs).toMatchObject({
            name: "cache-subnets",
            subnetIds: ["subnet-a", "subnet-b"],
        });
    });

    it("admits only the named security group and the restore drill's functions, on the Redis port, with no egress", async () => {
        await deploy();
        const sg = harness.one("aws:ec2/securityGroup:SecurityGroup", "cache-sg").inputs;
        expect(sg).toMatchObject({ vpcId: "vpc-0123456789abcdef0", revokeRulesOnDelete: true });
        expect(sg.ingress ?? []).toEqual([]);
        expect(sg.egress ?? []).toEqual([]);
        const ofCacheGroup = (type: string) => harness.ofType(type).filter((r) => r.inputs.securityGroupId === "sg-cache-sg");
        expect(ofCacheGroup("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule")).toEqual([]);
        expect(
            ofCacheGroup("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => r.inputs.referencedSecurityGroupId),
        ).toEqual(["sg-0client", "sg-cache-restore-drill-sg"]);
        const rule = harness.one("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "cache-ingress-sg-0").inputs;
        expect(rule).toMatchObject({
            securityGroupId: "sg-cache-sg",
            ipProtocol: "tcp",
            fromPort: 6380,
            toPort: 6380,
            referencedSecurityGroupId: "sg-0client",
        });
        expect(rule.cidrIpv4).toBeUndefined();
    });

    it("splits private CIDR blocks into IPv4 and IPv6 rules on a custom port", async () => {
        await deploy({ allowedSecurityGroupIds: [], allowedCidrBlocks: ["10.20.0.0/16", "2600:1f18:abcd:ef00::/56"], port: 6390 });
        const rules = harness.ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((r) => r.inputs);
        expect(rules).toEqual([
            expect.objectContaining({ cidrIpv4: "10.20.0.0/16", fromPort: 6390, toPort: 6390 }),
            expect.objectContaining({ cidrIpv6: "2600:1f18:abcd:ef00::/56", fromPort: 6390, toPort: 6390 }),
            expect.objectContaining({ referencedSecurityGroupId: "sg-cache-restore-drill-sg", fromPort: 6390, toPort: 6390 }),
        ]);
        expect(rules[0].cidrIpv6).toBeUndefined();
        expect(rules[1].cidrIpv4).toBeUndefined();
    });

    it("creates a rotating KMS key that CloudWatch Logs of this region may use", async () => {
        await deploy();
        const key = harness.one("aws:kms/key:Key").inputs;
        expect(key).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
        const policy = JSON.parse(key.policy);
        const logs = policy.Statement.find((s: any) => s.Sid === "CloudWatchLogsEncryption");
        expect(logs.Principal).toEqual({ Service: "logs.us-east-1.amazonaws.com" });
        expect(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).toBe("arn:aws:logs:us-east-1:123456789012:log-group:*");
        expect(harness.one("aws:kms/alias:Alias").inputs).toMatchObject({
            name: "alias/hardened-redis/cache",
            targetKeyId: "cache-key-key-id",
        });
    });

    it("encrypts both log groups with the key and keeps them a year", async () => {
        await deploy();
        for (const group of harness.ofType("aws:cloudwatch/logGroup:LogGroup")) {
            expect(group.inputs).toMatchObject({ retentionInDays: 365, kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cache-key" });
        }
    });

    it("creates RBAC users with role access strings and a disabled default user", async () => {
        await deploy({
            users: [
                { name: "orders", role: "readwrite", keyPatterns: ["orders:*"] },
                { name: "reports", role: "readonly" },
                { name: "ops", role: "admin" },
            ],
        });
        const users: Record<string, any> = Object.fromEntries(harness.ofType(USER).map((u) => [u.inputs.userName, u.inputs]));
        expect(Object.keys(users).sort()).toEqual(["default", "ops", "orders", "reports", "restore-canary", "restore-drill"]);
        expect(users.default).toMatchObject({ userId: "cache-default-off", accessString: "off -@all", engine: "redis" });
        expect(users.orders).toMatchObject({ userId: "cache-orders", accessString: "on ~orders:* &* +@all -@dangerous" });
        expect(users.reports.accessString).toBe("on ~* &* -@all +@read +@connection -@dangerous");
        expect(users.ops.accessString).toBe("on ~* &* +@all");
        for (const user of Object.values(users)) {
            expect(user.noPasswordRequired).toBeUndefined();
            expect(isSecretValue(user.authenticationMode)).toBe(true);
            expect(unwrapSecret(user.authenticationMode)).toEqual({ type: "password", passwords: [expect.stringMatching(/^Pw!/)] });
        }
        expect(harness.one("aws:elasticache/userGroup:UserGroup").inputs).toEqual(
            expect.objectContaining({
                userGroupId: "cache-users",
                engine: "redis",
                userIds: ["cache-default-off", "cache-orders", "cache-reports", "cache-ops", "cache-restore-canary", "cache-restore-drill"],
            }),
        );
    });

    it("generates passwords that meet ElastiCache's rules, with exactly the inputs deployed caches have, so that an upgrade replaces none", async () => {
        await deploy();
        const passwords = harness.ofType("random:index/randomPassword:RandomPassword");
        expect(passwords.map((p) => p.name).sort()).toEqual([
            "cache-app-password",
            "cache-default-password",
            "cache-restore-canary-password",
            "cache-restore-drill-password",
        ]);
        for (const password of passwords) {
            expect(password.inputs).toEqual(ELASTICACHE_PASSWORD_INPUTS);
        }
    });

    it("stores each user's connection details in a KMS-encrypted secret whose value is secret", async () => {
        const cache = await deploy();
        const secret = harness.one("aws:secretsmanager/secret:Secret", "cache-app-credentials").inputs;
        expect(secret).toMatchObject({ kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/cache-key", recoveryWindowInDays: 30 });
        const version = harness.one("aws:secretsmanager/secretVersion:SecretVersion", "cache-app-credentials").inputs;
        expect(version.secretId).toBe("cache-app-credentials-id");
        expect(JSON.parse(unwrapSecret(version.secretString))).toEqual({
            username: "app",
            password: mockPassword("cache-app-password"),
            host: "master.cache.abc123.us-east-1.cache.amazonaws.com",
            readerHost: "replica.cache.abc123.us-east-1.cache.amazonaws.com",
            port: 6380,
            tls: true,
            cluster: false,
        });
        expect(await promiseOf(cache.userSecretArns)).toEqual({
            app: "arn:aws:secretsmanager:us-east-1:123456789012:cache-app-credentials",
        });
    });

    it("never puts a generated password into a non-secret input", async () => {
        await deploy({
            users: [
                { name: "app", role: "readwrite" },
                { name: "ops", role: "admin" },
            ],
        });
        const passwords = harness.ofType("random:index/randomPassword:RandomPassword").map((p) => mockPassword(p.name));
        expect(passwords).toHaveLength(5);
        const leaks = harness.resources.flatMap((r) =>
            plainStrings(r.inputs)
                .filter((s) => passwords.some((p) => s.includes(p)))
                .map(() => `${r.type} ${r.name}`),
        );
        expect(leaks).toEqual([]);
    });

    it("exposes outputs, with the member ids and every generated password secret", async () => {
        const cache = await deploy({ numCacheClusters: 3 });
        expect(await promiseOf(cache.replicationGroupId)).toBe("cache");
        expect(await promiseOf(cache.memberClusterIds)).toEqual(["cache-001", "cache-002", "cache-003"]);
        expect(await promiseOf(cache.port)).toBe(6380);
        expect(await promiseOf(cache.securityGroupId)).toBe("sg-cache-sg");
        expect(await promiseOf(cache.primaryEndpointAddress)).toBe("master.cache.abc123.us-east-1.cache.amazonaws.com");
        expect(await promiseOf(cache.readerEndpointAddress)).toBe("replica.cache.abc123.us-east-1.cache.amazonaws.com");
        expect(await promiseOf(cache.kmsKeyArn)).toBe("arn:aws:kms:us-east-1:123456789012:key/cache-key");
    });
});

describe("ElastiCacheRedis options", () => {
    const regional = (r: RecordedResource) =>
        !GLOBAL_TYPES.has(r.type) &&
        (!TAGGABLE_TYPES_WITHOUT_TAGS.has(r.type) ||
            r.type === "aws:kms/alias:Alias" ||
            r.type === "aws:secretsmanager/secretVersion:SecretVersion" ||
            UNTAGGED_BACKUP_TYPES.includes(r.type));

    it("passes tags to every taggable child and the region to every regional child", async () => {
        await deploy({ tags: { team: "payments" }, region: "eu-west-1" });
        const children = harness.resources.filter((r) => r.type.startsWith("aws:"));
        for (const child of children.filter((r) => !TAGGABLE_TYPES_WITHOUT_TAGS.has(r.type))) {
            expect([child.type, child.inputs.tags]).toEqual([child.type, { "managed-by": "hardened-redis", team: "payments" }]);
        }
        for (const child of children.filter(regional)) {
            expect([child.type, child.inputs.region]).toEqual([child.type, "eu-west-1"]);
        }
        expect(harness.invokes.find((i) => i.token === "aws:index/getRegion:getRegion")?.args).toEqual({ region: "eu-west-1" });
    });

    it("uses a given KMS key instead of creating one", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/existing";
        await deploy({ kmsKeyArn: keyArn });
        expect(harness.ofType("aws:kms/key:Key")).toEqual([]);
        expect(harness.one(GROUP).inputs.kmsKeyId).toBe(keyArn);
        expect(harness.ofType("aws:secretsmanager/secret:Secret").map((secret) => secret.inputs.kmsKeyId)).toEqual([
            keyArn,
            keyArn,
            keyArn,
        ]);
        expect(harness.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.kmsKeyId)).toEqual(Array(6).fill(keyArn));
    });

    it("supports Valkey with its own parameter group family and user engine", async () => {
        await deploy({ engine: "valkey" });
        expect(harness.one(GROUP).inputs).toMatchObject({ engine: "valkey", engineVersion: "8.1" });
        expect(harness.one("aws:elasticache/parameterGroup:ParameterGroup").inputs.family).toBe("valkey8");
        expect(harness.ofType(USER).map((u) => u.inputs.engine)).toEqual(["valkey", "valkey", "valkey", "valkey"]);
        expect(harness.one("aws:elasticache/userGroup:UserGroup").inputs.engine).toBe("valkey");
    });

    it("allows a single node only when high availability is turned off explicitly", async () => {
        await deploy({ numCacheClusters: 1, highAvailability: false, nodeType: "cache.t4g.small" });
        expect(harness.one(GROUP).inputs).toMatchObject({
            numCacheClusters: 1,
            automaticFailoverEnabled: false,
            multiAzEnabled: false,
            nodeType: "cache.t4g.small",
        });
    });

    it("lets explicit providers reach every child through parentage", async () => {
        const provider = new aws.Provider("west", { region: "eu-west-1" });
        await deploy({}, "cache", { providers: [provider] });
        const providerRefs = harness.resources.filter((r) => r.type.startsWith("aws:")).map((r) => r.provider ?? "");
        expect(providerRefs.length).toBeGreaterThan(10);
        expect(providerRefs.every((ref) => ref.includes("pulumi:providers:aws::west"))).toBe(true);
    });
});

describe("ElastiCacheRedis bad input", () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
        [
            "a public CIDR",
            { allowedCidrBlocks: ["0.0.0.0/0"] },
            /allowedCidrBlocks\[0\] "0.0.0.0\/0" is public or wider than a private range\. Allowed: an IPv4 block inside 10\.0\.0\.0\/8/,
        ],
        ["an IPv6 world CIDR", { allowedCidrBlocks: ["::/0"] }, /allowedCidrBlocks\[0\] "::\/0" is wider than \/56/],
        ["a CIDR wider than /8", { allowedCidrBlocks: ["10.0.0.0/7"] }, /allowedCidrBlocks\[0\] "10\.0\.0\.0\/7" is public or wider/],
        ["a routable public block", { allowedCidrBlocks: ["54.12.0.0/16"] }, /allowedCidrBlocks\[0\] "54\.12\.0\.0\/16" is public/],
        ["something that is not a CIDR", { allowedCidrBlocks: ["10.0.0.1"] }, /allowedCidrBlocks\[0\] "10\.0\.0\.1" is not a CIDR block/],
        ["an empty subnetIds", { subnetIds: [] }, /subnetIds is empty\. Allowed: one or more private subnet ids/],
        ["no client at all", { allowedSecurityGroupIds: [] }, /allowedSecurityGroupIds and allowedCidrBlocks are both empty/],
        [
            "one node with HA on",
            { numCacheClusters: 1 },
            /numCacheClusters is 1 while highAvailability is on\. Allowed: 2 to 6, or 1 with highAvailability: false/,
        ],
        ["seven nodes", { numCacheClusters: 7 }, /numCacheClusters is 7\. Allowed: a whole number from 1 to 6/],
        ["retention 0", { snapshotRetentionDays: 0 }, /snapshotRetentionDays is 0\. Allowed: a whole number from 1 to 35/],
        ["retention 36", { snapshotRetentionDays: 36 }, /snapshotRetentionDays is 36\. Allowed: a whole number from 1 to 35/],
        [
            "an unknown role",
            { users: [{ name: "app", role: "superuser" }] },
            /users\[0\]\.role is "superuser"\. Allowed: "readwrite", "readonly", "admin"/,
        ],
        [
            "a duplicate user",
            {
                users: [
                    { name: "app", role: "readwrite" },
                    { name: "app", role: "readonly" },
                ],
            },
            /users\[1\]\.name "app" is a duplicate/,
        ],
        ["a user named default", { users: [{ name: "default", role: "admin" }] }, /users\[0\]\.name is "default", a reserved name/],
        ["an empty user list", { users: [] }, /users is empty/],
        ["a bad user name", { users: [{ name: "App User", role: "readonly" }] }, /users\[0\]\.name is "App User"/],
        [
            "a key pattern with a tilde",
            { users: [{ name: "app", role: "readonly", keyPatterns: ["~x:*"] }] },
            /users\[0\]\.keyPatterns\[0\] is "~x:\*"/,
        ],
        ["an unknown engine", { engine: "memcached" }, /engine is "memcached"\. Allowed: "redis", "valkey"/],
        [
            "a version without RBAC and required TLS",
            { engineVersion: "6.2" },
            /engineVersion is "6\.2" for engine "redis", which lacks RBAC with required TLS\. Allowed: "7\.0", "7\.1"/,
        ],
        ["a Redis version for Valkey", { engine: "valkey", engineVersion: "7.1" }, /engineVersion is "7\.1" for engine "valkey"/],
        ["a bad node type", { nodeType: "r7g.large" }, /nodeType is "r7g\.large"\. Allowed: an ElastiCache node type/],
        ["a privileged port", { port: 80 }, /port is 80\. Allowed: a whole number from 1024 to 65535/],
        ["a bad group id", { replicationGroupId: "Cache_1" }, /replicationGroupId is "Cache_1"\. Allowed: 1 to 40 lowercase/],
        ["a bad snapshot window", { snapshotWindow: "3am" }, /snapshotWindow is "3am"/],
        ["a short snapshot window", { snapshotWindow: "03:00-03:30" }, /snapshotWindow is "03:00-03:30", shorter than 60 minutes/],
        ["a bad maintenance window", { maintenanceWindow: "sunday" }, /maintenanceWindow is "sunday"/],
        [
            "overlapping windows",
            { snapshotWindow: "05:00-07:00" },
            /snapshotWindow "05:00-07:00" overlaps maintenanceWindow "sun:05:00-sun:06:00"/,
        ],
        [
            "a log retention CloudWatch lacks",
            { logRetentionDays: 10 },
            /logRetentionDays is 10\. Allowed: one of CloudWatch's retention periods/,
        ],
        ["an unknown eviction policy", { maxmemoryPolicy: "lru" }, /maxmemoryPolicy is "lru"/],
        [
            "a password for an unknown user",
            { userPasswords: { ghost: "x" } },
            /userPasswords\.ghost names no user of this cache\. Allowed: "app"/,
        ],
        ["a secret replica in a bad region", { secretReplicas: [{ region: "moon" }] }, /secretReplicas\[0\]\.region is "moon"/],
        [
            "a secret replica in the cache's region",
            { region: "eu-west-1", secretReplicas: [{ region: "eu-west-1" }] },
            /secretReplicas\[0\]\.region "eu-west-1" is the cache's own region or repeated/,
        ],
        [
            "a restore into a Global Datastore secondary",
            { globalReplicationGroupId: "ldgnf-x", restoreFrom: { snapshotName: "s" } },
            /restoreFrom is set on a Global Datastore secondary/,
        ],
    ];

    it.each(cases)("refuses %s at construction, before any resource exists", (_, args, message) => {
        expect(() => new components.ElastiCacheRedis("bad", { ...BASE_ARGS, ...args } as any)).toThrow(message);
        expect(() => new components.ElastiCacheRedis("bad", { ...BASE_ARGS, ...args } as any)).toThrow(components.InvalidArgumentError);
        expect(harness.resources).toEqual([]);
    });

    it("names the component in every message", () => {
        expect(() => new components.ElastiCacheRedis("orders-cache", { ...BASE_ARGS, subnetIds: [] })).toThrow(
            /^ElastiCacheRedis "orders-cache": subnetIds/,
        );
    });

    it("refuses a default group id derived from a name that is too long", () => {
        expect(() => new components.ElastiCacheRedis("a".repeat(41), BASE_ARGS)).toThrow(
            /name \(the default replicationGroupId\) is "a{41}"/,
        );
    });

    it("checks a CIDR that is an unresolved output once it resolves, and fails the program", () => {
        const run = runProgram("test/fixtures/late-public-cidr.ts");
        expect(run.status).not.toBe(0);
        expect(run.stderr).toMatch(
            /ElastiCacheRedis "late": allowedCidrBlocks\[1\] "0\.0\.0\.0\/0" is public or wider than a private range/,
        );
        expect(run.stderr).not.toMatch(/allowedCidrBlocks\[0\]/);
    });
});

describe("ElastiCacheRedis missing and misspelt arguments", () => {
    const ALL_NAMES =
        "vpcId, subnetIds, allowedSecurityGroupIds, allowedCidrBlocks, engine, engineVersion, nodeType, numCacheClusters, shards, replicasPerShard, highAvailability, port, replicationGroupId, kmsKeyArn, users, snapshotRetentionDays, snapshotWindow, maintenanceWindow, logRetentionDays, maxmemoryPolicy, alarms, dashboard, notifications, logForwarding, backup, restoreFrom, restoreDrill, globalReplicationGroupId, userPasswords, secretReplicas, tags, region";
    const VPC_ALLOWED = 'Allowed: the id of the VPC that holds subnetIds, such as "vpc-0123456789abcdef0".';
    const ARGS_ALLOWED = "Allowed: an object with vpcId, subnetIds, and allowedSecurityGroupIds or allowedCidrBlocks.";
    const LOG_DESTINATION = "arn:aws:logs:us-east-1:123456789012:destination:central";

    const refusals: [string, unknown, string][] = [
        ["no args at all", undefined, `args is not set. ${ARGS_ALLOWED}`],
        ["null args", null, `args is null. ${ARGS_ALLOWED}`],
        ["a string for args", "vpc-0abc", `args is the string "vpc-0abc". ${ARGS_ALLOWED}`],
        ["a list for args", [BASE_ARGS], `args is a list. ${ARGS_ALLOWED}`],
        ["no vpcId", { subnetIds: ["subnet-a"], allowedSecurityGroupIds: ["sg-0client"] }, `vpcId is not set. ${VPC_ALLOWED}`],
        ["an undefined vpcId", { ...BASE_ARGS, vpcId: undefined }, `vpcId is not set. ${VPC_ALLOWED}`],
        ["an empty vpcId", { ...BASE_ARGS, vpcId: "" }, `vpcId is "". ${VPC_ALLOWED}`],
        ["a blank vpcId", { ...BASE_ARGS, vpcId: "  " }, `vpcId is "  ". ${VPC_ALLOWED}`],
        ["a vpcId that is not a string", { ...BASE_ARGS, vpcId: 42 }, `vpcId is the number 42. ${VPC_ALLOWED}`],
        [
            "nodetype",
            { ...BASE_ARGS, nodetype: "cache.t4g.small" },
            `nodetype is not an argument. Did you mean nodeType? Allowed: ${ALL_NAMES}.`,
        ],
        [
            "snapshotRetentionDay",
            { ...BASE_ARGS, snapshotRetentionDay: 1 },
            `snapshotRetentionDay is not an argument. Did you mean snapshotRetentionDays? Allowed: ${ALL_NAMES}.`,
        ],
        ["a name like no argument", { ...BASE_ARGS, colour: "blue" }, `colour is not an argument. Allowed: ${ALL_NAMES}.`],
        [
            "a name that is not an identifier",
            { ...BASE_ARGS, "node type": "cache.t4g.small" },
            `"node type" is not an argument. Did you mean nodeType? Allowed: ${ALL_NAMES}.`,
        ],
        [
            "a misspelt user field",
            {
                ...BASE_ARGS,
                users: [
                    { name: "app", role: "readwrite" },
                    { name: "ro", rol: "readonly" },
                ],
            },
            "users[1].rol is not an argument. Did you mean users[1].role? Allowed: name, role, keyPatterns.",
        ],
        [
            "keypatterns",
            { ...BASE_ARGS, users: [{ name: "app", role: "readonly", keypatterns: ["orders:*"] }] },
            "users[0].keypatterns is not an argument. Did you mean users[0].keyPatterns? Allowed: name, role, keyPatterns.",
        ],
        [
            "a user without a name",
            { ...BASE_ARGS, users: [{ role: "readonly" }] },
            "users[0].name is not set. Allowed: 1 to 29 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.",
        ],
        [
            "a user without a role",
            { ...BASE_ARGS, users: [{ name: "app" }] },
            'users[0].role is not set. Allowed: "readwrite", "readonly", "admin".',
        ],
        [
            "a user that is a string",
            { ...BASE_ARGS, users: ["app"] },
            'users[0] is the string "app". Allowed: { name, role, keyPatterns? }.',
        ],
        [
            "users that are not a list",
            { ...BASE_ARGS, users: { name: "app", role: "readwrite" } },
            "users is not a list. Allowed: a list of one or more { name, role, keyPatterns? }.",
        ],
        [
            "alarms.enable",
            { ...BASE_ARGS, alarms: { enable: false } },
            "alarms.enable is not an argument. Did you mean alarms.enabled? Allowed: enabled, latencySloMs, thresholds, disabled.",
        ],
        [
            "dashboard.enable",
            { ...BASE_ARGS, dashboard: { enable: false } },
            "dashboard.enable is not an argument. Did you mean dashboard.enabled? Allowed: enabled.",
        ],
        [
            "notifications.email",
            { ...BASE_ARGS, notifications: { email: ["ops@example.com"] } },
            "notifications.email is not an argument. Did you mean notifications.emails? Allowed: topicArn, emails, httpsEndpoints.",
        ],
        [
            "logForwarding.role",
            { ...BASE_ARGS, logForwarding: { destinationArn: LOG_DESTINATION, role: "x" } },
            "logForwarding.role is not an argument. Did you mean logForwarding.roleArn? Allowed: destinationArn, roleArn, logTypes, filterPattern.",
        ],
        [
            "backup.enable",
            { ...BASE_ARGS, backup: { enable: false } },
            "backup.enable is not an argument. Did you mean backup.enabled? Allowed: enabled, bucketName, schedule, rpoHours, transitionStorageClass, transitionAfterDays, expireAfterDays, objectLock, replicaRegion.",
        ],
        [
            "backup.objectLock.retention",
            { ...BASE_ARGS, backup: { objectLock: { mode: "COMPLIANCE", retention: 30 } } },
            "backup.objectLock.retention is not an argument. Did you mean backup.objectLock.retentionDays? Allowed: mode, retentionDays.",
        ],
        [
            "a backup that is not an object",
            { ...BASE_ARGS, backup: false },
            "backup is the boolean false. Allowed: an object with any of enabled, bucketName, schedule, rpoHours, transitionStorageClass, transitionAfterDays, expireAfterDays, objectLock, replicaRegion.",
        ],
        [
            "restoreFrom.snapshotname",
            { ...BASE_ARGS, restoreFrom: { snapshotname: "s" } },
            "restoreFrom.snapshotname is not an argument. Did you mean restoreFrom.snapshotName? Allowed: snapshotName, snapshotArns.",
        ],
        [
            "secretReplicas[0].kmsKey",
            { ...BASE_ARGS, secretReplicas: [{ region: "eu-west-1", kmsKey: "k" }] },
            "secretReplicas[0].kmsKey is not an argument. Did you mean secretReplicas[0].kmsKeyArn? Allowed: region, kmsKeyArn.",
        ],
    ];

    it.each([
        ["port before region", { port: 80, region: "eu-west-9" }, "port is 80."],
        [
            "unknown password users before the key",
            { userPasswords: { nobody: "x".repeat(32) }, kmsKeyArn: "alias/x" },
            "userPasswords.nobody names no user of this cache.",
        ],
        ["the engine before the port", { engine: "memcached", port: 80 }, 'engine is "memcached".'],
    ])("reports the first of several bad arguments in the order the arguments are checked: %s", (_, args, message) => {
        expect(() => new components.ElastiCacheRedis("c", { ...BASE_ARGS, ...args } as any)).toThrow(`ElastiCacheRedis "c": ${message}`);
    });

    it.each(refusals)("refuses %s with a message naming it and what is allowed", (_, args, message) => {
        const construct = () => new components.ElastiCacheRedis("c", args as any);
        expect(construct).toThrow(new components.InvalidArgumentError(`ElastiCacheRedis "c": ${message}`));
        expect(construct).toThrow(components.InvalidArgumentError);
        expect(harness.resources).toEqual([]);
    });

    it("accepts every argument name it documents", () => {
        expect(ELASTICACHE_REDIS_ARG_NAMES.join(", ")).toBe(ALL_NAMES);
        const everyName = Object.fromEntries(ELASTICACHE_REDIS_ARG_NAMES.map((name) => [name, undefined]));
        expect(() => validateElastiCacheRedisArgs("c", { ...everyName, ...BASE_ARGS } as any)).not.toThrow();
    });

    it("creates the security group in a vpcId that is an output, once it resolves", async () => {
        await deploy({ vpcId: pulumi.output("vpc-0late") });
        expect(harness.one("aws:ec2/securityGroup:SecurityGroup", "cache-sg").inputs.vpcId).toBe("vpc-0late");
    });

    it("checks a vpcId that is an unresolved output once it resolves, and fails the program", () => {
        const run = runProgram("test/fixtures/late-empty-vpc.ts");
        expect(run.status).not.toBe(0);
        expect(run.stderr).toContain(`ElastiCacheRedis "late": vpcId is "". ${VPC_ALLOWED}`);
    });
});
