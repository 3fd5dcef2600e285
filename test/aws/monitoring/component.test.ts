import { MockHarness, isSecretValue, promiseOf, unwrapSecret } from "../../support/harness";
import { runProgram } from "../../support/run-program";
import { expectedAlarmNames } from "./expected-alarms";

const harness = new MockHarness();
let components: typeof import("hardened-redis");

const BASE_ARGS = {
    vpcId: "vpc-0123456789abcdef0",
    subnetIds: ["subnet-a", "subnet-b"],
    allowedSecurityGroupIds: ["sg-0client"],
};
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const TOPIC = "aws:sns/topic:Topic";
const SUBSCRIPTION = "aws:sns/topicSubscription:TopicSubscription";
const DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";
const FILTER = "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter";
const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const CREATED_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:cache-notifications";
const CREATED_KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/cache-key";
const KINESIS = "arn:aws:kinesis:us-east-1:123456789012:stream/central-logs";
const LOGS_ROLE = "arn:aws:iam::123456789012:role/cwl-to-kinesis";

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
});
beforeEach(() => harness.reset());

type Args = Partial<import("hardened-redis").ElastiCacheRedisArgs>;

async function deploy(args: Args = {}) {
    const cache = new components.ElastiCacheRedis("cache", { ...BASE_ARGS, ...args });
    await harness.settle(cache);
    return cache;
}

/** The alarms on ElastiCache metrics; other modules of the component may add alarms of their own. */
const nodeAlarmResources = () => harness.ofType(ALARM).filter((r) => r.inputs.namespace === "AWS/ElastiCache");
const alarms = () => nodeAlarmResources().map((r) => r.inputs);

