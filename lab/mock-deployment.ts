/**
 * Components deployed under Pulumi's mock runtime (the gate's `RecordingMocks`), with every resource
 * recorded with its inputs, secrets still marked. The lab reads what a component rendered (files,
 * scripts, generated passwords) from these records to run it on real servers.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { InvokeMock, RecordingMocks, RegisteredResource, waitForRegistrations } from "hardened-redis-gate";

/** How Pulumi's RPC layer marks a secret value inside resource inputs. */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type RecordedResource = RegisteredResource;

/** The deterministic value the mocks give a generated password, so that its users can log in and tests can search for it. */
export function mockPassword(resourceName: string): string {
    return `Pw!${resourceName}#MockValue0`;
}

/** The deterministic hex the mocks give a `RandomId`: eight hex digits derived from its name. */
export function mockHex(resourceName: string): string {
    return createHash("sha256").update(resourceName).digest("hex").slice(0, 8);
}

/** Outputs that the random provider computes on create, as this deployment gives them. */
function randomOutputs(type: string, name: string): Record<string, any> | undefined {
    if (type === "random:index/randomPassword:RandomPassword") return { result: mockPassword(name) };
    if (type === "random:index/randomId:RandomId") return { hex: mockHex(name) };
    return undefined;
}

export interface MockDeploymentOptions {
    /** Run as `pulumi preview`: `isDryRun()` is true and outputs that only exist after create are unknown. Default false. */
    preview?: boolean;
    /** Default `hardened-redis`. */
    project?: string;
    /** Default `test`. */
    stack?: string;
}

/** Records every resource a program registers under Pulumi's mock runtime, with lookups by type and name. */
export class MockDeployment {
    private readonly mocks = new RecordingMocks();
    readonly resources = this.mocks.resources;
    readonly invokes = this.mocks.invokes;

    constructor(private readonly extraInvokes: Record<string, InvokeMock> = {}) {}

    /** Installs the mocks; call before importing the components. */
    install(options: MockDeploymentOptions = {}): Promise<void> {
        return this.mocks.install({
            preview: options.preview ?? false,
            project: options.project ?? "hardened-redis",
            stack: options.stack ?? "test",
            computedOutputs: (type, name, inputs) => randomOutputs(type, name) ?? this.computedOutputs(type, name, inputs),
            physicalId: (type, name, inputs) => this.physicalId(type, name, inputs),
            invokes: this.extraInvokes,
        });
    }

    /** Outputs a provider other than random would compute on create; none by default. */
    protected computedOutputs(_type: string, _name: string, _inputs: Record<string, any>): Record<string, any> {
        return {};
    }

    protected physicalId(_type: string, name: string, _inputs: Record<string, any>): string {
        return `${name}-id`;
    }

    /** Forgets what was recorded, before the next deployment. */
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

    /** The one resource of `type` (named `name`, when given); throws when there is none or more than one. */
    one(type: string, name?: string): RecordedResource {
        const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
        if (found.length !== 1) {
            throw new Error(
                `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`,
            );
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
