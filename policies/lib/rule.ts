import {
    PolicyConfigSchema,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { Control } from "./controls";
import { withManifests } from "./manifests";
import { isUnknown, known, settled } from "./known-values";

/** What every rule declares: what it forbids, how bad it is, the controls it implements, the fix. */
export interface RuleInfo {
    /** The rule's id, named after what it forbids. */
    name: string;
    description: string;
    enforcementLevel: "advisory" | "mandatory";
    severity: Severity;
    /** The controls the rule implements; the first is the primary one. */
    controls: Control[];
    remediation: string;
    configSchema?: PolicyConfigSchema;
}

/** A resource as rules see it: its props a plain copy in which unknown values are `UNKNOWN`. */
export interface ResourceView {
    type: string;
    name: string;
    urn: string;
    props: Record<string, any>;
}

export interface StackResourceView extends ResourceView {
    parent?: string;
    dependencies: string[];
    /** For each input property, the resources its value came from. */
    propertyDependencies: Record<string, StackResourceView[]>;
    /** The props of the resource's provider, when the engine knows it. */
    providerProps: Record<string, any>;
}

/** The metadata `@pulumi/policy` carries for a policy, derived from the rule's controls. */
function policyMetadata(info: RuleInfo) {
    const [primary] = info.controls;
    return {
        name: info.name,
        description: info.description,
        enforcementLevel: info.enforcementLevel,
        severity: info.severity,
        framework: { name: primary.framework, version: primary.version, reference: primary.id, specification: primary.title },
        url: primary.url,
        tags: info.controls.map((c) => `${c.framework}: ${c.id}`),
        remediationSteps: info.remediation,
        ...(info.configSchema ? { configSchema: info.configSchema } : {}),
    };
}

/**
 * The rule's config: the schema's defaults under what the pack config sets. The Pulumi CLI fills in
 * defaults itself; doing it here too keeps a rule correct when it runs with no config at all.
 */
export function settingsOf<C>(info: RuleInfo, given: object): C {
    const defaults = Object.fromEntries(
        Object.entries(info.configSchema?.properties ?? {})
            .filter(([, schema]) => typeof schema === "object" && schema.default !== undefined)
            .map(([key, schema]) => [key, (schema as { default: unknown }).default]),
    );
    return { ...defaults, ...given } as C;
}

/**
 * Tells what a rule could not judge (a value unknown during preview, a source outside the program),
 * in place of passing it silently. The rule's own policy ignores these; the `not-judged` policy
 * (`notJudgedRule`) reports them as advisory, so that a mandatory rule never fails on them.
 * `urn` is the resource it could not judge; the message names the input that was unknown.
 */
export type ReportNotJudged = (message: string, urn?: string) => void;

/** The usual not-judged message: what could not be read, on which resource. */
export function unknownDuringPreview(subject: string, what: string): string {
    return `${subject}: ${what} is unknown during preview (computed by another resource), so it was not judged.`;
}

/**
 * Reports, as not judged, the props among `fields` that are unknown during preview; true when there
 * are any, so that a check can stop where it would otherwise read an unknown as "off".
 */
export function unknownFields(
    notJudged: (message: string) => void,
    subject: string,
    props: Record<string, any>,
    fields: string[],
): boolean {
    const unknown = fields.filter((field) => isUnknown(props[field]));
    if (unknown.length > 0) notJudged(unknownDuringPreview(subject, unknown.join(", ")));
    return unknown.length > 0;
}

/** Each rule's check run over a whole stack with its default config, keeping only what it could not judge. */
const notJudgedChecks = new Map<string, (stack: StackView, notJudged: ReportNotJudged) => void>();

const ignore = () => {};

/** A rule that judges each resource of the given types on its own. */
export function resourceRule<C = Record<string, never>>(
    info: RuleInfo,
    types: readonly string[],
    check: (resource: ResourceView, report: (message: string) => void, config: C, notJudged: (message: string) => void) => void,
): ResourceValidationPolicy {
    notJudgedChecks.set(info.name, (stack, notJudged) => {
        for (const resource of stack.ofType(...types))
            check(resource, ignore, settingsOf<C>(info, {}), (message) => notJudged(message, resource.urn));
    });
    return {
        ...policyMetadata(info),
        validateResource: async (args: ResourceValidationArgs, reportViolation) => {
            if (!types.includes(args.type)) return;
            const resource = { type: args.type, name: args.name, urn: args.urn, props: await settled(known(args.props)) };
            check(resource, (message) => reportViolation(message), settingsOf<C>(info, args.getConfig()), ignore);
        },
    };
}

/** A rule that judges resources together: references between them, or what is missing from the stack. */
export function stackRule<C = Record<string, never>>(
    info: RuleInfo,
    check: (stack: StackView, report: (message: string, urn?: string) => void, config: C, notJudged: ReportNotJudged) => void,
): StackValidationPolicy {
    notJudgedChecks.set(info.name, (stack, notJudged) => check(stack, ignore, settingsOf<C>(info, {}), notJudged));
    return {
        ...policyMetadata(info),
        validateStack: (args: StackValidationArgs, reportViolation) => {
            check(
                new StackView(args.resources),
                (message, urn) => reportViolation(message, urn),
                settingsOf<C>(info, args.getConfig()),
                ignore,
            );
        },
    };
}

/**
 * A reading that several rules share and that alone decides what they cannot judge (the configuration a
 * Redis server starts with, the Kubernetes objects around a workload): it reports each finding with the
 * ids of the rules it leaves unjudged (a `*` glob standing for a family of them).
 */
export type SharedNotJudgedCheck = (stack: StackView, notJudged: (rules: readonly string[], message: string, urn?: string) => void) => void;

/**
 * The one advisory policy through which the pack reports what it could not judge: for every rule defined
 * with `resourceRule` or `stackRule` (what its check passed to `notJudged`) and for the `shared` readings,
 * one result per resource and finding, as `<rule ids>: <message>`. A policy sees only its own config, so
 * each rule runs here with its defaults.
 */
export function notJudgedRule(info: RuleInfo, shared: readonly SharedNotJudgedCheck[] = []): StackValidationPolicy {
    return {
        ...policyMetadata(info),
        validateStack: async (args: StackValidationArgs, reportViolation) => {
            const stack = await new StackView(args.resources).settled();
            const seen = new Set<string>();
            const report = (rules: readonly string[], message: string, urn?: string) => {
                const line = `${rules.join(", ")}: ${message}`;
                if (seen.has(`${urn}\n${line}`)) return;
                seen.add(`${urn}\n${line}`);
                reportViolation(line, urn);
            };
            for (const [rule, run] of notJudgedChecks) {
                if (rule !== info.name) run(stack, (message, urn) => report([rule], message, urn));
            }
            for (const check of shared) check(stack, report);
        },
    };
}

/** The stack's resources with lookups by type, URN and property dependency. */
export class StackView {
    readonly resources: StackResourceView[];
    private readonly byUrn = new Map<string, StackResourceView>();

    constructor(resources: PolicyResource[]) {
        const views: StackResourceView[] = resources.map((r) => ({
            type: r.type,
            name: r.name,
            urn: r.urn,
            props: known(r.props),
            parent: r.parent?.urn,
            dependencies: r.dependencies.map((d) => d.urn),
            propertyDependencies: {},
            providerProps: r.provider ? known(r.provider.props) : {},
        }));
        views.forEach((view) => this.byUrn.set(view.urn, view));
        resources.forEach((r, i) => {
            for (const [property, deps] of Object.entries(r.propertyDependencies)) {
                views[i].propertyDependencies[property] = deps
                    .map((d) => this.byUrn.get(d.urn))
                    .filter((d): d is StackResourceView => d !== undefined);
            }
        });
        // Rules judge the Kubernetes objects the program creates: inline manifests expanded, patches merged.
        this.resources = withManifests(views);
        this.resources.forEach((view) => this.byUrn.set(view.urn, view));
    }

    /** The view with every promise in the props awaited (an asset's text), for the checks that read assets. */
    async settled(): Promise<this> {
        await Promise.all(this.resources.map(async (view) => (view.props = await settled(view.props))));
        return this;
    }

    ofType(...types: string[]): StackResourceView[] {
        return this.resources.filter((r) => types.includes(r.type));
    }

    get(urn: string): StackResourceView | undefined {
        return this.byUrn.get(urn);
    }

    /** The outermost component that holds the resource, or the resource itself at the top level. */
    topLevelOf(resource: StackResourceView): StackResourceView {
        const parent = resource.parent ? this.get(resource.parent) : undefined;
        return parent ? this.topLevelOf(parent) : resource;
    }

    /**
     * The one top-level resource (a component, or a resource of its own) that every resource a property's
     * value came from belongs to; undefined when the value came from none, or from several.
     */
    ownerOfValue(resource: StackResourceView, property: string): StackResourceView | undefined {
        const owners = new Set((resource.propertyDependencies[property] ?? []).map((source) => this.topLevelOf(source)));
        return owners.size === 1 ? [...owners][0] : undefined;
    }

    /** The resources of the given types that a property's value came from. */
    sourcesOf(resource: StackResourceView, property: string, types: readonly string[]): StackResourceView[] {
        return (resource.propertyDependencies[property] ?? []).filter((r) => types.includes(r.type));
    }

    /**
     * The resources of the given types that a property refers to: by property dependency, or, for a
     * literal value, by the target's own identifying property (`identity`) holding that value.
     */
    referencedBy(
        resource: StackResourceView,
        property: string,
        types: readonly string[],
        identity: (target: StackResourceView) => unknown[],
    ): StackResourceView[] {
        const literals = [resource.props[property]].flat().filter((v): v is string => typeof v === "string");
        const byValue = this.ofType(...types).filter((target) =>
            identity(target).some((id) => typeof id === "string" && literals.includes(id)),
        );
        return [...new Set([...this.sourcesOf(resource, property, types), ...byValue])];
    }
}
