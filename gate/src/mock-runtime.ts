import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { configGroupChildren } from "hardened-redis-policies/manifests";
import { parseAllDocuments } from "yaml";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import { withAutoName } from "./auto-names";

/** The parts of `@pulumi/pulumi` the gate drives: the copy the program itself loads, so mocks and program share one runtime. */
export interface PulumiRuntime {
    pulumi: typeof pulumi;
    /** The runtime's own "drain every outstanding RPC" wait, which the language host relies on before it disconnects. */
    waitForRPCs(): Promise<void>;
}

// Not in the public typings, but it is the exact notion of "done" that Pulumi's language host uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ownSettings = require("@pulumi/pulumi/runtime/settings") as Pick<PulumiRuntime, "waitForRPCs">;

/** This package's own copy of `@pulumi/pulumi`, which tests and programs in the same install share. */
export const OWN_RUNTIME: PulumiRuntime = { pulumi, waitForRPCs: ownSettings.waitForRPCs };

/** A resource as a program registered it, with what policies reason about. */
export interface RegisteredResource {
    type: string;
    name: string;
    urn: string;
    /** Inputs as the engine would see them: secrets still wrapped in their RPC signature. */
    inputs: Record<string, any>;
    /** The physical id the mocks gave it; empty during a preview, where ids are unknown. */
    id: string;
    provider?: string;
    /** True for a resource a provider manages, false for a component; unset for objects a provider registers itself. */
    custom?: boolean;
    parent?: string;
    /** URNs this resource depends on. */
    dependencies: string[];
    /** For each input property, the URNs of the resources its value came from. */
    propertyDependencies: Record<string, string[]>;
    /**
     * The call stack that created it, innermost first, without the frames inside node_modules (the
     * Pulumi SDK, installed packages). The program's line that created it is among these frames unless
     * it was created in an anonymous function, such as an apply callback: Pulumi keeps only the frames
     * that V8 prints with a function name. Lines are those of the code Node ran, which for a transpiled
     * file are not the source's.
     */
    stack?: SourcePosition[];
}

/** A position in a file, as a stack frame gives it: 1-based line and column. */
export interface SourcePosition {
    /** Absolute path. */
    file: string;
    line: number;
    column?: number;
}

/**
 * An offline answer to an invoke. `region` is the one the invoke runs in (its own arg, its provider's,
 * or the stack's); `accountId` the deploying account (the stack's `aws:allowedAccountIds` when it names
 * one, else `OFFLINE_ACCOUNT_ID`).
 */
export type InvokeMock = (args: Record<string, any>, context: { region: string; accountId: string }) => Record<string, any>;

export const OFFLINE_ACCOUNT_ID = "123456789012";
export const OFFLINE_REGION = "us-east-1";
/** The account's canonical user id, which the bucket ACL of snapshot exports names as owner. */
export const OFFLINE_CANONICAL_USER_ID = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be";

/**
 * Answers for the lookups whose result the program's own inputs and config determine (the account, the
 * partition, the region, the parsing of YAML): computed offline. Every other invoke reads live state (a
 * secret, an existing VPC) and gets the answer `unansweredInvokes` chooses.
 */
export const OFFLINE_INVOKES: Record<string, InvokeMock> = {
    "aws:index/getCallerIdentity:getCallerIdentity": (_, { accountId }) => ({
        accountId,
        arn: `arn:aws:iam::${accountId}:user/offline`,
        userId: "AIDAOFFLINE",
        id: accountId,
    }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }),
    "aws:index/getRegion:getRegion": (args, { region: current }) => {
        const region = args.name ?? current;
        return { region, name: region, id: region, endpoint: `ec2.${region}.amazonaws.com`, description: region };
    },
    "aws:index/getAvailabilityZones:getAvailabilityZones": (_, { region }) => {
        const names = ["a", "b", "c"].map((zone) => `${region}${zone}`);
        return { names, zoneIds: names.map((_, i) => `${region}-az${i + 1}`), id: region, groupNames: [region] };
    },
    "aws:s3/getCanonicalUserId:getCanonicalUserId": () => ({ id: OFFLINE_CANONICAL_USER_ID, displayName: "offline" }),
    // The Kubernetes provider parses YAML for `yaml.ConfigFile`/`ConfigGroup`; the SDK then registers each object.
    "kubernetes:yaml:decode": (args) => ({
        result: parseAllDocuments(String(args.text))
            .map((d) => d.toJS())
            .filter((o) => o !== null),
    }),
    // A v3 `helm.Chart` cannot be rendered offline: it registers no objects, and the pack judges its values instead.
    "kubernetes:helm:template": () => ({ result: [] }),
};

