import { formatPlan, formatViolations, planGroups } from "hardened-redis-gate";
import { RegisteredResource } from "hardened-redis-gate";

const resource = (type: string, name: string, extra: Partial<RegisteredResource> = {}): RegisteredResource => ({
    type,
    name,
    urn: `urn:pulumi:s::p::${type}::${name}`,
    inputs: {},
    id: "",
    dependencies: [],
    propertyDependencies: {},
    ...extra,
});

describe("the plan tree", () => {
    const component = resource("hardened-redis:index:ElastiCacheRedis", "cache");
    const west = resource("pulumi:providers:aws", "west", { inputs: { region: "eu-west-1" } });
    const resources = [
        component,
        west,
        resource("aws:kms/key:Key", "k1", { parent: component.urn, inputs: { region: "us-east-2" } }),
        resource("aws:kms/key:Key", "k2", { parent: component.urn }),
        resource("aws:sns/topic:Topic", "t", { parent: component.urn, provider: `${west.urn}::west-id` }),
        resource("random:index/randomPassword:RandomPassword", "p", { parent: component.urn }),
        resource("aws:ec2/vpc:Vpc", "vpc"),
    ];

    it("groups by region (own, provider's, stack default), then by top-level component, counting types", () => {
        expect(planGroups(resources, "us-east-1")).toEqual([
            {
                region: "(not regional)",
                component: 'hardened-redis:index:ElastiCacheRedis "cache"',
                counts: { "random:index/randomPassword:RandomPassword": 1 },
                total: 1,
            },
            {
                region: "eu-west-1",
                component: 'hardened-redis:index:ElastiCacheRedis "cache"',
                counts: { "aws:sns/topic:Topic": 1 },
                total: 1,
            },
            { region: "us-east-1", component: "(program)", counts: { "aws:ec2/vpc:Vpc": 1 }, total: 1 },
            { region: "us-east-1", component: 'hardened-redis:index:ElastiCacheRedis "cache"', counts: { "aws:kms/key:Key": 1 }, total: 1 },
            { region: "us-east-2", component: 'hardened-redis:index:ElastiCacheRedis "cache"', counts: { "aws:kms/key:Key": 1 }, total: 1 },
        ]);
    });

    it("counts neither nested components nor any other resource with children, and puts IAM under aws-global", () => {
        const outer = resource("hardened-redis:index:GlobalElastiCacheRedis", "global");
        const member = resource("hardened-redis:index:ElastiCacheRedis", "member", { parent: outer.urn });
        const nested = [
            outer,
            member,
            resource("aws:elasticache/replicationGroup:ReplicationGroup", "group", { parent: member.urn, inputs: { region: "eu-west-1" } }),
            resource("aws:iam/role:Role", "role", { parent: member.urn }),
        ];
        expect(planGroups(nested, "us-east-1")).toEqual([
            {
                region: "aws-global",
                component: 'hardened-redis:index:GlobalElastiCacheRedis "global"',
                counts: { "aws:iam/role:Role": 1 },
                total: 1,
            },
            {
                region: "eu-west-1",
                component: 'hardened-redis:index:GlobalElastiCacheRedis "global"',
                counts: { "aws:elasticache/replicationGroup:ReplicationGroup": 1 },
                total: 1,
            },
        ]);
        expect(formatPlan(planGroups(nested, "us-east-1")).split("\n")[0]).toBe("Resources to create: 2, in 1 AWS region");
    });

    it("names no AWS region count for a program with no AWS resource", () => {
        const text = formatPlan(planGroups([resource("kubernetes:core/v1:Namespace", "ns")], undefined));
        expect(text.split("\n")[0]).toBe("Resources to create: 1");
    });

    it("prints the tree with totals", () => {
        const text = formatPlan(planGroups(resources, "us-east-1"));
        expect(text.split("\n")[0]).toBe("Resources to create: 5, in 3 AWS regions");
        expect(text).toContain(
            'us-east-1 (2)\n  (program) (1)\n      1  aws:ec2/vpc:Vpc\n  hardened-redis:index:ElastiCacheRedis "cache" (1)\n      1  aws:kms/key:Key',
        );
    });
});

describe("the violations table", () => {
    it("lists mandatory first, with the rule's own finding", () => {
        const text = formatViolations([
            {
                policyName: "b-rule",
                enforcementLevel: "advisory",
                message: "Description.\nFinding b.",
                resourceType: "aws:x:X",
                resourceName: "x",
            },
            { policyName: "a-rule", enforcementLevel: "mandatory", message: "Description.\nFinding a." },
        ]);
        expect(text.split("\n")).toEqual([
            "Policy violations: 1 mandatory, 1 advisory",
            "LEVEL      POLICY  RESOURCE     MESSAGE",
            "mandatory  a-rule  (stack)      Finding a.",
            'advisory   b-rule  aws:x:X "x"  Finding b.',
        ]);
    });
});
