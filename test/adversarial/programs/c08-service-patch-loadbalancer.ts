// class: 8 resources the pack never opens
// expect: deny k8s-redis-service-exposed
// resource: publish
// why: a ServicePatch turns one of the component's Services into a LoadBalancer after the fact (server-side apply).
//      It names the Service once the StatefulSet reports its status, from the component's outputs: unknown at preview, so the gate
//      cannot tell which one; but every Service the value can come from serves Redis, and the patch's own content
//      (type LoadBalancer in namespace payments) is known: whichever it patches is exposed, so it is denied.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KubernetesRedis } from "hardened-redis";

const redis = new KubernetesRedis("sessions", {
    namespace: "payments",
    allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }],
});
new k8s.core.v1.ServicePatch("publish", {
    metadata: {
        name: pulumi.all([redis.statefulSet.status, redis.readerHost]).apply(([, host]) => host.split(".")[0]),
        namespace: "payments",
        annotations: { "pulumi.com/patchForce": "true" },
    },
    spec: { type: "LoadBalancer" },
});
