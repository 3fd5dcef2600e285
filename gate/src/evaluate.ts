/**
 * Runs policies over planned resources exactly as `pulumi preview --policy-pack` would, without the
 * Pulumi CLI: the config is reconciled as the CLI reconciles `--policy-pack-config` (schema defaults,
 * `all`, per-policy levels, schema validation), properties reach the policies as the engine sends them
 * and `@pulumi/policy` 1.21 deserializes them (secrets unwrapped, unknowns behind `unknownCheckingProxy`),
 * and violations are reported as its analyzer server reports them.
 */
import {
    EnforcementLevel,
    Policies,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    UnknownValueError,
    unknownCheckingProxy,
} from "@pulumi/policy";
import * as pulumi from "@pulumi/pulumi";
import { specialArchiveSig, specialAssetSig, specialSecretSig, specialSigKey, unknownValue } from "@pulumi/pulumi/runtime/rpc";
import Ajv from "ajv";
import { NOT_JUDGED_POLICY, POLICY_PACK_NAME, POLICY_PACK_VERSION, policies as packPolicies } from "hardened-redis-policies/policies";

// `@pulumi/policy`'s own deserializer of analyzer requests; internal, so not in its typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeProperties } = require("@pulumi/policy/deserialize") as {
    deserializeProperties(struct: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean): Record<string, any>;
};

/** A resource as a program registers it, with inputs as the engine sees them (secrets still wrapped). */
export interface PlannedResource {
    type: string;
    name: string;
    urn: string;
    props: Record<string, any>;
    parent?: string;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** The provider reference, `<provider URN>::<provider id>`. */
    provider?: string;
}

export interface Violation {
    policyName: string;
    enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
    severity?: string;
    /** The policy's description, a newline, and the rule's message, as the Pulumi CLI prints it. */
    message: string;
    urn?: string;
    resourceType?: string;
    resourceName?: string;
}

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "advisory";

interface ReconciledConfig {
    enforcementLevel: EnforcementLevel;
    properties: Record<string, unknown>;
}

function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return ENFORCEMENT_LEVELS.includes(value as EnforcementLevel);
}