export interface RecordingMocksOptions {
    /** Run as `pulumi preview`: `isDryRun()` is true and outputs that only exist after create stay unknown. */
    preview: boolean;
    project: string;
    stack: string;
    /** Outputs a provider would compute on create, for runs that are not previews. */
    computedOutputs?: (type: string, name: string, inputs: Record<string, any>) => Record<string, any>;
    physicalId?: (type: string, name: string, inputs: Record<string, any>) => string;
    invokes?: Record<string, InvokeMock>;
    /** The region of invokes with no region of their own and no provider that sets one: the stack's `aws:region`. Default us-east-1. */
    defaultRegion?: string;
    /** The deploying account, as `getCallerIdentity` answers it. Default `OFFLINE_ACCOUNT_ID`. */
    accountId?: string;
    /**
     * What an invoke with no offline answer gets: `fail` (default) rejects it with its token named, so
     * that a test notices an unmocked lookup; `unknown` answers it as the engine answers an invoke it
     * cannot serve during a preview (wholly unknown: an `Output` form's result is unknown, a plain
     * form's is `{}`), and records it in `unansweredInvokes`.
     */
    unansweredInvokes?: "fail" | "unknown";
}

/** An invoke that had no offline answer, with its arguments. */
export interface UnansweredInvoke {
    token: string;
    args: Record<string, any>;
}

interface SourcePositionMessage {
    getUri(): string;
    getLine(): number;
    getColumn(): number;
}

interface RegisterResourceRequest {
    getStacktrace(): { getFramesList(): { getPc(): SourcePositionMessage | undefined }[] } | undefined;
    getType(): string;
    getName(): string;
    getParent(): string;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(fn: (deps: { getUrnsList(): string[] }, key: string) => void): void };
}

interface InvokeRequest {
    getTok(): string;
    getArgs(): unknown;
}

interface MockMonitor {
    registerResource(request: RegisterResourceRequest, callback: unknown): Promise<void>;
    invoke(request: InvokeRequest, callback: (error: Error | null, response?: unknown) => void): Promise<void>;
    newUrn(parent: string, type: string, name: string): string;
}

type RegistrationContext = Pick<RegisteredResource, "urn" | "parent" | "dependencies" | "propertyDependencies" | "stack"> & {
    /** The root `pulumi:pulumi:Stack`, which the engine itself owns: not recorded. */
    root?: boolean;
};

/** The type of the root stack resource that `runInPulumiStack` registers. */
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

// The engine's answer to an invoke it declines during a preview; internal to the SDK, so not in its typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ResourceInvokeResponse } = require("@pulumi/pulumi/proto/resource_pb") as {
    ResourceInvokeResponse: new () => { setUnknown(unknown: boolean): void };
};

/** Pulumi reports a failed invoke by the error's gRPC `details`, so the message goes there too. */
function invokeError(message: string): Error {
    return Object.assign(new Error(message), { details: message });
}

/** The frames of a registration's stack trace that are outside node_modules, innermost first. */
function stackOutsideNodeModules(request: RegisterResourceRequest): SourcePosition[] {
    const stack: SourcePosition[] = [];
    for (const frame of request.getStacktrace()?.getFramesList() ?? []) {
        const position = frame.getPc();
        // Pulumi sends file URLs, and frames it could not place (Node's own code) without a position.
        if (!position?.getUri().startsWith("file:")) continue;
        const file = fileURLToPath(position.getUri());
        if (file.split(path.sep).includes("node_modules")) continue;
        stack.push({ file, line: position.getLine(), ...(position.getColumn() > 0 ? { column: position.getColumn() } : {}) });
    }
    return stack;
}

/**
 * Installs Pulumi's mock runtime and records every resource and invoke of the program that runs under it.
 * Transforms run as the engine runs them during registration: a resource's own `transforms`, then each
 * ancestor's (nearest first), then the stack's (`registerResourceTransform`), so that what is recorded
 * is what the engine would send to the provider and the policies.
 */
export class RecordingMocks {
    readonly resources: RegisteredResource[] = [];
    readonly invokes: { token: string; args: Record<string, any> }[] = [];
    readonly unansweredInvokes: UnansweredInvoke[] = [];
    private readonly transformsOf = new Map<string, pulumi.ResourceTransform[]>();
    private readonly parentOf = new Map<string, string | undefined>();
    private readonly stackTransforms: pulumi.ResourceTransform[] = [];
    private rootStack?: string;

    constructor(private readonly runtime: PulumiRuntime = OWN_RUNTIME) {}

