// class: 8 resources the pack never opens
// expect: deny k8s-redis-service-exposed
// gap: a ServicePatch aimed at a component's Service by a name computed from its output is not merged onto that Service yet.
// resource: publish
// why: a ServicePatch turns the component's ClusterIP Service into a LoadBalancer after the fact (server-side apply).
import * as k8s from "@pulumi/kubernetes";
import { KubernetesRedis } from "hardened-redis";

new KubernetesRedis("sessions", { namespace: "payments", allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }] });
new k8s.core.v1.ServicePatch("publish", {
    metadata: { name: "sessions", namespace: "payments", annotations: { "pulumi.com/patchForce": "true" } },
    spec: { type: "LoadBalancer" },
});
