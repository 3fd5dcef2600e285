import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import {
    InvokeMock,
    OFFLINE_ACCOUNT_ID,
    OFFLINE_REGION,
    RecordingMocks,
    RegisteredResource,
    waitForRegistrations,
} from "hardened-redis-gate";

/** How Pulumi's RPC layer marks a secret value inside resource inputs. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export const MOCK_ACCOUNT_ID = OFFLINE_ACCOUNT_ID;
export const MOCK_REGION = OFFLINE_REGION;

export type RecordedResource = RegisteredResource;
export type { InvokeMock };

/** Outputs a real provider would compute on create, so that tests can follow them through. */
function computedOutputs(type: string, name: string, inputs: Record<string, any>): Record<string, any> {
    const region = inputs.region ?? MOCK_REGION;
    const arn = `arn:aws:${type.split(":")[1]?.split("/")[0]}:${region}:${MOCK_ACCOUNT_ID}:${name}`;
    switch (type) {
        case "random:index/randomPassword:RandomPassword":
            return { result: mockPassword(name) };
        case "random:index/randomId:RandomId":
            return { hex: mockHex(name) };
        case "aws:elasticache/replicationGroup:ReplicationGroup":
            // A cluster-mode group has a configuration endpoint instead of primary and reader endpoints.
            return inputs.replicasPerNodeGroup === undefined
                ? {
                      arn,
                      primaryEndpointAddress: `master.${inputs.replicationGroupId}.abc123.${region}.cache.amazonaws.com`,
                      readerEndpointAddress: `replica.${inputs.replicationGroupId}.abc123.${region}.cache.amazonaws.com`,
                      memberClusters: [],
                  }
                : { arn, configurationEndpointAddress: `clustercfg.${inputs.replicationGroupId}.abc123.${region}.cache.amazonaws.com`, memberClusters: [] };
        case "aws:elasticache/serverlessCache:ServerlessCache":
            return {
                arn,
                endpoints: [{ address: `${inputs.name}-abc123.serverless.${region}.cache.amazonaws.com`, port: 6379 }],
                readerEndpoints: [{ address: `${inputs.name}-abc123.serverless.${region}.cache.amazonaws.com`, port: 6380 }],
            };
        case "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup":
            return { arn, globalReplicationGroupId: `ldgnf-${inputs.globalReplicationGroupIdSuffix}` };
        case "aws:kms/key:Key":
            return { arn: `arn:aws:kms:${region}:${MOCK_ACCOUNT_ID}:key/${name}`, keyId: `${name}-key-id` };
        default:
            return { arn, name: inputs.name ?? `${name}-physical` };
    }
}

function physicalId(type: string, name: string, inputs: Record<string, any>): string {
    if (type === "aws:elasticache/replicationGroup:ReplicationGroup") return inputs.replicationGroupId;
    if (type === "aws:ec2/securityGroup:SecurityGroup") return `sg-${name}`;
    return `${name}-id`;
}

/** The deterministic value the mocks give a generated password, so tests can search for it. */
export function mockPassword(resourceName: string): string {
    return `Pw!${resourceName}#MockValue0`;
}

/** The deterministic hex the mocks give a `RandomId`: eight hex digits derived from its name. */
export function mockHex(resourceName: string): string {
    return createHash("sha256").update(resourceName).digest("hex").slice(0, 8);
}

/** Records every resource a program registers under Pulumi's mock runtime, with lookups for tests. */
export class MockHarness {
    private readonly mocks = new RecordingMocks();
    readonly resources = this.mocks.resources;
    readonly invokes = this.mocks.invokes;

    constructor(private readonly extraInvokes: Record<string, InvokeMock> = {}) {}

    /**
     * Installs the mocks; call before importing the code under test. With `preview`, the program runs
     * as under `pulumi preview`: `isDryRun()` is true and outputs that only exist after create are unknown.
     */
    install(options: { preview?: boolean; stack?: string; project?: string } = {}): Promise<void> {
        return this.mocks.install({
            preview: options.preview ?? false,
            project: options.project ?? "hardened-redis",
            stack: options.stack ?? "test",
            computedOutputs,
            physicalId,
            invokes: this.extraInvokes,
        });
    }

    reset(): void {
        this.mocks.reset();
    }

    /** Waits until every registration and apply of the program has run. */
    async settle(...resources: pulumi.Resource[]): Promise<void> {
        await Promise.all(resources.map((r) => promiseOf(r.urn)));
        await waitForRegistrations();
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