    async install(options: RecordingMocksOptions): Promise<void> {
        const invokes = { ...OFFLINE_INVOKES, ...options.invokes };
        let registration: RegistrationContext | undefined;
        await this.runtime.pulumi.runtime.setMocks(
            {
                newResource: async (args) => {
                    const context = registration ?? { urn: `${args.type}::${args.name}`, dependencies: [], propertyDependencies: {} };
                    registration = undefined;
                    if (context.root) return { id: undefined, state: {} };
                    this.parentOf.set(context.urn, context.parent);
                    if (args.transforms?.length) this.transformsOf.set(context.urn, args.transforms);
                    // The provider fills in auto-names when it checks the inputs, in a preview as in a deployment.
                    const inputs = withAutoName(args.type, context.urn, args.name, await this.transformed(args, context.parent));
                    const id = options.preview ? "" : (options.physicalId?.(args.type, args.name, inputs) ?? `${args.name}-id`);
                    this.resources.push({
                        type: args.type,
                        name: args.name,
                        inputs,
                        id,
                        provider: args.provider || undefined,
                        custom: args.custom ?? true,
                        ...context,
                    });
                    // The Kubernetes provider registers a v2 ConfigGroup's inline objects as its children.
                    if (args.type === "kubernetes:yaml/v2:ConfigGroup") {
                        for (const child of configGroupChildren({ name: args.name, urn: context.urn, props: inputs })) {
                            this.resources.push({
                                type: child.type,
                                name: child.name,
                                urn: child.urn,
                                inputs: child.props,
                                id,
                                provider: args.provider || undefined,
                                custom: true,
                                parent: context.urn,
                                dependencies: [],
                                propertyDependencies: {},
                                stack: context.stack,
                            });
                        }
                    }
                    const computed = options.preview ? {} : (options.computedOutputs?.(args.type, args.name, inputs) ?? {});
                    return { id: id || undefined, state: { ...computed, ...inputs } };
                },
                call: (args) => {
                    const mock = invokes[args.token];
                    if (!mock) throw invokeError(`no offline answer for invoke ${args.token}(${JSON.stringify(args.inputs)})`);
                    this.invokes.push({ token: args.token, args: args.inputs });
                    const region = args.inputs.region ?? this.providerRegion(args.provider) ?? options.defaultRegion ?? OFFLINE_REGION;
                    return mock(args.inputs, { region, accountId: options.accountId ?? OFFLINE_ACCOUNT_ID });
                },
                registerTransform: (transform) => {
                    this.stackTransforms.push(transform);
                },
            },
            options.project,
            options.stack,
            options.preview,
        );
        const monitor = this.runtime.pulumi.runtime.getMonitor() as unknown as MockMonitor;
        // The engine names a child of the root stack as a top-level resource: no parent type in its URN.
        const newUrn = monitor.newUrn.bind(monitor);
        monitor.newUrn = (parent, type, name) => newUrn(parent === this.rootStack ? "" : parent, type, name);
        // The mock monitor hands `newResource` only type, name and inputs; the parent and the
        // dependencies that policies reason about are read from the request just before.
        const registerResource = monitor.registerResource.bind(monitor);
        monitor.registerResource = (request, callback) => {
            const propertyDependencies: Record<string, string[]> = {};
            request.getPropertydependenciesMap().forEach((deps, key) => (propertyDependencies[key] = deps.getUrnsList()));
            const urn = monitor.newUrn(request.getParent(), request.getType(), request.getName());
            const root = request.getType() === ROOT_STACK_TYPE && !request.getParent();
            if (root) this.rootStack = urn;
            registration = {
                urn,
                parent: (request.getParent() !== this.rootStack && request.getParent()) || undefined,
                dependencies: request.getDependenciesList(),
                propertyDependencies,
                stack: stackOutsideNodeModules(request),
                ...(root ? { root } : {}),
            };
            return registerResource(request, callback);
        };
        if (options.unansweredInvokes !== "unknown") return;
        const invoke = monitor.invoke.bind(monitor);
        monitor.invoke = async (request, callback) => {
            const token = request.getTok();
            if (invokes[token] || token === "pulumi:pulumi:getResource") return invoke(request, callback);
            this.unansweredInvokes.push({ token, args: this.runtime.pulumi.runtime.deserializeProperties(request.getArgs() as never) });
            const response = new ResourceInvokeResponse();
            response.setUnknown(true);
            callback(null, response);
        };
    }

    /** The inputs after the transforms that apply to the resource, each result serialized and read back as the engine does. */
    private async transformed(args: MockResourceArgs, parent: string | undefined): Promise<Record<string, any>> {
        const ancestors: string[] = [];
        for (let urn = parent; urn !== undefined; urn = this.parentOf.get(urn)) ancestors.push(urn);
        const transforms = [
            ...(args.transforms ?? []),
            ...ancestors.flatMap((urn) => this.transformsOf.get(urn) ?? []),
            ...this.stackTransforms,
        ];
        const { runtime } = this.runtime.pulumi;
        let props: Record<string, any> = args.inputs;
        for (const transform of transforms) {
            const opts = parent ? { parent: new this.runtime.pulumi.DependencyResource(parent) } : {};
            const result = await transform({ custom: args.custom ?? false, type: args.type, name: args.name, props, opts });
            if (!result) continue;
            const serialized = await runtime.serializeProperties("props", result.props);
            props = runtime.deserializeProperties({ toJavaScript: () => serialized } as never);
        }
        return props;
    }

    /** The region set on the explicit provider of a call (a reference is `<provider URN>::<id>`), if any. */
    private providerRegion(reference: string | undefined): string | undefined {
        const urn = reference?.split("::").slice(0, -1).join("::");
        return urn ? this.resources.find((r) => r.urn === urn)?.inputs.region : undefined;
    }

    reset(): void {
        this.resources.length = 0;
        this.invokes.length = 0;
        this.unansweredInvokes.length = 0;
    }
}

/** Resolves once every registration and apply that the program started has finished. */
export function waitForRegistrations(runtime: PulumiRuntime = OWN_RUNTIME): Promise<void> {
    return runtime.waitForRPCs();
}
