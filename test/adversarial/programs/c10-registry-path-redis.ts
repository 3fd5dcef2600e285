// class: 10 workload recognition
// expect: deny k8s-redis-without-network-policy k8s-redis-without-tls k8s-redis-pod-security-violation
// resource: backend
// why: the Docker Hub image in its full form docker.io/library/redis. Labelled as a neutral "backend", it runs as root with no NetworkPolicy and no TLS.
import { plainDeployment } from "../lib/k8s";

plainDeployment("backend", { app: "backend" }, [
    { name: "store", image: "docker.io/library/redis:7.2.11", ports: [{ containerPort: 6379 }] },
]);
