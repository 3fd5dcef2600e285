// class: 10 workload recognition
// expect: deny k8s-redis-without-network-policy k8s-redis-without-tls k8s-redis-pod-security-violation
// resource: backend
// why: redis pinned by digest only (redis@sha256:...) is still the redis image. Labelled as a neutral "backend", it runs as root with no NetworkPolicy and no TLS.
import { plainDeployment } from "../lib/k8s";

plainDeployment("backend", { app: "backend" }, [
    {
        name: "store",
        image: "redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ports: [{ containerPort: 6379 }],
    },
]);
