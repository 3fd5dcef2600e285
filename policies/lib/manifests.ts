import { parseAllDocuments } from "yaml";
import { isUnknown, objectOf, stringOf } from "./known-values";
import { ResourceView, StackResourceView } from "./rule";

/**
 * The Kubernetes objects a program really creates, beyond the resources it registers one by one:
 * - the inline manifests (`yaml` text, `objs`) of `kubernetes:yaml:ConfigGroup` and `kubernetes:yaml/v2:ConfigGroup`,
 *   when the stack does not already hold them as children (the v1 SDK and a real preview register them;
 *   an offline run of the v2 component does not);
 * - `*Patch` resources (server-side apply patches), merged onto the object they patch when the program
 *   holds it, and judged as an object of their own kind otherwise.
 */

export const CONFIG_GROUPS = ["kubernetes:yaml:ConfigGroup", "kubernetes:yaml/v2:ConfigGroup"];

/** The Pulumi type of a Kubernetes object: `apps/v1` `Deployment` is `kubernetes:apps/v1:Deployment`, `v1` is the core group. */
export function pulumiTypeOf(apiVersion: string, kind: string): string {
    return `kubernetes:${apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`}:${kind}`;
}

/** The objects of YAML text, `List` kinds flattened; documents that are not objects are left out. */
export function parseManifests(text: string): Record<string, any>[] {
    return flatten(parseAllDocuments(text).map((document) => document.toJS()));
}

function flatten(objects: unknown[]): Record<string, any>[] {
    return objects.flatMap((o) => {
        const object = objectOf(o);
        if (typeof object.kind === "string" && object.kind.endsWith("List") && Array.isArray(object.items)) return flatten(object.items);
        return typeof object.kind === "string" && typeof object.apiVersion === "string" ? [object] : [];
    });
}

/** The inline objects of a ConfigGroup: its `yaml` texts and its `objs`. Undefined when part of them is unknown at preview. */
export function inlineObjectsOf(component: Pick<ResourceView, "props">): Record<string, any>[] | undefined {
    const { yaml, objs } = component.props;
    const texts = [yaml].flat().filter((t) => t !== undefined && t !== null);
    const objects = [objs].flat().filter((o) => o !== undefined && o !== null);
    if ([...texts, ...objects].some(isUnknown)) return undefined;
    return [...texts.filter((t): t is string => typeof t === "string").flatMap(parseManifests), ...flatten(objects)];
}

/** A Kubernetes object of a component, named and addressed as the component's child. */
export interface ManifestChild {
    type: string;
    name: string;
    urn: string;
    props: Record<string, any>;
}

/**
 * The objects a v2 ConfigGroup's provider registers as its children, named `<component>:<namespace>/<name>`.
 * A child's URN qualifies its type by its parent's: `urn:pulumi:<stack>::<project>::<parent type>$<type>::<name>`.
 */
export function configGroupChildren(component: Pick<ResourceView, "name" | "urn" | "props">): ManifestChild[] {
    const [prefix, qualifiedType] = [component.urn.split("::").slice(0, 2).join("::"), component.urn.split("::")[2]];
    return (inlineObjectsOf(component) ?? []).map((object) => {
        const type = pulumiTypeOf(object.apiVersion, object.kind);
        const metadata = objectOf(object.metadata);
        const name = `${component.name}:${[stringOf(metadata.namespace), stringOf(metadata.name) ?? "?"].filter(Boolean).join("/")}`;
        return { type, name, urn: `${prefix}::${qualifiedType}$${type}::${name}`, props: object };
    });
}

/**
 * A patch merged onto an object as a strategic merge patch treats the fields a pod spec and a Service
 * hold: objects merge key by key, lists of named objects (containers, volumes, env, ports) merge by name,
 * other lists and values are replaced.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
    if (isUnknown(patch) || patch === undefined) return target;
    if (Array.isArray(patch) && Array.isArray(target) && [...patch, ...target].every((e) => typeof objectOf(e).name === "string")) {
        const merged = target.map((entry) => {
            const update = patch.find((p) => objectOf(p).name === objectOf(entry).name);
            return update === undefined ? entry : mergePatch(entry, update);
        });
        return [...merged, ...patch.filter((p) => !target.some((t) => objectOf(t).name === objectOf(p).name))];
    }
    if (
        patch === null ||
        typeof patch !== "object" ||
        Array.isArray(patch) ||
        target === null ||
        typeof target !== "object" ||
        Array.isArray(target)
    )
        return patch;
    const result: Record<string, unknown> = { ...(target as Record<string, unknown>) };
    for (const [key, value] of Object.entries(patch)) result[key] = mergePatch(result[key], value);
    return result;
}

const identity = (r: StackResourceView) =>
    `${stringOf(objectOf(r.props.metadata).namespace) ?? stringOf(r.providerProps.namespace) ?? "default"}/${stringOf(objectOf(r.props.metadata).name)}`;

/** The stack's resources with inline manifests expanded and patches merged onto what they patch. */
export function withManifests(resources: StackResourceView[]): StackResourceView[] {
    const parents = new Set(resources.map((r) => r.parent).filter((p): p is string => p !== undefined));
    const expanded = resources.flatMap((resource) => {
        if (!CONFIG_GROUPS.includes(resource.type) || parents.has(resource.urn)) return [resource];
        const children = configGroupChildren(resource).map((child) => ({
            ...child,
            parent: resource.urn,
            dependencies: [],
            propertyDependencies: {},
            providerProps: resource.providerProps,
        }));
        return [resource, ...children];
    });
    const patches = expanded.filter((r) => r.type.startsWith("kubernetes:") && r.type.endsWith("Patch"));
    const patched = new Set<StackResourceView>();
    const result = expanded.map((resource) => {
        const mine = patches.filter((p) => p.type === `${resource.type}Patch` && identity(p) === identity(resource));
        if (mine.length === 0) return resource;
        mine.forEach((p) => patched.add(p));
        const props = mine.reduce<unknown>((merged, patch) => mergePatch(merged, patch.props), resource.props) as Record<string, any>;
        const by = mine.map((p) => `"${p.name}"`).join(", ");
        // Findings about the merged object point at the patch that made it so.
        return { ...resource, props, name: `${resource.name} (patched by ${by})`, urn: mine[mine.length - 1].urn };
    });
    // A patch of an object from outside the program is judged as an object of its kind.
    const unmatched = patches.filter((p) => !patched.has(p)).map((p) => ({ ...p, type: p.type.replace(/Patch$/, "") }));
    return [...result, ...unmatched];
}