describe("ElastiCacheRedis alarms", () => {
    it("creates 14 alarms on a single node, without replication lag", async () => {
        const cache = await deploy({ numCacheClusters: 1, highAvailability: false });
        expect(
            alarms()
                .map((a) => a.name)
                .sort(),
        ).toEqual(expectedAlarmNames(["cache-001"], false));
        expect((await promiseOf(cache.alarmNames)).sort()).toEqual(expectedAlarmNames(["cache-001"], false));
    });

    it("creates 30 alarms on two nodes, with replication lag on both", async () => {
        await deploy();
        expect(
            alarms()
                .map((a) => a.name)
                .sort(),
        ).toEqual(expectedAlarmNames(["cache-001", "cache-002"], true));
    });

    it("creates 45 alarms on three nodes", async () => {
        await deploy({ numCacheClusters: 3 });
        expect(
            alarms()
                .map((a) => a.name)
                .sort(),
        ).toEqual(expectedAlarmNames(["cache-001", "cache-002", "cache-003"], true));
    });

    it("puts every ElastiCache alarm on a member node, never on the group id", async () => {
        const cache = await deploy({ numCacheClusters: 3, replicationGroupId: "orders" });
        const members = await promiseOf(cache.memberClusterIds);
        expect(members).toEqual(["orders-001", "orders-002", "orders-003"]);
        expect(alarms()).toHaveLength(45);
        for (const alarm of alarms()) {
            expect(Object.keys(alarm.dimensions)).toEqual(["CacheClusterId"]);
            expect(members).toContain(alarm.dimensions.CacheClusterId);
            expect(alarm.dimensions.CacheClusterId).not.toBe("orders");
            expect(alarm.name).toBe(`${alarm.dimensions.CacheClusterId}-${alarm.metricName}`);
        }
    });

    it("sends alarm and OK notifications to the created topic", async () => {
        await deploy();
        for (const alarm of alarms()) {
            expect(alarm).toMatchObject({ actionsEnabled: true, alarmActions: [CREATED_TOPIC_ARN], okActions: [CREATED_TOPIC_ARN] });
            expect(alarm.insufficientDataActions ?? []).toEqual([]);
        }
    });

    it("records the rule of each alarm in its inputs", async () => {
        await deploy();
        const byName = Object.fromEntries(alarms().map((a) => [a.name, a]));
        expect(byName["cache-002-EngineCPUUtilization"]).toMatchObject({
            metricName: "EngineCPUUtilization",
            statistic: "Average",
            comparisonOperator: "GreaterThanThreshold",
            threshold: 90,
            period: 60,
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
            treatMissingData: "breaching",
        });
        expect(byName["cache-001-CPUUtilization"]).toMatchObject({ threshold: 45, treatMissingData: "notBreaching" });
        expect(byName["cache-001-GetTypeCmdsLatency"]).toMatchObject({ threshold: 2000, evaluationPeriods: 3 });
        expect(byName["cache-001-CacheHitRate"]).toMatchObject({ comparisonOperator: "LessThanThreshold", threshold: 80 });
        expect(byName["cache-001-AuthenticationFailures"].alarmDescription).toMatch(
            /^AuthenticationFailures Sum > 0 \(Count\) for 1 of 1 minutes on cache-001\. Failed AUTH/,
        );
    });

    it("follows the node type's vCPUs for the host CPU alarm", async () => {
        await deploy({ nodeType: "cache.t2.micro", numCacheClusters: 1, highAvailability: false });
        expect(
            alarms()
                .filter((a) => a.metricName === "CPUUtilization")
                .map((a) => a.threshold),
        ).toEqual([90]);
        harness.reset();
        await deploy({ nodeType: "cache.r7g.2xlarge" });
        expect(alarms().filter((a) => a.metricName === "CPUUtilization")).toEqual([]);
        expect(alarms()).toHaveLength(28);
    });

    it("applies threshold overrides, the latency SLO and disabled alarms", async () => {
        await deploy({ alarms: { latencySloMs: 1, thresholds: { Evictions: 500, SetTypeCmdsLatency: 4000 }, disabled: ["CacheHitRate"] } });
        const thresholdOf = (name: string) => alarms().find((a) => a.name === name)?.threshold;
        expect(thresholdOf("cache-001-Evictions")).toBe(500);
        expect(thresholdOf("cache-002-GetTypeCmdsLatency")).toBe(1000);
        expect(thresholdOf("cache-002-SetTypeCmdsLatency")).toBe(4000);
        expect(alarms().filter((a) => a.metricName === "CacheHitRate")).toEqual([]);
        expect(alarms()).toHaveLength(28);
    });

    it("creates no alarm when switched off, while events still reach the topic", async () => {
        const cache = await deploy({ alarms: { enabled: false } });
        expect(alarms()).toEqual([]);
        expect(await promiseOf(cache.alarmNames)).toEqual([]);
        expect(harness.one(GROUP).inputs.notificationTopicArn).toBe(CREATED_TOPIC_ARN);
    });

    it("adds the cross-region lag alarm on every member once the cache joins a Global Datastore as a secondary, and only then", async () => {
        const secondary = await deploy({ globalReplicationGroupId: "ldgnf-orders", replicationGroupId: "orders-eu-west-1" });
        const members = ["orders-eu-west-1-001", "orders-eu-west-1-002"];
        expect(
            alarms()
                .map((a) => a.name)
                .sort(),
        ).toEqual(expectedAlarmNames(members, true, true));
        expect((await promiseOf(secondary.alarmNames)).sort()).toEqual(expectedAlarmNames(members, true, true));
        const lag = alarms().filter((a) => a.metricName === "GlobalDatastoreReplicationLag");
        expect(lag.map((a) => a.dimensions)).toEqual(members.map((id) => ({ CacheClusterId: id })));
        for (const alarm of lag) {
            expect(alarm).toMatchObject({
                namespace: "AWS/ElastiCache",
                statistic: "Average",
                threshold: 5,
                period: 60,
                evaluationPeriods: 5,
                datapointsToAlarm: 5,
            });
            expect(alarm).toMatchObject({ actionsEnabled: true, alarmActions: ["arn:aws:sns:us-east-1:123456789012:cache-notifications"] });
        }
        harness.reset();
        await deploy({ alarms: { thresholds: { GlobalDatastoreReplicationLag: 10 } } });
        expect(alarms().filter((a) => a.metricName === "GlobalDatastoreReplicationLag")).toEqual([]);
    });

    it("creates the alarms after the replication group, so their nodes exist", async () => {
        await deploy();
        const groupUrn = harness.one(GROUP).urn;
        for (const alarm of nodeAlarmResources()) expect(alarm.dependencies).toContain(groupUrn);
    });
});

