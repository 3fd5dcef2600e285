import { cidrReach } from "../../policies/lib/cidr";
import { elastiCacheWithoutAlarms } from "../../policies/rules/elasticache-without-alarms";
import { globalDatastorePrimaryUnencrypted } from "../../policies/rules/global-datastore-primary-unencrypted";
import { redisPortOpenToInternet } from "../../policies/rules/redis-port-open-to-internet";
import { UNKNOWN_VALUE, describeRule, fedBy, planned } from "../support/policy-fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const GLOBAL = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const SERVERLESS = "aws:elasticache/serverlessCache:ServerlessCache";

describe("CIDR reach", () => {
    it.each([
        ["0.0.0.0/0", "internet"],
        ["::/0", "internet"],
        ["54.12.0.0/16", "public"],
        ["203.0.113.7/32", "public"],
        ["10.0.0.0/7", "public"],
        ["2600:1f18::/40", "public"],
        ["not-a-cidr", "public"],
        ["10.20.0.0/16", "private"],
        ["172.16.4.0/24", "private"],
        ["192.168.1.0/24", "private"],
        ["100.64.0.0/10", "private"],
        ["fd12:3456:789a::/48", "private"],
        ["2600:1f18:abcd:ef00::/56", "private"],
    ])("%s reaches %s", (cidr, reach) => {
        expect(cidrReach(cidr)).toBe(reach);
    });
});

const cache = planned(RG, "orders", { replicationGroupId: "orders", description: "x", port: 7000 });

describeRule(redisPortOpenToInternet, [
    {
        title: "ingress from security groups and private networks only",
        resources: [
            cache,
            planned(SG, "cache", {
                vpcId: "vpc-1",
                ingress: [
                    { protocol: "tcp", fromPort: 7000, toPort: 7000, securityGroups: ["sg-app"] },
                    { protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["10.0.0.0/16"] },
                ],
            }),
            planned(INGRESS, "app", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 7000,
                toPort: 7000,
                referencedSecurityGroupId: "sg-app",
            }),
            planned(SG_RULE, "web", {
                type: "ingress",
                securityGroupId: "sg-web",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrBlocks: ["0.0.0.0/0"],
            }),
        ],
        messages: [],
    },
    {
        title: "6379 open to the world inline",
        resources: [
            planned(SG, "redis", {
                vpcId: "vpc-1",
                ingress: [{ protocol: "tcp", fromPort: 6379, toPort: 6379, cidrBlocks: ["0.0.0.0/0"] }],
            }),
        ],
        messages: [/^SecurityGroup "redis" \(ingress\[0\]\) opens Redis port 6379 to 0\.0\.0\.0\/0, the whole internet/],
    },
    {
        title: "the cache's own port open to ::/0 through a SecurityGroupIngressRule",
        resources: [
            cache,
            planned(INGRESS, "v6", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 7000, toPort: 7000, cidrIpv6: "::/0" }),
        ],
        messages: [/^SecurityGroupIngressRule "v6" \(the rule\) opens Redis port 7000 to ::\/0, the whole internet/],
    },
    {
        title: "every port through an all-protocols SecurityGroupRule",
        resources: [
            planned(SG_RULE, "all", {
                type: "ingress",
                securityGroupId: "sg-1",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
            }),
        ],
        messages: [/opens Redis port 6379, 6380 to 0\.0\.0\.0\/0/],
    },
    {
        title: "a port range covering 6380 from a public block",
        resources: [
            planned(SG_RULE, "range", {
                type: "ingress",
                securityGroupId: "sg-1",
                protocol: "tcp",
                fromPort: 6000,
                toPort: 6999,
                cidrBlocks: ["198.51.100.0/24"],
            }),
        ],
        messages: [/opens Redis port 6379, 6380 to 198\.51\.100\.0\/24, a public address range/],
    },
    {
        title: "an egress SecurityGroupRule, which admits nothing",
        resources: [
            planned(SG_RULE, "out", {
                type: "egress",
                securityGroupId: "sg-1",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
            }),
        ],
        messages: [],
    },
    {
        title: "a configured extra Redis port",
        resources: [
            planned(INGRESS, "sentinel", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 26379,
                toPort: 26379,
                cidrIpv4: "0.0.0.0/0",
            }),
        ],
        config: { "redis-port-open-to-internet": { redisPorts: [26379] } },
        messages: [/opens Redis port 26379 to 0\.0\.0\.0\/0/],
    },
]);

const primary = planned(RG, "orders", {
    replicationGroupId: "orders",
    description: "x",
    atRestEncryptionEnabled: true,
    transitEncryptionEnabled: true,
    transitEncryptionMode: "required",
});
const globalOf = (group: ReturnType<typeof planned>) =>
    fedBy(
        planned(GLOBAL, "orders-global", { globalReplicationGroupIdSuffix: "orders", primaryReplicationGroupId: "orders" }),
        "primaryReplicationGroupId",
        group,
    );