/** One entry of a `--policy-pack-config` file: a bare level, or an object with an optional level and properties. */
function parseConfigEntry(policy: string, value: unknown): { enforcementLevel?: EnforcementLevel; properties: Record<string, unknown> } {
    if (typeof value === "string") {
        if (!isEnforcementLevel(value))
            throw new Error(`parsing enforcement level for "${policy}": "${value}" is not a valid enforcement level`);
        return { enforcementLevel: value, properties: {} };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new Error(`parsing "${policy}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
    }
    const { enforcementLevel, ...properties } = value as Record<string, unknown>;
    if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
        throw new Error(`parsing enforcement level for "${policy}": ${JSON.stringify(enforcementLevel)} is not a valid enforcement level`);
    }
    return { enforcementLevel, properties };
}

function schemaDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
    return Object.fromEntries(
        Object.entries(schema?.properties ?? {})
            .filter(([, property]) => typeof property === "object" && property.default !== undefined)
            .map(([key, property]) => [key, (property as { default: unknown }).default]),
    );
}

/**
 * The config each policy runs with, as the CLI's ReconcilePolicyPackConfig builds it: schema defaults
 * and the policy's own level, then `all`, then each policy's entry; finally every policy's properties
 * are validated against its schema.
 */
function reconcileConfig(policies: Policies, config: Record<string, unknown>): Map<string, ReconciledConfig> {
    const result = new Map<string, ReconciledConfig>(
        policies.map((p) => [
            p.name,
            { enforcementLevel: p.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL, properties: schemaDefaults(p.configSchema) },
        ]),
    );
    const entries = Object.entries(config).map(([policy, value]) => [policy, parseConfigEntry(policy, value)] as const);
    const all = entries.find(([policy]) => policy === "all")?.[1].enforcementLevel;
    if (all) result.forEach((entry) => (entry.enforcementLevel = all));
    for (const [policy, given] of entries) {
        if (policy === "all") continue;
        const existing = result.get(policy) ?? { enforcementLevel: PACK_ENFORCEMENT_LEVEL, properties: {} };
        result.set(policy, {
            enforcementLevel: given.enforcementLevel ?? existing.enforcementLevel,
            properties: { ...existing.properties, ...given.properties },
        });
    }
    // Schema defaults are valid by construction (the pack's tests check them); what a config sets is not.
    const configured = new Set(entries.filter(([, given]) => Object.keys(given.properties).length > 0).map(([policy]) => policy));
    const ajv = new Ajv({ allErrors: true, strict: false });
    const errors = policies.flatMap((p) => {
        if (!p.configSchema || !configured.has(p.name)) return [];
        const validate = ajv.compile({
            type: "object",
            properties: p.configSchema.properties,
            ...(p.configSchema.required ? { required: p.configSchema.required } : {}),
        });
        return validate(result.get(p.name)!.properties)
            ? []
            : (validate.errors ?? []).map((e) => `${p.name}: ${e.instancePath || "(root)"} ${e.message}`);
    });
    if (errors.length > 0) throw new Error(`policy pack configuration is invalid: ${errors.join(", ")}`);
    return result;
}

/** Resolves a promise-valued field of an asset, as the SDK does when it serializes one. */
async function resolved<T>(value: T | Promise<T>): Promise<T> {
    return await value;
}

/**
 * A recorded input value in the form the engine sends to analyzers: unknowns as the unknown sentinel,
 * secrets, assets and archives in their RPC signatures, undefined object fields dropped.
 */
async function toWire(value: unknown): Promise<unknown> {
    if (value === undefined || value === null || typeof value !== "object") return value;
    if (pulumi.isUnknown(value)) return unknownValue;
    if (value instanceof Promise) return toWire(await value);
    if (Array.isArray(value)) return Promise.all(value.map(async (element) => (await toWire(element)) ?? null));
    const record = value as Record<string, any>;
    if (record[specialSigKey] === specialSecretSig)
        return { [specialSigKey]: specialSecretSig, value: (await toWire(record.value)) ?? null };
    if (pulumi.asset.Asset.isInstance(value)) {
        const asset = value as Record<string, any>;
        const [key] = ["path", "text", "uri"].filter((field) => asset[field] !== undefined);
        return { [specialSigKey]: specialAssetSig, [key]: await resolved(asset[key]) };
    }
    if (pulumi.asset.Archive.isInstance(value)) {
        const archive = value as Record<string, any>;
        if (archive.assets !== undefined)
            return { [specialSigKey]: specialArchiveSig, assets: await toWire(await resolved(archive.assets)) };
        const [key] = ["path", "uri"].filter((field) => archive[field] !== undefined);
        return { [specialSigKey]: specialArchiveSig, [key]: await resolved(archive[key]) };
    }
    const entries = await Promise.all(Object.entries(record).map(async ([key, field]) => [key, await toWire(field)] as const));
    return Object.fromEntries(entries.filter(([, field]) => field !== undefined));
}

/** A read-only view of the stack tags, as `@pulumi/policy` hands them out. */
function freezeMap(map: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
    return Object.freeze({
        entries: map.entries.bind(map),
        forEach: map.forEach.bind(map),
        get: map.get.bind(map),
        has: map.has.bind(map),
        keys: map.keys.bind(map),
        size: map.size,
        values: map.values.bind(map),
        [Symbol.iterator]: map[Symbol.iterator].bind(map),
    }) as ReadonlyMap<string, string>;
}

class NotApplicableError extends Error {}

function notApplicable(reason?: string): never {
    throw new NotApplicableError(reason ?? "Policy does not apply");
}

function isTypeOf(type: string, resourceClass: { new (...rest: any[]): pulumi.Resource }): boolean {
    const pulumiType = (resourceClass as unknown as { __pulumiType?: unknown }).__pulumiType;
    if (typeof pulumiType === "string" && pulumiType.length > 0) return type === pulumiType;
    const isInstance = (resourceClass as unknown as { isInstance?: (o: unknown) => boolean }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function isResourcePolicy(policy: Policies[number]): policy is ResourceValidationPolicy {
    const { validateResource, remediateResource } = policy as ResourceValidationPolicy;
    return (
        typeof validateResource === "function" ||
        (Array.isArray(validateResource) && validateResource.every((v) => typeof v === "function")) ||
        typeof remediateResource === "function"
    );
}

function isStackPolicy(policy: Policies[number]): policy is StackValidationPolicy {
    return typeof (policy as StackValidationPolicy).validateStack === "function";
}

/** The type and name in a URN: `urn:pulumi:<stack>::<project>::<parent types$type>::<name>`. */
function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/** The evaluation context shared by every policy: reconciled config, stack tags and resources by URN. */
class Evaluation {
    readonly violations: Violation[] = [];
    private readonly config: Map<string, ReconciledConfig>;
    private readonly byUrn: Map<string, PlannedResource>;
    readonly stackTags: ReadonlyMap<string, string>;
    private readonly wire = new Map<string, Promise<Record<string, unknown>>>();

    constructor(
        policies: Policies,
        resources: PlannedResource[],
        options: { config?: Record<string, any>; stackTags?: Map<string, string> },
    ) {
        this.config = reconcileConfig(policies, options.config ?? {});
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
        this.stackTags = freezeMap(options.stackTags ?? new Map());
    }

    /**
     * Props exactly as a policy receives them: deserialized afresh by `@pulumi/policy` for every call,
     * behind its unknown-checking proxy. The wire form is computed once per resource.
     */
    async propsOf(resource: Pick<PlannedResource, "urn" | "props">): Promise<Record<string, any>> {
        if (!this.wire.has(resource.urn)) this.wire.set(resource.urn, toWire(resource.props) as Promise<Record<string, unknown>>);
        const wire = await this.wire.get(resource.urn)!;
        return unknownCheckingProxy(deserializeProperties({ toJavaScript: () => wire }, false));
    }

    /** The level a policy runs at, or undefined when it is disabled. Stack policies and violations report `remediate` as `mandatory`. */
    levelOf(policy: Policies[number]): EnforcementLevel | undefined {
        const level = this.config.get(policy.name)?.enforcementLevel ?? policy.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL;
        if (level === "disabled") return undefined;
        return level === "remediate" ? "mandatory" : level;
    }

    getConfigOf(policy: Policies[number]) {
        return <T extends object>(): T => ({ ...(this.config.get(policy.name)?.properties ?? {}) }) as T;
    }

    /** The provider of a resource as the engine describes it: its type, name, URN and inputs. */
    async providerOf(resource: PlannedResource) {
        if (!resource.provider) return undefined;
        const urn = resource.provider.split("::").slice(0, -1).join("::");
        const { type, name } = parseUrn(urn);
        return { type, name, urn, props: await this.propsOf(this.byUrn.get(urn) ?? { urn, props: {} }) };
    }

    report(policy: Policies[number], level: EnforcementLevel, fixedUrn?: string): ReportViolation {
        return (message: string, urn?: string) => {
            const target = fixedUrn ?? urn;
            const resource = target ? (this.byUrn.get(target) ?? { ...parseUrn(target) }) : undefined;
            this.violations.push({
                policyName: policy.name,
                enforcementLevel: level,
                severity: policy.severity,
                message: message ? `${policy.description}\n${message}` : policy.description,
                ...(target ? { urn: target, resourceType: resource?.type, resourceName: resource?.name } : {}),
            });
        };
    }

    /** What the analyzer server does with an error thrown by a policy. */
    handleError(policy: Policies[number], error: unknown, report: (v: Violation) => void, what: string): void {
        const from = `policy '${policy.name}' from policy pack '${POLICY_PACK_NAME}@v${POLICY_PACK_VERSION}'`;
        if (error instanceof UnknownValueError) {
            report({
                policyName: policy.name,
                enforcementLevel: "advisory",
                severity: policy.severity,
                message: `can't run ${from} during preview: ${(error as Error).message}`,
            });
        } else if (!(error instanceof NotApplicableError)) {
            throw new Error(`Error validating ${what} with ${from}:\n${error instanceof Error ? error.stack : String(error)}`);
        }
    }
}

