import {
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { evaluatePolicies } from "hardened-redis-gate";
import { toPlannedResource } from "hardened-redis-gate";
import { version } from "hardened-redis-policies/package.json";
import { STACK_URN_PREFIX, UNKNOWN_VALUE, fedBy, planned, secret } from "../support/policy-fixtures";

const BUCKET = "aws:s3/bucket:Bucket";

/** A resource policy that records the args it is given. */
function probe(seen: ResourceValidationArgs[], extra: Partial<ResourceValidationPolicy> = {}): ResourceValidationPolicy {
    return {
        name: "probe",
        description: "Records its arguments.",
        enforcementLevel: "mandatory",
        configSchema: { properties: { threshold: { type: "integer", default: 3 }, names: { type: "array", default: ["a"] } } },
        validateResource: (args) => {
            seen.push(args);
        },
        ...extra,
    };
}

class FakeBucket extends pulumi.CustomResource {
    static readonly __pulumiType = BUCKET;
}

const provider = planned("pulumi:providers:aws", "west", { region: "eu-west-1" });
const bucket = planned(
    BUCKET,
    "exports",
    { bucket: "exports", password: secret("plain-text"), tags: { team: "x" } },
    { parent: `${STACK_URN_PREFIX}my:index:Parent::p`, provider: `${provider.urn}::provider-id` },
);

describe("resource policies get the args @pulumi/policy 1.21 builds", () => {
    it("passes type, name, URN, options, provider, stack tags and typed accessors", async () => {
        const seen: ResourceValidationArgs[] = [];
        await evaluatePolicies([provider, bucket], { policies: [probe(seen)], stackTags: new Map([["env", "prod"]]) });
        const args = seen.find((a) => a.name === "exports")!;
        expect([args.type, args.name, args.urn]).toEqual([BUCKET, "exports", bucket.urn]);
        expect(args.opts).toEqual({
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
            parent: bucket.parent,
        });
        expect({ ...args.provider, props: { ...args.provider!.props } }).toEqual({
            type: "pulumi:providers:aws",
            name: "west",
            urn: provider.urn,
            props: { region: "eu-west-1" },
        });
        expect(args.stackTags.get("env")).toBe("prod");
        expect(Object.isFrozen(args.stackTags)).toBe(true);
        expect(args.isType(FakeBucket)).toBe(true);
        expect(args.asType(FakeBucket)).toBe(args.props);
    });

    it("unwraps secrets, as policies see plain values", async () => {
        const seen: ResourceValidationArgs[] = [];
        await evaluatePolicies([bucket], { policies: [probe(seen)] });
        expect(seen[0].props.password).toBe("plain-text");
        expect(seen[0].props.tags).toEqual({ team: "x" });
    });

    it("merges the schema defaults under the pack config in getConfig", async () => {
        const seen: ResourceValidationArgs[] = [];
        await evaluatePolicies([bucket], { policies: [probe(seen)], config: { probe: { enforcementLevel: "advisory", threshold: 5 } } });
        expect(seen[0].getConfig()).toEqual({ threshold: 5, names: ["a"] });
    });

    it("reports a violation with the description, the message and the resource", async () => {
        const policy = probe([], { validateResource: (_, report) => report("the bucket is wrong") });
        expect(await evaluatePolicies([bucket], { policies: [policy] })).toEqual([
            {
                policyName: "probe",
                enforcementLevel: "mandatory",
                severity: undefined,
                message: "Records its arguments.\nthe bucket is wrong",
                urn: bucket.urn,
                resourceType: BUCKET,
                resourceName: "exports",
            },
        ]);
    });

    it("turns a read of an unknown value into the advisory that the Pulumi CLI shows during preview", async () => {
        const naive = probe([], { validateResource: (args, report) => (args.props.bucket.length > 0 ? undefined : report("never")) });
        const [violation] = await evaluatePolicies([{ ...bucket, props: { bucket: UNKNOWN_VALUE } }], { policies: [naive] });
        expect(violation).toMatchObject({
            policyName: "probe",
            enforcementLevel: "advisory",
            message: `can't run policy 'probe' from policy pack 'hardened-redis@v${version}' during preview: string value at .bucket can't be known during preview`,
            urn: bucket.urn,
        });
    });

    it("honours notApplicable, and fails loudly on a policy that throws", async () => {
        const skipping = probe([], { validateResource: (args) => args.notApplicable("not mine") });
        expect(await evaluatePolicies([bucket], { policies: [skipping] })).toEqual([]);
        const broken = probe([], {
            validateResource: () => {
                throw new TypeError("bug in rule");
            },
        });
        await expect(evaluatePolicies([bucket], { policies: [broken] })).rejects.toThrow(
            /Error validating resource with policy 'probe' from policy pack 'hardened-redis@v[\d.]+':\nTypeError: bug in rule/,
        );
    });

    it("skips disabled policies and reports remediate as mandatory", async () => {
        const reporting = probe([], { validateResource: (_, report) => report("x") });
        expect(await evaluatePolicies([bucket], { policies: [reporting], config: { probe: "disabled" } })).toEqual([]);
        expect((await evaluatePolicies([bucket], { policies: [reporting], config: { probe: "remediate" } }))[0].enforcementLevel).toBe(
            "mandatory",
        );
    });

    it("hands assets and archives over as Pulumi asset objects", async () => {
        const seen: ResourceValidationArgs[] = [];
        const archive = new pulumi.asset.AssetArchive({ "index.js": new pulumi.asset.StringAsset("exports.handler = async () => 1;") });
        await evaluatePolicies([planned("aws:lambda/function:Function", "fn", { code: archive })], { policies: [probe(seen)] });
        // Policies see props behind @pulumi/policy's proxy; its target is the deserialized archive.
        const code = seen[0].props.code.__getSpecialProxyTarget;
        expect(pulumi.asset.AssetArchive.isInstance(code)).toBe(true);
        expect(await (await code.assets)["index.js"].text).toBe("exports.handler = async () => 1;");
    });
});

describe("stack policies get the resources linked as @pulumi/policy 1.21 links them", () => {
    const parent = planned("my:index:Parent", "p", {});
    const child = fedBy(planned(BUCKET, "child", { bucket: "b" }, { parent: parent.urn }), "bucket", parent);

    it("links parents, dependencies and property dependencies, and names the reported resource", async () => {
        const seen: StackValidationArgs[] = [];
        const policy: StackValidationPolicy = {
            name: "stack-probe",
            description: "Looks at the stack.",
            enforcementLevel: "advisory",
            validateStack: (args, report) => {
                seen.push(args);
                report("child is wrong", args.resources[1].urn);
            },
        };
        const violations = await evaluatePolicies([parent, child], { policies: [policy] });
        const [p, c] = seen[0].resources as PolicyResource[];
        expect(c.parent).toBe(p);
        expect(c.dependencies).toEqual([p]);
        expect(c.propertyDependencies.bucket).toEqual([p]);
        expect(c.props.bucket).toBe("b");
        expect(violations).toEqual([
            {
                policyName: "stack-probe",
                enforcementLevel: "advisory",
                severity: undefined,
                message: "Looks at the stack.\nchild is wrong",
                urn: child.urn,
                resourceType: BUCKET,
                resourceName: "child",
            },
        ]);
    });
});

describe("the recorded-resource adapter", () => {
    it("maps a recording's inputs to props and keeps every link", () => {
        const recorded = {
            type: BUCKET,
            name: "b",
            urn: "urn:b",
            inputs: { bucket: "b" },
            id: "b-id",
            parent: "urn:p",
            dependencies: ["urn:p"],
            propertyDependencies: { bucket: [] },
            provider: "urn:prov::id",
        };
        expect(toPlannedResource(recorded)).toEqual({
            type: BUCKET,
            name: "b",
            urn: "urn:b",
            props: { bucket: "b" },
            parent: "urn:p",
            dependencies: ["urn:p"],
            propertyDependencies: { bucket: [] },
            provider: "urn:prov::id",
        });
    });
});
