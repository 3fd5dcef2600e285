import { kubernetesDocs, redisSecurity } from "../lib/controls";
import {
    SERVICE,
    WORKLOAD_TYPES,
    hasRedisLabel,
    isRedisWorkload,
    metadataNameOf,
    namespaceOf,
    podTemplateOf,
    serviceSelects,
} from "../lib/kubernetes";
import { routedServices } from "../lib/gateway-routes";
import { mergePatch } from "../lib/manifests";
import { publishedTcpServices } from "../lib/tcp-services";
import { isAbsent, isUnknown, listOf, objectOf, stringOf } from "../lib/known-values";
import { ReportNotJudged, StackResourceView, StackView, stackRule } from "../lib/rule";

const EXPOSING_TYPES = new Set(["LoadBalancer", "NodePort"]);
const REDIS_PORTS = new Set([6379, 6380, 26379]);

function exposure(service: StackResourceView): string | undefined {
    const spec = objectOf(service.props.spec);
    const type = stringOf(spec.type);
    if (type !== undefined && EXPOSING_TYPES.has(type)) return `is of type ${type}`;
    if (!isAbsent(spec.externalIPs) && Array.isArray(spec.externalIPs)) return "has externalIPs";
    return undefined;
}

/**
 * A Service is Redis's when it selects a Redis workload or serves a Redis port; a Redis label counts only
 * when the Service selects no workload of the program, since a client (an exporter, a queue worker) is often
 * labelled after the Redis it uses.
 */
function redisTargets(
    service: StackResourceView,
    workloads: StackResourceView[],
    allWorkloads: StackResourceView[],
): StackResourceView[] | undefined {
    const namespace = namespaceOf(service);
    const selects = (w: StackResourceView) => namespaceOf(w) === namespace && serviceSelects(service, podTemplateOf(w).labels) === true;
    const selected = workloads.filter(selects);
    if (selected.length > 0 || servesRedisPort(service)) return selected;
    if (hasRedisLabel(objectOf(objectOf(service.props.metadata).labels)) && !allWorkloads.some(selects)) return selected;
    return undefined;
}

function servesRedisPort(service: StackResourceView): boolean {
    return listOf(objectOf(service.props.spec).ports).some((entry) => {
        const port = objectOf(entry);
        return [port.port, port.targetPort].some((p) => REDIS_PORTS.has(p as number)) || /redis|valkey/i.test(stringOf(port.name) ?? "");
    });
}

const SERVICE_PATCH = "kubernetes:core/v1:ServicePatch";

/** A ServicePatch whose target's name or namespace is unknown at preview, which the pack therefore merged onto no Service. */
function isUnresolvedPatch(service: StackResourceView): boolean {
    const metadata = objectOf(service.props.metadata);
    return service.urn.split("::")[2]?.split("$").pop() === SERVICE_PATCH && (isUnknown(metadata.name) || isUnknown(metadata.namespace));
}

/**
 * The Services an unresolved ServicePatch may patch: when its name is computed from resources of one
 * component, that component's Services in its namespace (`within` that component); otherwise every Service
 * of the program there, and then possibly one outside the program.
 */
function patchCandidates(stack: StackView, patch: StackResourceView): { services: StackResourceView[]; within?: StackResourceView } {
    const namespace = stringOf(objectOf(patch.props.metadata).namespace);
    const services = stack
        .ofType(SERVICE)
        .filter((s) => !isUnresolvedPatch(s) && (namespace === undefined || namespaceOf(s) === namespace));
    const within = stack.ownerOfValue(patch, "metadata");
    const owned = within ? services.filter((s) => stack.topLevelOf(s) === within) : [];
    return owned.length > 0 ? { services: owned, within } : { services };
}