describe("ElastiCacheRedis notifications", () => {
    it("creates a topic encrypted with the created key and points the group's events at it", async () => {
        const cache = await deploy();
        expect(harness.one(TOPIC).inputs).toMatchObject({
            name: "cache-notifications",
            kmsMasterKeyId: CREATED_KEY_ARN,
            signatureVersion: 2,
        });
        expect(harness.one(GROUP).inputs.notificationTopicArn).toBe(CREATED_TOPIC_ARN);
        expect(await promiseOf(cache.notificationTopicArn)).toBe(CREATED_TOPIC_ARN);
    });

    it("encrypts the topic with a given key", async () => {
        const keyArn = "arn:aws:kms:us-east-1:123456789012:key/existing";
        await deploy({ kmsKeyArn: keyArn });
        expect(harness.one(TOPIC).inputs.kmsMasterKeyId).toBe(keyArn);
    });

    it("lets CloudWatch and ElastiCache of this account use the created key for the topic", async () => {
        await deploy();
        const policy = JSON.parse(harness.one("aws:kms/key:Key").inputs.policy);
        const publish = policy.Statement.find((s: any) => s.Sid === "PublishToEncryptedTopic");
        expect(publish.Principal.Service).toEqual(expect.arrayContaining(["cloudwatch.amazonaws.com", "elasticache.amazonaws.com"]));
        expect(publish.Action).toEqual(["kms:Decrypt", "kms:GenerateDataKey*"]);
        expect(publish.Condition).toEqual({ StringEquals: { "aws:SourceAccount": "123456789012" } });
    });

    it("uses a given topic for alarms and events instead of creating one", async () => {
        const topicArn = "arn:aws:sns:us-east-1:123456789012:central-oncall";
        const cache = await deploy({ notifications: { topicArn } });
        expect(harness.ofType(TOPIC)).toEqual([]);
        expect(harness.one(GROUP).inputs.notificationTopicArn).toBe(topicArn);
        for (const alarm of alarms()) expect(alarm).toMatchObject({ alarmActions: [topicArn], okActions: [topicArn] });
        expect(await promiseOf(cache.notificationTopicArn)).toBe(topicArn);
    });

    it("subscribes emails, and https endpoints as secrets", async () => {
        const pagerUrl = "https://events.example.com/integration/0123456789abcdef/enqueue";
        await deploy({ notifications: { emails: ["oncall@example.com", "team@example.com"], httpsEndpoints: [pagerUrl] } });
        const subscriptions = harness.ofType(SUBSCRIPTION).map((s) => s.inputs);
        expect(subscriptions.filter((s) => s.protocol === "email")).toEqual([
            expect.objectContaining({ topic: CREATED_TOPIC_ARN, endpoint: "oncall@example.com" }),
            expect.objectContaining({ topic: CREATED_TOPIC_ARN, endpoint: "team@example.com" }),
        ]);
        const https = subscriptions.filter((s) => s.protocol === "https");
        expect(https).toHaveLength(1);
        expect(https[0].topic).toBe(CREATED_TOPIC_ARN);
        expect(isSecretValue(https[0].endpoint)).toBe(true);
        expect(unwrapSecret(https[0].endpoint)).toBe(pagerUrl);
    });

    it("creates no subscription unless asked", async () => {
        await deploy();
        expect(harness.ofType(SUBSCRIPTION)).toEqual([]);
    });
});

describe("ElastiCacheRedis dashboard", () => {
    it("creates one dashboard whose JSON names every member node", async () => {
        const cache = await deploy({ numCacheClusters: 3 });
        const dashboard = harness.one(DASHBOARD).inputs;
        expect(dashboard.dashboardName).toBe("redis-cache-us-east-1");
        expect(await promiseOf(cache.dashboardName)).toBe("redis-cache-us-east-1");
        const body = JSON.parse(dashboard.dashboardBody);
        // The node graphs; the restore drill's panels after them graph the group (test/aws/restore-drill/).
        const nodeWidgets = body.widgets.filter((w: any) => w.properties.metrics[0][0] === "AWS/ElastiCache");
        expect(nodeWidgets.length).toBe(body.widgets.length - 3);
        for (const widget of body.widgets) expect(widget.properties.region).toBe("us-east-1");
        for (const widget of nodeWidgets) {
            expect(widget.properties.metrics.map((line: any[]) => line[3])).toEqual(["cache-001", "cache-002", "cache-003"]);
        }
        expect(body.widgets.map((w: any) => w.properties.metrics[0][1])).toContain("ReplicationLag");
    });

    it("is left out when switched off", async () => {
        const cache = await deploy({ dashboard: { enabled: false } });
        expect(harness.ofType(DASHBOARD)).toEqual([]);
        expect(await promiseOf(cache.dashboardName)).toBeUndefined();
    });
});

