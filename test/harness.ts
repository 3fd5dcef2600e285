import * as pulumi from "@pulumi/pulumi";

// The runtime's own "drain every outstanding RPC" wait; not in the public typings, but it is what
// `pulumi up` relies on before it disconnects, so it is the exact notion of "settled".
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

/** How Pulumi's RPC layer marks a secret value inside resource inputs. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const MOCK_ACCOUNT_ID = "123456789012";
export const MOCK_REGION = "us-east-1";

export interface RecordedResource {
    type: string;
    name: string;
    /** Inputs as the engine would see them: secrets still wrapped in their RPC signature. */
    inputs: Record<string, any>;
    id: string;
    provider?: string;
}

export type InvokeMock = (args: Record<string, any>) => Record<string, any>;

const DEFAULT_INVOKES: Record<string, InvokeMock> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: MOCK_ACCOUNT_ID,
        arn: `arn:aws:iam::${MOCK_ACCOUNT_ID}:user/mock`,
        userId: "AIDAMOCK",
    }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }),
    "aws:index/getRegion:getRegion": (args) => ({ region: args.region ?? MOCK_REGION, name: args.region ?? MOCK_REGION, id: args.region ?? MOCK_REGION }),
};

/** Outputs a real provider would compute on create, so that tests can follow them through. */
function computedOutputs(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
    const region = inputs.region ?? MOCK_REGION;
    const arn = `arn:aws:${type.split(":")[1]?.split("/")[0]}:${region}:${MOCK_ACCOUNT_ID}:${name}`;
    switch (type) {
        case "random:index/randomPassword:RandomPassword":
            return { result: mockPassword(name) };
        case "aws:elasticache/replicationGroup:ReplicationGroup":
            return {
                arn,
                primaryEndpointAddress: `master.${inputs.replicationGroupId}.abc123.${region}.cache.amazonaws.com`,
                readerEndpointAddress: `replica.${inputs.replicationGroupId}.abc123.${region}.cache.amazonaws.com`,
                memberClusters: [],
            };
        case "aws:kms/key:Key":
            return { arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/${name}`, keyId: `${name}-key-id` };
        default:
            return { arn, name: inputs.name ?? `${name}-physical` };
    }
}

/** The deterministic value the mocks give a generated password, so tests can search for it. */
export function mockPassword(resourceName: string): string {
    return `Pw!${resourceName}#MockValue0`;
}

function physicalId(type: string, name: string, inputs: Record<string, any>): string {
    if (type === "aws:elasticache/replicationGroup:ReplicationGroup") return inputs.replicationGroupId;
    if (type === "aws:ec2/securityGroup:SecurityGroup") return `sg-${name}`;
    return `${name}-id`;
}

/** Records every resource a program registers under Pulumi's mock runtime. */
export class MockHarness {
    readonly resources: RecordedResource[] = [];
    readonly invokes: { token: string; args: Record<string, any> }[] = [];
    private readonly invokeMocks: Record<string, InvokeMock>;

    constructor(extraInvokes: Record<string, InvokeMock> = {}) {
        this.invokeMocks = { ...DEFAULT_INVOKES, ...extraInvokes };
    }

    /** Installs the mocks; call before importing the code under test. */
    install(options: { preview?: boolean; stack?: string } = {}): Promise<void> {
        return pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    const computed = computedOutputs(args.type, args.name, args.inputs);
                    const id = physicalId(args.type, args.name, args.inputs);
                    this.resources.push({ type: args.type, name: args.name, inputs: args.inputs, id, provider: args.provider });
                    return { id, state: { ...computed, ...args.inputs } };
                },
                call: (args) => {
                    const mock = this.invokeMocks[args.token];
                    if (!mock) throw new Error(`unmocked invoke ${args.token}(${JSON.stringify(args.inputs)})`);
                    this.invokes.push({ token: args.token, args: args.inputs });
                    return mock(args.inputs);
                },
            },
            "hardened-redis",
            options.stack ?? "test",
            options.preview ?? false,
        );
    }

    reset(): void {
        this.resources.length = 0;
        this.invokes.length = 0;
    }

    /** Waits until every registration and apply of the program has run. */
    async settle(...resources: pulumi.Resource[]): Promise<void> {
        await Promise.all(resources.map((r) => promiseOf(r.urn)));
        await waitForRPCs();
    }

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    one(type: string, name?: string): RecordedResource {
        const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
        if (found.length !== 1) {
            throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
        }
        return found[0];
    }

    types(): string[] {
        return [...new Set(this.resources.map((r) => r.type))].sort();
    }
}

/** The resolved value of an output, or of any input. */
export function promiseOf<T>(value: pulumi.Input<T>): Promise<T> {
    return new Promise((resolve) => pulumi.output(value).apply((v) => resolve(v as T)));
}

export function isSecretValue(value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG;
}

/** The secret value inside an RPC secret wrapper; throws when the value is not secret. */
export function unwrapSecret(value: unknown): any {
    if (!isSecretValue(value)) throw new Error(`expected a secret, got ${JSON.stringify(value)}`);
    return (value as { value: unknown }).value;
}

/** Every string reachable in a value, skipping parts that are secret. */
export function plainStrings(value: unknown): string[] {
    if (isSecretValue(value)) return [];
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(plainStrings);
    if (value && typeof value === "object") return Object.values(value).flatMap(plainStrings);
    return [];
}
