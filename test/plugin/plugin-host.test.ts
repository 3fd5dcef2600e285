import * as pulumi from "@pulumi/pulumi";
import { MockHarness, isSecretValue, plainStrings, unwrapSecret } from "../support/harness";
import { PluginHost, serveMockEngine } from "./plugin-host";

const harness = new MockHarness();
let components: typeof import("hardened-redis");
let engine: Awaited<ReturnType<typeof serveMockEngine>>;
let plugin: PluginHost;

const network = (suffix: string) => ({
    vpcId: `vpc-${suffix}`,
    subnetIds: [`subnet-${suffix}a`, `subnet-${suffix}b`],
    allowedSecurityGroupIds: [`sg-${suffix}client`],
});

/** Each component with the arguments its TypeScript tests use, as another language would pass them. */
const CASES = [
    {
        component: "ElastiCacheRedis",
        name: "cache",
        args: { ...network("use1"), users: [{ name: "orders", role: "readwrite" }], userPasswords: { orders: "S3cret!Pw-from-config" } },
    },
    {
        component: "ElastiCacheServerless",
        name: "sessions",
        args: { ...network("use1"), users: [{ name: "web", role: "readwrite", keyPatterns: ["session:*"] }] },
    },
    {
        component: "GlobalElastiCacheRedis",
        name: "orders",
        args: {
            primary: { ...network("use1"), region: "us-east-1", users: [{ name: "orders", role: "readwrite" }] },
            secondaries: [{ ...network("euw1"), region: "eu-west-1" }],
        },
    },
    {
        component: "KubernetesRedis",
        name: "cache",
        args: {
            namespace: "payments",
            allowedClients: [
                { podSelector: { matchLabels: { app: "checkout" }, matchExpressions: [{ key: "tier", operator: "In", values: ["api"] }] } },
            ],
            logs: { syslog: { facility: "local3" } },
        },
    },
] as const;

/** What a run registered, as `type::name` under the parent's name: the resource set a test compares. */
function registered(): string[] {
    return harness.resources.map((r) => `${r.type}::${r.name}`).sort();
}

beforeAll(async () => {
    await harness.install();
    components = await import("hardened-redis");
    engine = await serveMockEngine();
    plugin = await PluginHost.start(engine.address);
}, 180_000);
afterAll(() => {
    plugin?.stop();
    engine?.stop();
});
beforeEach(() => harness.reset());

describe("the component plugin's provider host, over gRPC", () => {
    it("serves the schema of every component", async () => {
        const schema = await plugin.getSchema();
        expect(Object.keys(schema.resources).sort()).toEqual(CASES.map((c) => `hardened-redis:index:${c.component}`).sort());
        expect(schema.resources["hardened-redis:index:ElastiCacheRedis"].inputProperties.userPasswords.secret).toBe(true);
    }, 180_000);

    it.each(CASES)(
        "constructs $component with the same children as in TypeScript",
        async ({ component, name, args }) => {
            const Component = components[component] as unknown as new (
                name: string,
                args: unknown,
            ) => import("@pulumi/pulumi").ComponentResource;
            await harness.settle(new Component(name, args));
            const inProcess = registered();
            harness.reset();

            const { urn, state } = await plugin.construct(`hardened-redis:index:${component}`, name, args);
            expect(urn).toMatch(new RegExp(`::${name}$`));
            expect(registered()).toEqual(inProcess);
            expect(inProcess.length).toBeGreaterThan(10);
            expect(Object.keys(state).length).toBeGreaterThan(2);
        },
        180_000,
    );

    it("hands the outputs back, with the endpoints the children computed", async () => {
        const { state } = await plugin.construct("hardened-redis:index:ElastiCacheRedis", "orders", network("use1"));
        expect(state).toMatchObject({
            replicationGroupId: "orders",
            primaryEndpointAddress: expect.stringMatching(/^master\.orders\./),
            port: 6380,
        });
    }, 180_000);

    it("keeps a password given in userPasswords secret in every child", async () => {
        // A generated SDK sends an input the schema marks secret as one secret value.
        await plugin.construct("hardened-redis:index:ElastiCacheRedis", "cache", {
            ...CASES[0].args,
            userPasswords: pulumi.secret(CASES[0].args.userPasswords),
        });
        const user = harness.ofType("aws:elasticache/user:User").find((u) => u.inputs.userName === "orders")!.inputs;
        expect(isSecretValue(user.authenticationMode)).toBe(true);
        expect(unwrapSecret(user.authenticationMode).passwords).toEqual(["S3cret!Pw-from-config"]);
        expect(
            harness.resources.filter((r) => plainStrings(r.inputs).some((s) => s.includes("S3cret!Pw-from-config"))).map((r) => r.type),
        ).toEqual([]);
    }, 180_000);
});
