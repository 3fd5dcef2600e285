// class: beyond the issue
// expect: deny k8s-redis-service-exposed
// resource: sessions-public
// why: a LoadBalancer Service without a selector, on port 443, fed by a hand-written EndpointSlice that points at
//      the Redis pod's address and port 6379.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.core.v1.Service("sessions-public", {
    metadata: { name: "sessions-public", namespace: NAMESPACE },
    spec: { type: "LoadBalancer", ports: [{ port: 443, targetPort: 6379 }] },
});
new k8s.discovery.v1.EndpointSlice("sessions-public", {
    metadata: { namespace: NAMESPACE, labels: { "kubernetes.io/service-name": "sessions-public" } },
    addressType: "IPv4",
    endpoints: [{ addresses: ["10.42.0.17"] }],
    ports: [{ port: 6379, protocol: "TCP" }],
});
