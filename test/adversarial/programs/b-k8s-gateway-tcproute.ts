// class: beyond the issue
// expect: deny k8s-redis-service-exposed
// resource: sessions-route
// why: a Gateway API TCPRoute attaches the Redis Service to a public Gateway listener on 6379.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.apiextensions.CustomResource("public-gateway", {
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "Gateway",
    metadata: { namespace: NAMESPACE },
    spec: { gatewayClassName: "internet-facing", listeners: [{ name: "redis", protocol: "TCP", port: 6379 }] },
});
new k8s.apiextensions.CustomResource("sessions-route", {
    apiVersion: "gateway.networking.k8s.io/v1alpha2",
    kind: "TCPRoute",
    metadata: { namespace: NAMESPACE },
    spec: { parentRefs: [{ name: "public-gateway", sectionName: "redis" }], rules: [{ backendRefs: [{ name: "sessions", port: 6379 }] }] },
});
