import { readStackConfig } from "../../stacks/config";
import { subnetCidr } from "../../stacks/network";

const existing = JSON.stringify({
    mode: "existing",
    vpcId: "vpc-0abc",
    subnetIds: ["subnet-0abc"],
    clients: { securityGroupIds: ["sg-1"] },
});

describe("stack config", () => {
    it("reads a single-region ElastiCache stack, taking the region from aws:region", () => {
        const config = readStackConfig("hardened-redis", {
            "aws:region": "eu-west-1",
            "hardened-redis:target": "elasticache",
            "hardened-redis:network": existing,
            "hardened-redis:cache": JSON.stringify({ nodeType: "cache.r7g.large" }),
        });
        expect(config).toEqual({
            target: "elasticache",
            region: "eu-west-1",
            network: {
                mode: "existing",
                vpcId: "vpc-0abc",
                subnetIds: ["subnet-0abc"],
                clients: { securityGroupIds: ["sg-1"], cidrBlocks: [] },
            },
            cache: { nodeType: "cache.r7g.large" },
            tags: {},
        });
    });

    it.each([
        ["an unknown top-level key", { "hardened-redis:replicas": "3" }, /hardened-redis:\(root\): unknown key "replicas"/],
        [
            "a misspelt cache key",
            { "hardened-redis:cache": JSON.stringify({ nodetype: "cache.r7g.large" }) },
            /hardened-redis:cache: unknown key "nodetype"/,
        ],
        [
            "a wrong value type",
            { "hardened-redis:cache": JSON.stringify({ numCacheClusters: "two" }) },
            /hardened-redis:cache\.numCacheClusters: Invalid input: expected number, received string/,
        ],
        [
            "an unknown role",
            { "hardened-redis:cache": JSON.stringify({ users: [{ name: "a", role: "root" }] }) },
            /hardened-redis:cache\.users\.0\.role: Invalid option: expected one of "readwrite"\|"readonly"\|"admin"/,
        ],
        [
            "a bad VPC id",
            { "hardened-redis:network": JSON.stringify({ mode: "existing", vpcId: "my-vpc", subnetIds: ["subnet-0a"], clients: {} }) },
            /hardened-redis:network\.vpcId: a VPC id such as vpc-0123456789abcdef0/,
        ],
        [
            "an unknown network mode",
            { "hardened-redis:network": JSON.stringify({ mode: "public" }) },
            /hardened-redis:network\.mode: Invalid discriminator value. Expected 'existing' \| 'private-vpc'/,
        ],
        ["a bad region", { "aws:region": "mars-1" }, /hardened-redis:region: an AWS region such as us-east-1/],
    ])("refuses %s, naming the key", (_, overrides, message) => {
        const values = {
            "aws:region": "us-east-1",
            "hardened-redis:target": "elasticache",
            "hardened-redis:network": existing,
            ...overrides,
        };
        expect(() => readStackConfig("hardened-redis", values)).toThrow(message);
    });

    it("reads a serverless stack, taking the region from aws:region, and a sharded cache", () => {
        const config = readStackConfig("hardened-redis", {
            "aws:region": "us-west-2",
            "hardened-redis:target": "serverless",
            "hardened-redis:network": existing,
            "hardened-redis:serverless": JSON.stringify({ cacheUsageLimits: { dataStorageMaximumGb: 50 } }),
        });
        expect(config).toMatchObject({
            target: "serverless",
            region: "us-west-2",
            serverless: { cacheUsageLimits: { dataStorageMaximumGb: 50 } },
        });
        const sharded = readStackConfig("hardened-redis", {
            "aws:region": "eu-central-1",
            "hardened-redis:target": "elasticache",
            "hardened-redis:network": existing,
            "hardened-redis:cache": JSON.stringify({ shards: 4, replicasPerShard: 1 }),
        });
        expect(sharded).toMatchObject({ cache: { shards: 4, replicasPerShard: 1 } });
        expect(() =>
            readStackConfig("hardened-redis", {
                "aws:region": "us-west-2",
                "hardened-redis:target": "serverless",
                "hardened-redis:network": existing,
                "hardened-redis:serverless": JSON.stringify({ cacheUsageLimit: {} }),
            }),
        ).toThrow(/hardened-redis:serverless: unknown key "cacheUsageLimit"/);
    });

    it("refuses an unknown target", () => {
        expect(() => readStackConfig("hardened-redis", { "hardened-redis:target": "memcached" })).toThrow(
            /hardened-redis:target: Invalid discriminator value. Expected 'elasticache' \| 'serverless' \| 'global' \| 'kubernetes'/,
        );
    });
});

describe("subnetCidr", () => {
    it("splits a VPC block into sixteenths, one per zone", () => {
        expect([0, 1, 2].map((i) => subnetCidr("10.40.0.0/16", i))).toEqual(["10.40.0.0/20", "10.40.16.0/20", "10.40.32.0/20"]);
        expect(subnetCidr("192.168.0.0/20", 3)).toBe("192.168.3.0/24");
    });
});
