// class: 10 workload recognition
// expect: deny k8s-redis-without-network-policy k8s-redis-without-tls k8s-redis-pod-security-violation
// resource: backend
// why: Valkey from ECR Public (public.ecr.aws/docker/library/valkey) is the official image under another registry. Labelled as a neutral "backend", it runs as root with no NetworkPolicy and no TLS.
import * as k8s from "@pulumi/kubernetes";

const labels = { app: "backend" };
new k8s.apps.v1.Deployment("backend", {
    metadata: { namespace: "cache", labels },
    spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: "store", image: "public.ecr.aws/docker/library/valkey:8.1", ports: [{ containerPort: 6379 }] }] } },
    },
});
