// How the gate runs a program: inside the root stack as the language host does, with transforms applied
// as the engine applies them, and lookups of live state answered as unknown. Each program of programs/
// runs in a child process started as the gate's command line starts (record-program.ts).
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { deployingAccount, evaluatePolicies } from "hardened-redis-gate";
import { SECRET_SIG, SECRET_SIG_KEY } from "../support/harness";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

interface Recording {
    resources: { type: string; name: string; urn: string; parent?: string; provider?: string; inputs: Record<string, any> }[];
    errors: string[];
    unansweredInvokes: { token: string; args: Record<string, unknown> }[];
}

function record(program: string, config: Record<string, string> = {}): Recording {
    const run = spawnSync(
        process.execPath,
        [
            "-r",
            "hardened-redis-gate/register-typescript",
            path.join(__dirname, "record-program.ts"),
            path.join(__dirname, "programs", program),
            JSON.stringify(config),
        ],
        {
            cwd: __dirname,
            encoding: "utf8",
            timeout: 120_000,
        },
    );
    if (run.status !== 0) throw new Error(`record-program.ts exited ${run.status}: ${run.stderr}`);
    return JSON.parse(run.stdout);
}

function inputsOf(recording: Recording, name: string): Record<string, any> {
    return recording.resources.find((r) => r.name === name)!.inputs;
}

describe("the gate runs a program as the language host and the engine would", () => {
    const transforms = record("transform-order.ts");

    it("runs it in the root stack, which it does not record, and names top-level resources without it", () => {
        expect(transforms.errors).toEqual([]);
        expect(transforms.resources.map((r) => r.type)).not.toContain("pulumi:pulumi:Stack");
        const outer = transforms.resources.find((r) => r.name === "outer")!;
        expect(outer).toEqual({
            type: "test:index:Wrapper",
            name: "outer",
            urn: "urn:pulumi:dev::gate-runtime::test:index:Wrapper::outer",
            inputs: {},
        });
        expect(transforms.resources.find((r) => r.name === "t")!.parent).toBe(
            "urn:pulumi:dev::gate-runtime::test:index:Wrapper$test:index:Wrapper::inner",
        );
    });

    it("applies the SDK's stack transformation, then the resource's own transforms, its ancestors' nearest first, then the stack's", () => {
        expect(inputsOf(transforms, "t").displayName).toBe("start>stack-transformation>own>inner>outer>stack");
        expect(inputsOf(transforms, "untouched").displayName).toBe("start>stack-transformation>stack");
    });

    it("keeps a secret a secret through the transforms", () => {
        expect(inputsOf(transforms, "t").kmsMasterKeyId).toEqual({ [SECRET_SIG_KEY]: SECRET_SIG, value: "alias/k" });
    });
});

describe("lookups in the gate", () => {
    const lookups = record("lookups.ts", { "aws:allowedAccountIds": '["210987654321"]' });

    it("answers a lookup of live state as unknown, as an engine that cannot serve it during a preview, and lists it", () => {
        expect(lookups.errors).toEqual([]);
        expect(inputsOf(lookups, "from-output-lookup").displayName).toBe(UNKNOWN);
        // A plain (non-Output) invoke cannot carry an unknown: the SDK hands the program an empty result.
        expect(inputsOf(lookups, "from-plain-lookup").displayName).toBe("absent");
        expect(lookups.unansweredInvokes).toEqual([
            { token: "aws:secretsmanager/getSecretVersion:getSecretVersion", args: { secretId: "platform/redis/ops" } },
            { token: "aws:ec2/getVpc:getVpc", args: { default: true } },
        ]);
    });

    it("answers getCallerIdentity with the one account the stack's aws:allowedAccountIds allows", () => {
        expect(inputsOf(lookups, "from-caller-identity").displayName).toBe("210987654321");
    });

    it("gives every AWS resource the default provider the engine would register, configured from the stack", () => {
        const provider = lookups.resources.find((r) => r.type === "pulumi:providers:aws")!;
        expect(provider).toEqual({
            type: "pulumi:providers:aws",
            name: "default",
            urn: "urn:pulumi:dev::gate-runtime::pulumi:providers:aws::default",
            inputs: { allowedAccountIds: ["210987654321"] },
        });
        const topics = lookups.resources.filter((r) => r.type === "aws:sns/topic:Topic");
        expect(topics.map((t) => t.provider)).toEqual(topics.map(() => `${provider.urn}::${UNKNOWN}`));
    });

    it("answers it with the offline account when the stack pins none, and registers no default provider without config", () => {
        const unpinned = record("lookups.ts");
        expect(unpinned.resources.filter((r) => r.type.startsWith("pulumi:providers:") || r.provider !== undefined)).toEqual([]);
        expect(inputsOf(unpinned, "from-caller-identity").displayName).toBe("123456789012");
    });
});

describe("the report of lookups with no offline answer", () => {
    const TOKEN = "aws:secretsmanager/getSecretVersion:getSecretVersion";

    it("is one not-judged advisory per token, naming it", async () => {
        const violations = await evaluatePolicies([], { unansweredInvokes: [TOKEN, TOKEN] });
        expect(violations.map((v) => [v.policyName, v.enforcementLevel, v.urn])).toEqual([["not-judged", "advisory", undefined]]);
        expect(violations[0].message).toContain(`looks up ${TOKEN}, which reads live state and has no offline answer`);
    });

    it("follows the level the pack config gives the not-judged policy", async () => {
        expect(await evaluatePolicies([], { unansweredInvokes: [TOKEN], config: { "not-judged": "disabled" } })).toEqual([]);
    });
});

describe("deployingAccount", () => {
    it.each([
        ['["210987654321"]', "210987654321"],
        ["210987654321", "210987654321"],
        ['["210987654321","123456789012"]', undefined],
        ['["not-an-account"]', undefined],
    ])("reads aws:allowedAccountIds %s as %s", (allowed, account) => {
        expect(deployingAccount({ "aws:allowedAccountIds": allowed })).toBe(account);
    });

    it("knows no account when the stack does not pin one", () => {
        expect(deployingAccount({ "aws:region": "eu-west-1" })).toBeUndefined();
    });
});