/**
 * What `@pulumi/policy` gives a policy about one resource, for resource and stack policies alike: fresh
 * props, options, typed accessors, and the provider when the engine knows it.
 */
async function describeResource(evaluation: Evaluation, resource: PlannedResource) {
    const props = await evaluation.propsOf(resource);
    const described = {
        type: resource.type,
        props,
        urn: resource.urn,
        name: resource.name,
        opts: resourceOptions(resource),
        isType: (resourceClass: { new (...rest: any[]): pulumi.Resource }) => isTypeOf(resource.type, resourceClass),
        asType: ((resourceClass: { new (...rest: any[]): pulumi.Resource }) =>
            isTypeOf(resource.type, resourceClass) ? props : undefined) as PolicyResource["asType"] & ResourceValidationArgs["asType"],
    };
    const provider = await evaluation.providerOf(resource);
    return provider ? { ...described, provider } : described;
}

async function evaluateResource(evaluation: Evaluation, policies: ResourceValidationPolicy[], resource: PlannedResource): Promise<void> {
    for (const policy of policies) {
        const level = evaluation.levelOf(policy);
        if (!level || !policy.validateResource) continue;
        const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
        for (const validation of validations) {
            try {
                const args: ResourceValidationArgs = {
                    ...(await describeResource(evaluation, resource)),
                    stackTags: evaluation.stackTags,
                    getConfig: evaluation.getConfigOf(policy),
                    notApplicable,
                };
                await Promise.resolve(validation(args, evaluation.report(policy, level, resource.urn)));
            } catch (error: unknown) {
                evaluation.handleError(
                    policy,
                    error,
                    (v) =>
                        evaluation.violations.push({ ...v, urn: resource.urn, resourceType: resource.type, resourceName: resource.name }),
                    "resource",
                );
            }
        }
    }
}

