// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// resource: app
// why: a native sidecar (init container with restartPolicy Always) runs redis-server for the whole life of the
//      pod, with protected mode off.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, RESTRICTED_CONTAINER_SECURITY } from "../lib/k8s";

const labels = { app: "shop" };
new k8s.apps.v1.Deployment("app", {
    metadata: { namespace: NAMESPACE, labels },
    spec: {
        selector: { matchLabels: labels },
        template: {
            metadata: { labels },
            spec: {
                automountServiceAccountToken: false,
                securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
                initContainers: [{ name: "cache", image: "redis:7.2.11", restartPolicy: "Always", args: ["--protected-mode", "no"], securityContext: RESTRICTED_CONTAINER_SECURITY }],
                containers: [{ name: "shop", image: "registry.example.com/shop:2.0.1", securityContext: RESTRICTED_CONTAINER_SECURITY }],
            },
        },
    },
});
