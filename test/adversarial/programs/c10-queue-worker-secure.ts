// class: 10 workload recognition, false positive (secure look-alike)
// expect: allow
// why: a worker labelled redis-queue-worker consumes a Redis queue: a client, not a server, and its web port is public by design.
import * as k8s from "@pulumi/kubernetes";
import { RESTRICTED_CONTAINER_SECURITY } from "../lib/k8s";

const labels = { app: "redis-queue-worker", "app.kubernetes.io/component": "redis-queue-worker" };
new k8s.apps.v1.Deployment("client", {
    metadata: { namespace: "apps", labels },
    spec: {
        selector: { matchLabels: labels },
        template: {
            metadata: { labels },
            spec: {
                automountServiceAccountToken: false,
                securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
                containers: [{
                    name: "app",
                    image: "registry.example.com/shop/worker:1.4.2",
                    env: [{ name: "REDIS_HOST", value: "sessions.cache.svc" }, { name: "REDIS_TLS", value: "true" }],
                    resources: { limits: { cpu: "200m", memory: "256Mi" } },
                    securityContext: RESTRICTED_CONTAINER_SECURITY,
                }],
            },
        },
    },
});
new k8s.core.v1.Service("client", { metadata: { namespace: "apps", labels }, spec: { type: "LoadBalancer", selector: labels, ports: [{ port: 443, targetPort: 8081 }] } });
