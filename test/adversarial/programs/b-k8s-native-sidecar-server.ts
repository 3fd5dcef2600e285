// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// resource: app
// why: a native sidecar (init container with restartPolicy Always) runs redis-server for the whole life of the
//      pod, with protected mode off.
import { NAMESPACE, restrictedDeployment } from "../lib/k8s";

restrictedDeployment(
    "app",
    NAMESPACE,
    { app: "shop" },
    {
        initContainers: [{ name: "cache", image: "redis:7.2.11", restartPolicy: "Always", args: ["--protected-mode", "no"] }],
        containers: [{ name: "shop", image: "registry.example.com/shop:2.0.1" }],
    },
);
