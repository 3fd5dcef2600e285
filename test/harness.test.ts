import * as pulumi from "@pulumi/pulumi";
import { MockHarness } from "./support/harness";

const harness = new MockHarness();
let aws: typeof import("@pulumi/aws");

beforeAll(async () => {
    await harness.install();
    aws = await import("@pulumi/aws");
});

describe("MockHarness", () => {
    it("records URNs, parents and property dependencies as the engine sees them", async () => {
        class Parent extends pulumi.ComponentResource {
            constructor() {
                super("test:index:Parent", "p");
            }
        }
        const parent = new Parent();
        const key = new aws.kms.Key("k", {}, { parent });
        const alias = new aws.kms.Alias("a", { targetKeyId: key.keyId, name: "alias/x" }, { parent });
        await harness.settle(alias);
        const recorded = harness.one("aws:kms/alias:Alias");
        const keyUrn = harness.one("aws:kms/key:Key").urn;
        expect(keyUrn).toBe("urn:pulumi:test::hardened-redis::test:index:Parent$aws:kms/key:Key::k");
        expect(recorded.parent).toBe(harness.one("test:index:Parent").urn);
        expect(recorded.propertyDependencies).toEqual({ targetKeyId: [keyUrn], name: [] });
        expect(recorded.dependencies).toEqual([keyUrn]);
    });

    it("fails loudly on an invoke that no test mocked", async () => {
        await expect(aws.ec2.getVpc({ default: true })).rejects.toThrow(
            /no offline answer for invoke aws:ec2\/getVpc:getVpc\(\{"default":true\}\)/,
        );
    });
});
