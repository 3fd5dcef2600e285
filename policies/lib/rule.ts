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
import { known } from "./read";

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

/** A rule that judges each resource of the given types on its own. */
export function resourceRule<C = Record<string, never>>(
    info: RuleInfo,
    types: readonly string[],
    check: (resource: ResourceView, report: (message: string) => void, config: C) => void,
): ResourceValidationPolicy {
    return {
        ...policyMetadata(info),
        validateResource: (args: ResourceValidationArgs, reportViolation) => {
            if (!types.includes(args.type)) return;
            const resource = { type: args.type, name: args.name, urn: args.urn, props: known(args.props) };
            check(resource, (message) => reportViolation(message), settingsOf<C>(info, args.getConfig()));
        },
    };
}

/** A rule that judges resources together: references between them, or what is missing from the stack. */
export function stackRule<C = Record<string, never>>(
    info: RuleInfo,
    check: (stack: StackView, report: (message: string, urn?: string) => void, config: C) => void,
): StackValidationPolicy {
    return {
        ...policyMetadata(info),
        validateStack: (args: StackValidationArgs, reportViolation) => {
            check(new StackView(args.resources), (message, urn) => reportViolation(message, urn), settingsOf<C>(info, args.getConfig()));
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
                views[i].propertyDependencies[property] = deps.map((d) => this.byUrn.get(d.urn)).filter((d): d is StackResourceView => d !== undefined);
            }
        });
        // Rules judge the Kubernetes objects the program creates: inline manifests expanded, patches merged.
        this.resources = withManifests(views);
        this.resources.forEach((view) => this.byUrn.set(view.urn, view));
    }

    ofType(...types: string[]): StackResourceView[] {
        return this.resources.filter((r) => types.includes(r.type));
    }

    get(urn: string): StackResourceView | undefined {
        return this.byUrn.get(urn);
    }

    /** The resources of the given types that a property's value came from. */
    sourcesOf(resource: StackResourceView, property: string, types: readonly string[]): StackResourceView[] {
        return (resource.propertyDependencies[property] ?? []).filter((r) => types.includes(r.type));
    }

    /**
     * The resources of the given types that a property refers to: by property dependency, or, for a
     * literal value, by the target's own identifying property (`identity`) holding that value.
     */
    referencedBy(resource: StackResourceView, property: string, types: readonly string[], identity: (target: StackResourceView) => unknown[]): StackResourceView[] {
        const literals = [resource.props[property]].flat().filter((v): v is string => typeof v === "string");
        const byValue = this.ofType(...types).filter((target) => identity(target).some((id) => typeof id === "string" && literals.includes(id)));
        return [...new Set([...this.sourcesOf(resource, property, types), ...byValue])];
    }
}
