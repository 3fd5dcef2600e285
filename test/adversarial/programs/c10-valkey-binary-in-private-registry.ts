// class: 10 workload recognition
// expect: deny k8s-redis-without-network-policy k8s-redis-without-tls k8s-redis-pod-security-violation
// resource: backend
// why: valkey-server from a private registry image named "kv". Labelled as a neutral "backend", it runs as root with no NetworkPolicy and no TLS.
import { plainDeployment } from "../lib/k8s";

plainDeployment("backend", { app: "backend" }, [
    {
        name: "store",
        image: "registry.example.com/platform/kv:8.1",
        command: ["valkey-server"],
        args: ["--protected-mode", "no"],
        ports: [{ containerPort: 6379 }],
    },
]);