describeRule(globalDatastorePrimaryUnencrypted, [
    { title: "an encrypted primary", resources: [primary, globalOf(primary)], messages: [] },
    {
        title: "a primary without encryption at rest, found by its id",
        resources: [
            { ...primary, props: { ...primary.props, atRestEncryptionEnabled: false } },
            planned(GLOBAL, "orders-global", { globalReplicationGroupIdSuffix: "orders", primaryReplicationGroupId: "orders" }),
        ],
        messages: [
            /^Global Datastore "orders-global" has primary ReplicationGroup "orders", which is not encrypted at rest; every secondary region inherits that/,
        ],
    },
    {
        title: "a primary that accepts plaintext, found by dependency",
        resources: (() => {
            const weak = planned(RG, "orders-primary", {
                replicationGroupId: UNKNOWN_VALUE,
                description: "x",
                atRestEncryptionEnabled: true,
                transitEncryptionEnabled: true,
                transitEncryptionMode: "preferred",
            });
            return [weak, globalOf(weak)];
        })(),
        messages: [/which is not encrypted in transit \(TLS required\)/],
    },
    {
        title: "a primary outside the program",
        resources: [planned(GLOBAL, "g", { globalReplicationGroupIdSuffix: "x", primaryReplicationGroupId: "elsewhere" })],
        messages: [],
    },
]);

const nodeAlarm = (metric: string, node: string, extra: Record<string, unknown> = {}) =>
    planned(ALARM, `${node}-${metric}`, {
        namespace: "AWS/ElastiCache",
        metricName: metric,
        dimensions: { CacheClusterId: node },
        alarmActions: ["arn:aws:sns:us-east-1:123456789012:alarms"],
        comparisonOperator: "GreaterThanThreshold",
        threshold: 90,
        evaluationPeriods: 5,
        period: 60,
        statistic: "Average",
        ...extra,
    });
const METRICS = ["EngineCPUUtilization", "DatabaseMemoryUsagePercentage", "Evictions", "CurrConnections"];
const twoNodes = planned(RG, "orders", { replicationGroupId: "orders", description: "x", numCacheClusters: 2 });
const shardedGroup = planned(RG, "orders", { replicationGroupId: "orders", description: "x", numNodeGroups: 2, replicasPerNodeGroup: 1 });
const SHARD_NODES = ["orders-0001-001", "orders-0001-002", "orders-0002-001", "orders-0002-002"];
const fullAlarms = METRICS.flatMap((m) => ["orders-001", "orders-002"].map((node) => nodeAlarm(m, node)));

describeRule(elastiCacheWithoutAlarms, [
    { title: "every required metric on every member node", resources: [twoNodes, ...fullAlarms], messages: [] },
    {
        title: "no alarms at all",
        resources: [twoNodes],
        messages: [
            /^ReplicationGroup "orders" lacks alarms with actions on EngineCPUUtilization \(orders-001, orders-002\); DatabaseMemoryUsagePercentage/,
        ],
    },
    {
        title: "alarms on the group id, which get no node data",
        resources: [
            twoNodes,
            ...fullAlarms.filter((a) => !a.name.startsWith("orders-002")),
            ...METRICS.map((m) =>
                planned(ALARM, `group-${m}`, {
                    namespace: "AWS/ElastiCache",
                    metricName: m,
                    dimensions: { ReplicationGroupId: "orders" },
                    alarmActions: ["arn:sns"],
                }),
            ),
        ],
        messages: [
            /lacks alarms with actions on EngineCPUUtilization \(orders-002\); DatabaseMemoryUsagePercentage \(orders-002\); Evictions \(orders-002\); CurrConnections \(orders-002\)/,
        ],
    },
    {
        title: "alarms that notify nobody",
        resources: [twoNodes, ...fullAlarms.map((a) => ({ ...a, props: { ...a.props, alarmActions: [] } }))],
        messages: [/lacks alarms with actions on EngineCPUUtilization \(orders-001, orders-002\)/],
    },
    {
        title: "only the configured metrics",
        resources: [twoNodes, nodeAlarm("Evictions", "orders-001"), nodeAlarm("Evictions", "orders-002")],
        config: { "elasticache-without-alarms": { requiredMetrics: ["Evictions"] } },
        messages: [],
    },
    {
        title: "a cluster-mode group with alarms on every node of every shard",
        resources: [shardedGroup, ...METRICS.flatMap((m) => SHARD_NODES.map((node) => nodeAlarm(m, node)))],
        messages: [],
    },
    {
        title: "a cluster-mode group whose second shard has no alarms",
        resources: [
            shardedGroup,
            ...METRICS.flatMap((m) => SHARD_NODES.filter((node) => node.startsWith("orders-0001")).map((node) => nodeAlarm(m, node))),
        ],
        messages: [/^ReplicationGroup "orders" lacks alarms with actions on EngineCPUUtilization \(orders-0002-001, orders-0002-002\);/],
    },
    {
        title: "a serverless cache with and without an alarm",
        resources: [
            planned(SERVERLESS, "sessions", { name: "sessions", engine: "valkey" }),
            planned(ALARM, "sessions-ecpu", {
                namespace: "AWS/ElastiCache",
                metricName: "ElastiCacheProcessingUnits",
                dimensions: { clusterId: "sessions" },
                alarmActions: ["arn:sns"],
            }),
            planned(SERVERLESS, "carts", { name: "carts", engine: "valkey" }),
        ],
        messages: [/^ServerlessCache "carts" has no CloudWatch alarm with actions/],
    },
]);
