// class: beyond the issue
// expect: deny k8s-redis-service-exposed
// resource: sessions-public
// why: externalIPs on a ClusterIP Service route an external address to the Redis pods.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.core.v1.Service("sessions-public", {
    metadata: { namespace: NAMESPACE },
    spec: { type: "ClusterIP", selector: { "app.kubernetes.io/name": "redis" }, externalIPs: ["203.0.113.10"], ports: [{ port: 6379 }] },
});
