import { isUnknown, listOf, objectOf, stringOf } from "./known-values";
import { serverProcessOf } from "./redis-server";
import { ResourceView, StackView } from "./rule";

export const SERVICE = "kubernetes:core/v1:Service";
export const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
export const SECRET = "kubernetes:core/v1:Secret";
export const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/**
 * Where each workload kind keeps its pod template (a Pod is its own), and the API versions that serve it,
 * the deprecated ones included (a program may still target a cluster that serves them).
 * Source: https://kubernetes.io/docs/reference/using-api/deprecation-guide/ and the Kubernetes API reference.
 */
const WORKLOAD_KINDS: Record<string, { versions: string[]; template: string[] }> = {
    Deployment: { versions: ["apps/v1", "apps/v1beta1", "apps/v1beta2", "extensions/v1beta1"], template: ["spec", "template"] },
    StatefulSet: { versions: ["apps/v1", "apps/v1beta1", "apps/v1beta2"], template: ["spec", "template"] },
    DaemonSet: { versions: ["apps/v1", "apps/v1beta2", "extensions/v1beta1"], template: ["spec", "template"] },
    ReplicaSet: { versions: ["apps/v1", "apps/v1beta2", "extensions/v1beta1"], template: ["spec", "template"] },
    ReplicationController: { versions: ["core/v1"], template: ["spec", "template"] },
    Job: { versions: ["batch/v1"], template: ["spec", "template"] },
    CronJob: { versions: ["batch/v1", "batch/v1beta1", "batch/v2alpha1"], template: ["spec", "jobTemplate", "spec", "template"] },
    Pod: { versions: ["core/v1"], template: [] },
};

const POD_TEMPLATE_PATHS: Record<string, string[]> = Object.fromEntries(
    Object.entries(WORKLOAD_KINDS).flatMap(([kind, { versions, template }]) =>
        versions.map((version) => [`kubernetes:${version}:${kind}`, template]),
    ),
);

/**
 * The Pulumi types of every workload kind. Their `*Patch` variants are read through the stack view,
 * which merges a patch onto the object it patches, or judges it as an object of its kind.
 */
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
export function containersOf(
    spec: Record<string, any>,
    lists: readonly ContainerList[] = ["initContainers", "containers", "ephemeralContainers"],
): ContainerView[] {
    return lists.flatMap((list) =>
        listOf(spec[list]).map((entry, i) => {
            const container = objectOf(entry);
            return { list, name: stringOf(container.name) ?? `${list}[${i}]`, container };
        }),
    );
}

/**
 * The containers that run for the life of the pod: its containers and its native sidecars, init
 * containers with `restartPolicy: Always` (Kubernetes 1.29+), which start before the containers and keep
 * running beside them. One whose restartPolicy is unknown at preview counts too.
 * Source: https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/
 */
export function longRunningContainersOf(spec: Record<string, any>): ContainerView[] {
    return containersOf(spec, ["initContainers", "containers"]).filter(
        ({ list, container }) => list === "containers" || container.restartPolicy === "Always" || isUnknown(container.restartPolicy),
    );
}

/** The repository path of an image reference without registry, tag or digest: `docker.io/bitnami/redis:7.2@sha256:...` is `bitnami/redis`. */
export function repositoryOf(image: string): string {
    const segments = image.split("@")[0].toLowerCase().split("/");
    if (segments.length > 1 && /[.:]|^localhost$/.test(segments[0])) segments.shift();
    segments[segments.length - 1] = segments[segments.length - 1].split(":")[0];
    return segments.join("/");
}

/**
 * How a Redis server image starts when the pod gives no `command`:
 * - `docker-entrypoint`: the official `redis` and `valkey/valkey` images; args that start with `-` or
 *   end in `.conf` go to redis-server, other args run as a command, no args run the image's own command.
 * - `own-entrypoint`: images whose entrypoint writes or bakes in the configuration (Bitnami, Redis Stack, redismod, KeyDB).
 * Undefined for any other image, such as redis_exporter or redis-commander: Redis clients, not servers.
 * Sources: https://github.com/docker-library/redis (docker-entrypoint.sh), https://github.com/bitnami/containers.
 */
export type ServerImage = "docker-entrypoint" | "own-entrypoint";

const OWN_ENTRYPOINT =
    /^(redis-stack|redis-stack-server|redismod|redisearch|rejson|redistimeseries|redisgraph|rebloom|redis-cluster|valkey-cluster|redis-sentinel|valkey-sentinel|keydb)$/;

export function serverImageOf(image: unknown): ServerImage | undefined {
    if (typeof image !== "string") return undefined;
    const repository = repositoryOf(image);
    const name = repository.split("/").pop()!;
    if (name !== "redis" && name !== "valkey") return OWN_ENTRYPOINT.test(name) ? "own-entrypoint" : undefined;
    return repository.startsWith("bitnami/") ? "own-entrypoint" : "docker-entrypoint";
}

const REDIS_LABEL_KEYS = ["app.kubernetes.io/name", "app", "k8s-app", "app.kubernetes.io/component"];
const REDIS_LABEL_VALUE = /^(redis|valkey)([-_].*)?$/i;

/** Labels that call an object Redis. A hint for naming (a Redis ConfigMap), never proof of a Redis server. */
export function hasRedisLabel(labels: Record<string, unknown>): boolean {
    return REDIS_LABEL_KEYS.some((key) => typeof labels[key] === "string" && REDIS_LABEL_VALUE.test(labels[key] as string));
}

/**
 * A workload with a container that runs a Redis server, recognised by the binary it runs
 * (redis-server, valkey-server, redis-stack-server, redis-sentinel) or, when it gives no command,
 * by a server image. Labels do not count: a `redis-queue-worker` or redis_exporter is a client.
 * With the stack, `$(VAR)` references and scripts read from the program's ConfigMaps and Secrets.
 */
export function isRedisWorkload(workload: ResourceView, stack?: unknown): boolean {
    if (!WORKLOAD_TYPES.includes(workload.type)) return false;
    const context = { workload, stack: stack instanceof StackView ? stack : undefined };
    const { spec } = podTemplateOf(workload);
    return longRunningContainersOf(spec).some((view) => serverProcessOf(context, spec, view) !== undefined);
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
