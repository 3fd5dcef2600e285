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
    urn: string;
    /** Inputs as the engine would see them: secrets still wrapped in their RPC signature. */
    inputs: Record<string, any>;
    id: string;
    provider?: string;
    parent?: string;
    /** URNs this resource depends on. */
    dependencies: string[];
    /** For each input property, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
}

/** What the mock monitor's request says beyond what Pulumi passes to `newResource`. */
interface RegistrationContext {
    urn: string;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
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

/** Pulumi reports a failed invoke by the error's gRPC `details`, so the message goes there too. */
function unmockedInvoke(token: string, inputs: Record<string, unknown>): Error {
    const message = `unmocked invoke ${token}(${JSON.stringify(inputs)})`;
    return Object.assign(new Error(message), { details: message });
}

function physicalId(type: string, name: string, inputs: Record<string, any>): string {
    if (type === "aws:elasticache/replicationGroup:ReplicationGroup") return inputs.replicationGroupId;
    if (type === "aws:ec2/securityGroup:SecurityGroup") return `sg-${name}`;
    return `${name}-id`;
}

interface RegisterResourceRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void };
}

interface MockMonitor {
    registerResource(request: RegisterResourceRequest, callback: unknown): Promise<void>;
    newUrn(parent: string, type: string, name: string): string;
}

/** Records every resource a program registers under Pulumi's mock runtime. */
export class MockHarness {
    readonly resources: RecordedResource[] = [];
    readonly invokes: { token: string; args: Record<string, any> }[] = [];
    private readonly invokeMocks: Record<string, InvokeMock>;

    constructor(extraInvokes: Record<string, InvokeMock> = {}) {
        this.invokeMocks = { ...DEFAULT_INVOKES, ...extraInvokes };
    }

    /**
     * Installs the mocks; call before importing the code under test. With `preview`, the program runs
     * as under `pulumi preview`: `isDryRun()` is true and outputs that only exist after create are unknown.
     */
    async install(options: { preview?: boolean; stack?: string; project?: string } = {}): Promise<void> {
        const preview = options.preview ?? false;
        let registration: RegistrationContext | undefined;
        await pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    const id = physicalId(args.type, args.name, args.inputs);
                    const context = registration ?? { urn: `${args.type}::${args.name}`, dependencies: [], propertyDependencies: {} };
                    registration = undefined;
                    this.resources.push({ type: args.type, name: args.name, inputs: args.inputs, id, provider: args.provider || undefined, ...context });
                    const computed = preview ? {} : computedOutputs(args.type, args.name, args.inputs);
                    return { id: preview ? undefined : id, state: { ...computed, ...args.inputs } };
                },
                call: (args) => {
                    const mock = this.invokeMocks[args.token];
                    if (!mock) throw unmockedInvoke(args.token, args.inputs);
                    this.invokes.push({ token: args.token, args: args.inputs });
                    return mock(args.inputs);
                },
            },
            options.project ?? "hardened-redis",
            options.stack ?? "test",
            preview,
        );
        // The mock monitor hands `newResource` only type, name and inputs; the parent and the
        // dependencies that policies reason about are read from the request here, just before.
        const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
        const registerResource = monitor.registerResource.bind(monitor);
        monitor.registerResource = (request, callback) => {
            const propertyDependencies: Record<string, string[]> = {};
            request.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
            registration = {
                urn: monitor.newUrn(request.getParent(), request.getType(), request.getName()),
                parent: request.getParent() || undefined,
                dependencies: request.getDependenciesList(),
                propertyDependencies,
            };
            return registerResource(request, callback);
        };
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