describe("ElastiCacheRedis log forwarding", () => {
    it("is off unless a destination is given", async () => {
        await deploy();
        expect(harness.ofType(FILTER)).toEqual([]);
    });

    it("subscribes both log groups to a Kinesis stream through the given role", async () => {
        await deploy({ logForwarding: { destinationArn: KINESIS, roleArn: LOGS_ROLE } });
        expect(harness.ofType(FILTER).map((f) => f.inputs)).toEqual([
            expect.objectContaining({
                name: "cache-slow-log-forwarding",
                logGroup: "/aws/vendedlogs/elasticache/cache/slow-log",
                destinationArn: KINESIS,
                roleArn: LOGS_ROLE,
                filterPattern: "",
            }),
            expect.objectContaining({
                name: "cache-engine-log-forwarding",
                logGroup: "/aws/vendedlogs/elasticache/cache/engine-log",
                destinationArn: KINESIS,
                roleArn: LOGS_ROLE,
                filterPattern: "",
            }),
        ]);
    });

    it("forwards only the chosen log with its filter pattern to a central log account's destination", async () => {
        const destination = "arn:aws:logs:us-east-1:210987654321:destination:central-redis";
        await deploy({ logForwarding: { destinationArn: destination, logTypes: ["engine-log"], filterPattern: "?WARNING ?ERROR" } });
        const filter = harness.one(FILTER);
        expect(filter.inputs).toMatchObject({
            logGroup: "/aws/vendedlogs/elasticache/cache/engine-log",
            destinationArn: destination,
            filterPattern: "?WARNING ?ERROR",
        });
        expect(filter.inputs.roleArn).toBeUndefined();
        expect(filter.dependencies).toContain(harness.one("aws:cloudwatch/logGroup:LogGroup", "cache-engine-log").urn);
    });

    it("accepts a Firehose delivery stream", async () => {
        const firehose = "arn:aws:firehose:us-east-1:123456789012:deliverystream/redis-logs";
        await deploy({ logForwarding: { destinationArn: firehose, roleArn: LOGS_ROLE } });
        expect(harness.ofType(FILTER).map((f) => f.inputs.destinationArn)).toEqual([firehose, firehose]);
    });

    it("refuses a destination that resolves late to an unsupported ARN, naming the argument", () => {
        const run = runProgram("test/aws/monitoring/fixtures/late-log-destination.ts");
        expect(run.status).not.toBe(0);
        expect(run.stderr).toMatch(
            /ElastiCacheRedis "late": logForwarding\.destinationArn is "arn:aws:s3:::audit-bucket"\. Allowed: the ARN of a CloudWatch Logs destination/,
        );
    });
});

