// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// gap: a transformation that rewrites the component's children is applied by the engine after registration; the gate judges the inputs as registered.
// resource: sessions-statefulset
// why: a transformation on KubernetesRedis appends --protected-mode no to the server's arguments in the
//      StatefulSet the component creates.
import { KubernetesRedis } from "hardened-redis";

new KubernetesRedis("sessions", { namespace: "payments", allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }] }, {
    transformations: [(r) => {
        if (r.type !== "kubernetes:apps/v1:StatefulSet") return undefined;
        const spec = r.props.spec.template.spec;
        const containers = spec.containers.map((c: any) => (c.name === "redis" ? { ...c, args: [...(c.args ?? []), "--protected-mode", "no"] } : c));
        return { props: { ...r.props, spec: { ...r.props.spec, template: { ...r.props.spec.template, spec: { ...spec, containers } } } }, opts: r.opts };
    }],
});
