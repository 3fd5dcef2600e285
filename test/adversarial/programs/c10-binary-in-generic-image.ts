// class: 10 workload recognition
// expect: deny k8s-redis-without-network-policy k8s-redis-without-tls k8s-redis-pod-security-violation
// resource: backend
// why: an alpine image that installs and runs redis-server is a Redis server whatever its image name. Labelled as a neutral "backend", it runs as root with no NetworkPolicy and no TLS.
import { plainDeployment } from "../lib/k8s";

plainDeployment("backend", { app: "backend" }, [
    {
        name: "store",
        image: "alpine:3.20",
        command: ["sh", "-c", "apk add --no-cache redis && exec redis-server --bind 0.0.0.0 --protected-mode no"],
        ports: [{ containerPort: 6379 }],
    },
]);
