import { toPlannedResource } from "hardened-redis-gate";
import { withAutoName } from "../../gate/src/auto-names";
import { elastiCacheWithoutAlarms } from "../../policies/rules/elasticache-without-alarms";
import { MockHarness } from "../support/harness";
import { messagesOf } from "../support/policy-fixtures";

const RG = "aws:elasticache/replicationGroup:ReplicationGroup";
const URN = "urn:pulumi:test::hardened-redis::aws:elasticache/replicationGroup:ReplicationGroup::Orders-Cache";

describe("the AWS provider's auto-names", () => {
    it("names a replication group <lowercased logical name>-<7 hex>, the same on every run", () => {
        const { replicationGroupId } = withAutoName(RG, URN, "Orders-Cache", { description: "c" });
        expect(replicationGroupId).toMatch(/^orders-cache-[0-9a-f]{7}$/);
        expect(withAutoName(RG, URN, "Orders-Cache", {}).replicationGroupId).toBe(replicationGroupId);
    });

    it("keeps the name's case where the provider does, and its other inputs", () => {
        expect(withAutoName("aws:ec2/securityGroup:SecurityGroup", "urn:sg", "Cache-SG", { vpcId: "vpc-1" })).toEqual({
            vpcId: "vpc-1",
            name: expect.stringMatching(/^Cache-SG-[0-9a-f]{7}$/),
        });
    });

    it("keeps a name the program set, a prefix the provider completes on create, and types it does not name", () => {
        expect(withAutoName(RG, URN, "c", { replicationGroupId: "orders" })).toEqual({ replicationGroupId: "orders" });
        expect(withAutoName("aws:s3/bucket:Bucket", "urn:b", "exports", { bucketPrefix: "exports-" })).toEqual({
            bucketPrefix: "exports-",
        });
        expect(withAutoName("aws:s3/bucketPolicy:BucketPolicy", "urn:p", "policy", { bucket: "b" })).toEqual({ bucket: "b" });
    });

    it("fails like the provider when the logical name leaves no room for the suffix (replicationGroupId: at most 40)", () => {
        const name = "a".repeat(32);
        expect(withAutoName(RG, URN, name, {}).replicationGroupId).toHaveLength(40);
        expect(() => withAutoName(RG, URN, `${name}b`, {})).toThrow(
            `could not make instance of '${RG}': name '${name}b-' plus 7 random chars is longer than maximum length 40`,
        );
    });
});

describe("a hand-written replication group without replicationGroupId, as a preview", () => {
    const harness = new MockHarness();
    let aws: typeof import("@pulumi/aws");

    beforeAll(async () => {
        await harness.install({ preview: true });
        aws = await import("@pulumi/aws");
    });

    it("is judged by elasticache-without-alarms on its auto-named member nodes", async () => {
        harness.reset();
        const group = new aws.elasticache.ReplicationGroup("Orders-Cache", {
            description: "orders",
            nodeType: "cache.t4g.small",
            numCacheClusters: 2,
        });
        await harness.settle(group);
        const recorded = harness.resources.find((r) => r.type === RG)!;
        const id = recorded.inputs.replicationGroupId;
        expect(id).toMatch(/^orders-cache-[0-9a-f]{7}$/);
        expect(await new Promise((resolve) => group.replicationGroupId.apply(resolve))).toBe(id);
        const messages = await messagesOf(elastiCacheWithoutAlarms, harness.resources.map(toPlannedResource));
        expect(messages).toEqual([expect.stringContaining(`lacks alarms with actions on EngineCPUUtilization (${id}-001, ${id}-002)`)]);
    });
});