function resourceOptions(resource: PlannedResource) {
    return {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        ...(resource.parent ? { parent: resource.parent } : {}),
    };
}

/** The stack's resources as `@pulumi/policy` builds them for stack policies, parents and dependencies linked. */
async function policyResources(evaluation: Evaluation, resources: PlannedResource[]): Promise<PolicyResource[]> {
    const built: PolicyResource[] = await Promise.all(
        resources.map(async (r) => ({ ...(await describeResource(evaluation, r)), dependencies: [], propertyDependencies: {} })),
    );
    const byUrn = new Map(built.map((r) => [r.urn, r]));
    resources.forEach((r, i) => {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (parent) built[i].parent = parent;
        built[i].dependencies = r.dependencies.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
        for (const [property, urns] of Object.entries(r.propertyDependencies)) {
            built[i].propertyDependencies[property] = urns.map((d) => byUrn.get(d)).filter((d): d is PolicyResource => d !== undefined);
        }
    });
    return built;
}

async function evaluateStack(evaluation: Evaluation, policies: StackValidationPolicy[], resources: PlannedResource[]): Promise<void> {
    for (const policy of policies) {
        const level = evaluation.levelOf(policy);
        if (!level) continue;
        try {
            const args: StackValidationArgs = {
                resources: await policyResources(evaluation, resources),
                getConfig: evaluation.getConfigOf(policy),
                stackTags: evaluation.stackTags,
                notApplicable,
            };
            await Promise.resolve(policy.validateStack(args, evaluation.report(policy, level)));
        } catch (error) {
            evaluation.handleError(policy, error, (v) => evaluation.violations.push(v), "stack");
        }
    }
}

export interface EvaluateOptions {
    /** The rules to run; default every rule of the pack. */
    policies?: Policies;
    /** A pack config in the shape of `--policy-pack-config`. */
    config?: Record<string, any>;
    stackTags?: Map<string, string>;
    /**
     * Invoke tokens (`aws:secretsmanager/getSecretVersion:getSecretVersion`) that the program called and
     * that had no offline answer: each is reported under the pack's not-judged policy, since whatever the
     * program built from its result was judged on unknown (or, for a plain invoke, empty) values.
     */
    unansweredInvokes?: string[];
}

/** The not-judged advisories of lookups with no offline answer, when the pack's not-judged policy runs. */
function unansweredInvokeViolations(evaluation: Evaluation, policies: Policies, tokens: string[]): Violation[] {
    const policy = policies.find((p) => p.name === NOT_JUDGED_POLICY);
    const level = policy && evaluation.levelOf(policy);
    if (!policy || !level) return [];
    return [...new Set(tokens)].map((token) => ({
        policyName: policy.name,
        enforcementLevel: level,
        severity: policy.severity,
        message:
            `${policy.description}\ngate: the program looks up ${token}, which reads live state and has no offline answer; its result was unknown ` +
            "(empty for a plain, non-Output invoke), so what the program built from it was not judged.",
    }));
}

/**
 * Every violation the policies find in the planned resources: first each resource against every
 * resource policy, in order, then the stack policies, as the engine runs them during a preview.
 * Throws on an invalid config and on a policy that fails with an error, as the Pulumi CLI would.
 */
export async function evaluatePolicies(resources: PlannedResource[], options: EvaluateOptions = {}): Promise<Violation[]> {
    const policies = options.policies ?? packPolicies;
    const evaluation = new Evaluation(policies, resources, options);
    for (const resource of resources) await evaluateResource(evaluation, policies.filter(isResourcePolicy), resource);
    await evaluateStack(evaluation, policies.filter(isStackPolicy), resources);
    return [...evaluation.violations, ...unansweredInvokeViolations(evaluation, policies, options.unansweredInvokes ?? [])];
}
