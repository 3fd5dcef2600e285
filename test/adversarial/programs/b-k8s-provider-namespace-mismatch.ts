// class: beyond the issue
// expect: deny k8s-redis-without-network-policy
// resource: sessions
// why: the StatefulSet has no namespace and lands in the provider's namespace "cache"; the NetworkPolicy names
//      "default" explicitly, so it selects nothing in "cache".
import * as k8s from "@pulumi/kubernetes";
import { clientOnlyPolicy, LABELS, redisPodSpec } from "../lib/k8s";

const cluster = new k8s.Provider("cache-ns", { namespace: "cache" });
new k8s.apps.v1.StatefulSet(
    "sessions",
    {
        metadata: { name: "sessions", labels: LABELS },
        spec: {
            serviceName: "sessions",
            selector: { matchLabels: LABELS },
            template: { metadata: { labels: LABELS }, spec: redisPodSpec("sessions") },
        },
    },
    { provider: cluster },
);
clientOnlyPolicy("sessions", "default");