describe("ElastiCacheRedis monitoring children", () => {
    it("carry the tags and the region", async () => {
        await deploy({
            tags: { team: "payments" },
            region: "eu-west-1",
            notifications: { emails: ["oncall@example.com"], httpsEndpoints: ["https://hooks.example.com/x"] },
            logForwarding: { destinationArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/logs", roleArn: LOGS_ROLE },
        });
        const children = [...nodeAlarmResources(), ...[TOPIC, SUBSCRIPTION, DASHBOARD, FILTER].flatMap((type) => harness.ofType(type))];
        expect(new Set(children.map((c) => c.type)).size).toBe(5);
        for (const child of children) expect([child.type, child.inputs.region]).toEqual([child.type, "eu-west-1"]);
        for (const child of children.filter((c) => c.type === ALARM || c.type === TOPIC)) {
            expect([child.type, child.inputs.tags]).toEqual([child.type, { "managed-by": "hardened-redis", team: "payments" }]);
        }
        const dashboard = harness.one(DASHBOARD).inputs;
        expect(dashboard.dashboardName).toBe("redis-cache-eu-west-1");
        expect(JSON.parse(dashboard.dashboardBody).widgets.every((w: any) => w.properties.region === "eu-west-1")).toBe(true);
    });
});

describe("ElastiCacheRedis monitoring bad input", () => {
    const cases: [string, Args, RegExp][] = [
        [
            "an unknown alarm metric",
            { alarms: { thresholds: { Cpu: 50 } as any } },
            /alarms\.thresholds key is "Cpu"\. Allowed: "EngineCPUUtilization"/,
        ],
        [
            "a negative threshold",
            { alarms: { thresholds: { ReplicationLag: -1 } } },
            /alarms\.thresholds\.ReplicationLag is -1\. Allowed: a number of seconds, 0 or more/,
        ],
        ["an unknown disabled alarm", { alarms: { disabled: ["Swap" as any] } }, /alarms\.disabled\[0\] is "Swap"/],
        ["a latency SLO of zero", { alarms: { latencySloMs: 0 } }, /alarms\.latencySloMs is 0/],
        [
            "a node type without a known size",
            { nodeType: "cache.z9.large" },
            /nodeType "cache\.z9\.large" has no known vCPU count and memory/,
        ],
        [
            "a topic ARN that is not one",
            { notifications: { topicArn: "oncall" } },
            /notifications\.topicArn is "oncall"\. Allowed: the ARN of a standard \(not FIFO\) SNS topic/,
        ],
        [
            "a FIFO topic",
            { notifications: { topicArn: "arn:aws:sns:us-east-1:123456789012:alerts.fifo" } },
            /notifications\.topicArn is "arn:aws:sns:us-east-1:123456789012:alerts\.fifo"/,
        ],
        [
            "a bad email",
            { notifications: { emails: ["oncall@example.com", "oncall"] } },
            /notifications\.emails\[1\] is "oncall"\. Allowed: an email address/,
        ],
        [
            "an http endpoint",
            { notifications: { httpsEndpoints: ["http://hooks.example.com/secret-token"] } },
            /notifications\.httpsEndpoints\[0\] is not an https URL \(value not shown\)\. Allowed: an https:\/\/ URL/,
        ],
        [
            "an endpoint that is not a URL",
            { notifications: { httpsEndpoints: ["hooks.example.com"] } },
            /notifications\.httpsEndpoints\[0\] is not an https URL/,
        ],
        [
            "an S3 bucket as log destination",
            { logForwarding: { destinationArn: "arn:aws:s3:::logs" } },
            /logForwarding\.destinationArn is "arn:aws:s3:::logs"\. Allowed: the ARN of a CloudWatch Logs destination, a Kinesis data stream, a Firehose delivery stream/,
        ],
        [
            "a Kinesis destination without a role",
            { logForwarding: { destinationArn: KINESIS } },
            /logForwarding\.roleArn is missing for the Kinesis data stream/,
        ],
        [
            "a role that is not a role ARN",
            { logForwarding: { destinationArn: KINESIS, roleArn: "cwl-role" } },
            /logForwarding\.roleArn is "cwl-role"\. Allowed: an IAM role ARN/,
        ],
        [
            "an unknown log type",
            { logForwarding: { destinationArn: KINESIS, roleArn: LOGS_ROLE, logTypes: ["audit-log" as never] } },
            /logForwarding\.logTypes\[0\] is "audit-log"\. Allowed: "slow-log", "engine-log"/,
        ],
        [
            "a log type twice",
            { logForwarding: { destinationArn: KINESIS, roleArn: LOGS_ROLE, logTypes: ["slow-log", "slow-log"] } },
            /logForwarding\.logTypes lists a log type twice/,
        ],
        [
            "no log type",
            { logForwarding: { destinationArn: KINESIS, roleArn: LOGS_ROLE, logTypes: [] } },
            /logForwarding\.logTypes is empty/,
        ],
        [
            "an overlong filter pattern",
            { logForwarding: { destinationArn: KINESIS, roleArn: LOGS_ROLE, filterPattern: "x".repeat(1025) } },
            /logForwarding\.filterPattern has 1025 characters/,
        ],
    ];

    it.each(cases)("refuses %s at construction, before any resource exists", (_, args, message) => {
        expect(() => new components.ElastiCacheRedis("bad", { ...BASE_ARGS, ...args })).toThrow(message);
        expect(() => new components.ElastiCacheRedis("bad", { ...BASE_ARGS, ...args })).toThrow(components.InvalidArgumentError);
        expect(harness.resources).toEqual([]);
    });

    it("keeps an https endpoint's value out of the error", () => {
        expect(
            () =>
                new components.ElastiCacheRedis("bad", {
                    ...BASE_ARGS,
                    notifications: { httpsEndpoints: ["http://hooks.example.com/secret-token"] },
                }),
        ).toThrow(expect.objectContaining({ message: expect.not.stringContaining("secret-token") }));
    });
});
