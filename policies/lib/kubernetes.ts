import { ResourceView } from "./rule";
import { isUnknown, listOf, objectOf, stringOf } from "./read";

export const SERVICE = "kubernetes:core/v1:Service";
export const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
export const SECRET = "kubernetes:core/v1:Secret";
export const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** Where each workload type keeps its pod template (a Pod is its own). */
const POD_TEMPLATE_PATHS: Record<string, string[]> = {
    "kubernetes:apps/v1:Deployment": ["spec", "template"],
    "kubernetes:apps/v1:StatefulSet": ["spec", "template"],
    "kubernetes:apps/v1:DaemonSet": ["spec", "template"],
    "kubernetes:apps/v1:ReplicaSet": ["spec", "template"],
    "kubernetes:batch/v1:Job": ["spec", "template"],
    "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template"],
    "kubernetes:core/v1:Pod": [],
};

export const WORKLOAD_TYPES = Object.keys(POD_TEMPLATE_PATHS);

/** A pod template: its labels, annotations and spec, as plain objects. */
export interface PodTemplate {
    labels: Record<string, unknown>;
    annotations: Record<string, unknown>;
    spec: Record<string, any>;
}

export function podTemplateOf(workload: ResourceView): PodTemplate {
    const path = POD_TEMPLATE_PATHS[workload.type] ?? [];
    const template = path.reduce<Record<string, any>>((node, key) => objectOf(node[key]), workload.props);
    const metadata = objectOf(template.metadata);
    return { labels: objectOf(metadata.labels), annotations: objectOf(metadata.annotations), spec: objectOf(template.spec) };
}

export type ContainerList = "initContainers" | "containers" | "ephemeralContainers";

export interface ContainerView {
    list: ContainerList;
    name: string;
    container: Record<string, any>;
}

/** Every container of a pod spec, init and ephemeral ones included, as Pod Security Standards count them. */
export function containersOf(spec: Record<string, any>, lists: readonly ContainerList[] = ["initContainers", "containers", "ephemeralContainers"]): ContainerView[] {
    return lists.flatMap((list) =>
        listOf(spec[list]).map((entry, i) => {
            const container = objectOf(entry);
            return { list, name: stringOf(container.name) ?? `${list}[${i}]`, container };
        }),
    );
}

/** The repository name of an image reference: `docker.io/library/redis:7.2@sha256:...` is `redis`. */
function repositoryName(image: string): string {
    const withoutDigest = image.split("@")[0];
    const lastSegment = withoutDigest.split("/").pop() ?? "";
    return lastSegment.split(":")[0].toLowerCase();
}

const REDIS_REPOSITORY = /^(redis|valkey)(-[a-z0-9._-]+)?$/;
const REDIS_LABEL_KEYS = ["app.kubernetes.io/name", "app", "k8s-app", "app.kubernetes.io/component"];
const REDIS_LABEL_VALUE = /^(redis|valkey)([-_].*)?$/i;

export function isRedisImage(image: unknown): boolean {
    return typeof image === "string" && REDIS_REPOSITORY.test(repositoryName(image));
}

export function hasRedisLabel(labels: Record<string, unknown>): boolean {
    return REDIS_LABEL_KEYS.some((key) => typeof labels[key] === "string" && REDIS_LABEL_VALUE.test(labels[key] as string));
}

/** A workload that runs a Redis or Valkey image, or that its own or its pods' labels call Redis. */
export function isRedisWorkload(workload: ResourceView): boolean {
    if (!WORKLOAD_TYPES.includes(workload.type)) return false;
    const template = podTemplateOf(workload);
    return (
        containersOf(template.spec).some((c) => isRedisImage(c.container.image)) ||
        hasRedisLabel(template.labels) ||
        hasRedisLabel(objectOf(objectOf(workload.props.metadata).labels))
    );
}

const CLIENT_TOOLS = /(^|[\s/])(redis|valkey)-(cli|benchmark|check-aof|check-rdb)(\s|$)/;
const SERVER_BINARIES = /(^|[\s/])(redis|valkey)-(server|sentinel)(\s|$)/;

/** The words a container starts with: its command, then its args. Unknown words stay out. */
export function argvOf(container: Record<string, any>): string[] {
    return [...listOf(container.command), ...listOf(container.args)].filter((word): word is string => typeof word === "string");
}

/** True when the container's command or args are not known yet, as during preview. */
export function argvUnknown(container: Record<string, any>): boolean {
    return [container.command, container.args].some((v) => isUnknown(v) || listOf(v).some(isUnknown));
}

/** A container that runs the Redis server: a Redis image not started as a client tool, or an explicit redis-server. */
export function runsRedisServer(container: Record<string, any>): boolean {
    const commandLine = argvOf(container).join(" ");
    if (SERVER_BINARIES.test(commandLine)) return true;
    return isRedisImage(container.image) && !CLIENT_TOOLS.test(commandLine);
}

/** The namespace of a namespaced object: its own, its provider's default, or `default`. */
export function namespaceOf(resource: ResourceView & { providerProps?: Record<string, any> }): string {
    return stringOf(objectOf(resource.props.metadata).namespace) ?? stringOf(resource.providerProps?.namespace) ?? "default";
}

export function metadataNameOf(resource: ResourceView): string | undefined {
    return stringOf(objectOf(resource.props.metadata).name);
}

/**
 * Whether a label selector (`matchLabels` and `matchExpressions`) selects pods with these labels.
 * An empty selector selects every pod. Undefined when part of the selector is unknown.
 */
export function selectorMatches(selector: unknown, labels: Record<string, unknown>): boolean | undefined {
    if (isUnknown(selector)) return undefined;
    const { matchLabels, matchExpressions } = objectOf(selector);
    if (isUnknown(matchLabels) || isUnknown(matchExpressions)) return undefined;
    const byLabel = Object.entries(objectOf(matchLabels)).map(([key, value]) => (isUnknown(value) ? undefined : labels[key] === value));
    const byExpression = listOf(matchExpressions).map((entry) => expressionMatches(objectOf(entry), labels));
    const results = [...byLabel, ...byExpression];
    if (results.includes(false)) return false;
    return results.includes(undefined) ? undefined : true;
}

function expressionMatches(expression: Record<string, any>, labels: Record<string, unknown>): boolean | undefined {
    const { key, operator, values } = expression;
    if ([key, operator, values].some(isUnknown)) return undefined;
    const present = typeof key === "string" && key in labels;
    const listed = listOf(values).includes(labels[key as string]);
    switch (operator) {
        case "In":
            return present && listed;
        case "NotIn":
            return !present || !listed;
        case "Exists":
            return present;
        case "DoesNotExist":
            return !present;
        default:
            return undefined;
    }
}

/** A Service's selector, which matches on labels alone (no expressions). */
export function serviceSelects(service: ResourceView, labels: Record<string, unknown>): boolean | undefined {
    const selector = objectOf(service.props.spec).selector;
    if (isUnknown(selector)) return undefined;
    const entries = Object.entries(objectOf(selector));
    if (entries.length === 0) return false;
    return selectorMatches({ matchLabels: selector }, labels);
}

/** Names of volumes whose files a container mounts. */
export function mountedVolumeNames(container: Record<string, any>): Set<string> {
    return new Set(listOf(container.volumeMounts).map((m) => stringOf(objectOf(m).name)).filter((n): n is string => n !== undefined));
}
