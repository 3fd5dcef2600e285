// class: 10 workload recognition
// expect: deny k8s-redis-without-network-policy k8s-redis-without-tls k8s-redis-pod-security-violation
// resource: backend
// why: redis/redis-stack-server is the server without RedisInsight. Labelled as a neutral "backend", it runs as root with no NetworkPolicy and no TLS.
import { plainDeployment } from "../lib/k8s";

plainDeployment("backend", { app: "backend" }, [
    { name: "store", image: "redis/redis-stack-server:7.2.0-v10", ports: [{ containerPort: 6379 }] },
]);
