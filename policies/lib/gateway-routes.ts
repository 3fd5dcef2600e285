import { namespaceOf } from "./kubernetes";
import { isUnknown, listOf, objectOf, stringOf } from "./known-values";
import { StackResourceView } from "./rule";

/**
 * Services that Gateway API TCPRoutes and TLSRoutes attach to a Gateway's listeners
 * (https://gateway-api.sigs.k8s.io/reference/spec/): each `backendRefs` entry (kind Service unless
 * given, in the route's namespace unless given) behind each `parentRefs` Gateway (the route's namespace
 * unless given; `sectionName` picks one listener). A Gateway is the cluster's door to the outside, as a
 * LoadBalancer Service is.
 */
export interface RoutedService {
    route: StackResourceView;
    namespace: string;
    service: string;
    port: unknown;
    /** The Gateway listener the route attaches to, or why the gate cannot tell (a Gateway outside the program, a value unknown at preview). */
    listener: { gateway: StackResourceView; name: string } | { unknown: string };
}

const ROUTE = /^kubernetes:gateway\.networking\.k8s\.io\/[^:]+:(TCPRoute|TLSRoute)$/;
const GATEWAY = /^kubernetes:gateway\.networking\.k8s\.io\/[^:]+:Gateway$/;

function listenerOf(
    route: StackResourceView,
    parent: Record<string, any>,
    gateways: StackResourceView[],
): RoutedService["listener"] | undefined {
    if ([parent.name, parent.namespace, parent.sectionName, parent.kind].some(isUnknown))
        return { unknown: "its parentRefs are unknown at preview" };
    if ((stringOf(parent.kind) ?? "Gateway") !== "Gateway") return undefined;
    const namespace = stringOf(parent.namespace) ?? namespaceOf(route);
    const gateway = gateways.find(
        (g) => namespaceOf(g) === namespace && (stringOf(objectOf(g.props.metadata).name) ?? g.name) === parent.name,
    );
    if (!gateway) return { unknown: `its Gateway ${namespace}/${parent.name} is not defined in the program` };
    const listeners = listOf(objectOf(gateway.props.spec).listeners).map(objectOf);
    const section = stringOf(parent.sectionName);
    const listener = listeners.find((l) => section === undefined || l.name === section);
    return listener ? { gateway, name: stringOf(listener.name) ?? "?" } : undefined;
}

/** Every Service a TCPRoute or TLSRoute of the stack attaches to a Gateway listener. */
export function routedServices(resources: StackResourceView[]): RoutedService[] {
    const gateways = resources.filter((r) => GATEWAY.test(r.type));
    return resources
        .filter((r) => ROUTE.test(r.type))
        .flatMap((route) => {
            const spec = objectOf(route.props.spec);
            const backends = listOf(spec.rules).flatMap((rule) => listOf(objectOf(rule).backendRefs).map(objectOf));
            const services = backends.filter((b) => (stringOf(b.kind) ?? "Service") === "Service" && typeof b.name === "string");
            const listeners = listOf(spec.parentRefs).flatMap((p) => listenerOf(route, objectOf(p), gateways) ?? []);
            return services.flatMap((backend) =>
                listeners.map((listener) => ({
                    route,
                    namespace: stringOf(backend.namespace) ?? namespaceOf(route),
                    service: backend.name as string,
                    port: backend.port,
                    listener,
                })),
            );
        });
}
