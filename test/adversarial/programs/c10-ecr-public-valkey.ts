// class: 10 workload recognition
// expect: deny k8s-redis-without-network-policy k8s-redis-without-tls k8s-redis-pod-security-violation
// resource: backend
// why: Valkey from ECR Public (public.ecr.aws/docker/library/valkey) is the official image under another registry. Labelled as a neutral "backend", it runs as root with no NetworkPolicy and no TLS.
import { plainDeployment } from "../lib/k8s";

plainDeployment("backend", { app: "backend" }, [
    { name: "store", image: "public.ecr.aws/docker/library/valkey:8.1", ports: [{ containerPort: 6379 }] },
]);