/** Judges an unresolved ServicePatch on what it is: denied when it would expose Redis whichever candidate it patches. */
function judgeUnresolvedPatch(
    stack: StackView,
    patch: StackResourceView,
    how: string,
    exposesRedis: (service: StackResourceView) => boolean,
    report: (message: string, urn?: string) => void,
    notJudged: ReportNotJudged,
): void {
    const { services, within } = patchCandidates(stack, patch);
    const exposed = services.filter((service) =>
        exposesRedis({ ...service, props: mergePatch(service.props, patch.props) as Record<string, any> }),
    );
    const names = exposed.map((s) => `"${s.name}"`).join(", ");
    if (within && exposed.length === services.length) {
        report(
            `ServicePatch "${patch.name}" names its Service by a value unknown at preview, computed from ${within.type.split(":").pop()} "${within.name}"; ` +
                `every Service of it that the patch can target (${names}) ${how} once patched and exposes Redis outside the cluster. Do not patch Redis's Services to another type.`,
            patch.urn,
        );
    } else if (exposed.length > 0) {
        const message = `ServicePatch "${patch.name}" names its Service by a value unknown at preview; if it patches ${names}, that Service ${how} and exposes Redis outside the cluster, so it was not judged.`;
        notJudged(message, patch.urn);
        exposed.forEach((service) => notJudged(message, service.urn));
    }
}

export const k8sRedisServiceExposed = stackRule(
    {
        name: "k8s-redis-service-exposed",
        description:
            "A Kubernetes Service in front of Redis must stay inside the cluster: no LoadBalancer, NodePort or externalIPs, no ingress-nginx tcp-services entry, no Gateway API TCPRoute or TLSRoute.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            redisSecurity("Network security", "Redis must not be reachable from outside its trusted network", "#network-security"),
            kubernetesDocs(
                "Service types",
                "LoadBalancer and NodePort publish a Service outside the cluster",
                "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types",
            ),
        ],
        remediation:
            "Use a ClusterIP (or headless) Service, and reach Redis from outside the cluster only through a VPN or a private link, never a public load balancer.",
    },
    (stack, report, _, notJudged) => {
        const workloads = stack.resources.filter(isRedisWorkload);
        const allWorkloads = stack.ofType(...WORKLOAD_TYPES);
        const exposesRedis = (service: StackResourceView) =>
            exposure(service) !== undefined && redisTargets(service, workloads, allWorkloads) !== undefined;
        for (const service of stack.ofType(SERVICE)) {
            const how = exposure(service);
            if (how === undefined) continue;
            if (isUnresolvedPatch(service)) {
                judgeUnresolvedPatch(stack, service, how, exposesRedis, report, notJudged);
                continue;
            }
            const selected = redisTargets(service, workloads, allWorkloads);
            if (selected === undefined) continue;
            const target = selected.length > 0 ? `Redis workload ${selected.map((w) => `"${w.name}"`).join(", ")}` : "a Redis port";
            report(`Service "${service.name}" ${how} and exposes ${target} outside the cluster. Make it a ClusterIP Service.`, service.urn);
        }
        /** A Service the program names by namespace, name and port is Redis's when it serves Redis, or when its name or port says so and the program does not define it. */
        const isRedisService = (namespace: string, name: string, port: unknown) => {
            const service = stack.ofType(SERVICE).find((s) => namespaceOf(s) === namespace && metadataNameOf(s) === name);
            return service
                ? redisTargets(service, workloads, allWorkloads) !== undefined
                : /redis|valkey/i.test(name) || REDIS_PORTS.has(Number(port));
        };
        for (const entry of routedServices(stack.resources)) {
            if (!isRedisService(entry.namespace, entry.service, entry.port)) continue;
            const what = `${entry.route.type.split(":").pop()} "${entry.route.name}" attaches Redis Service ${entry.namespace}/${entry.service}`;
            if ("unknown" in entry.listener) notJudged(`${what} to a Gateway, not judged: ${entry.listener.unknown}.`, entry.route.urn);
            else
                report(
                    `${what} to listener "${entry.listener.name}" of Gateway "${entry.listener.gateway.name}", which takes traffic from outside the cluster. Remove the route.`,
                    entry.route.urn,
                );
        }
        for (const entry of publishedTcpServices(stack.resources)) {
            if (!isRedisService(entry.namespace, entry.service, entry.port)) continue;
            report(
                `"${entry.source.name}" publishes Redis Service ${entry.namespace}/${entry.service}:${entry.port} on port ${entry.externalPort} of the ingress-nginx controller, outside the cluster. ` +
                    "Remove the tcp-services entry.",
                entry.source.urn,
            );
        }
    },
);
