// class: 10 workload recognition, false positive (secure look-alike)
// expect: allow
// why: redis_exporter is a Redis client: it serves metrics on 9121 and needs no Redis TLS server settings,
//      NetworkPolicy for Redis, or Redis protections; its Deployment is restricted anyway.
import { restrictedDeployment } from "../lib/k8s";

restrictedDeployment(
    "redis-exporter",
    "monitoring",
    { "app.kubernetes.io/name": "redis-exporter" },
    {
        securityContext: { runAsNonRoot: true, runAsUser: 59000, seccompProfile: { type: "RuntimeDefault" } },
        containers: [
            {
                name: "exporter",
                image: "oliver006/redis_exporter:v1.62.0",
                args: ["--redis.addr", "rediss://sessions.cache.svc:6379"],
                env: [{ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: "exporter-auth", key: "password" } } }],
                ports: [{ containerPort: 9121 }],
                resources: { limits: { cpu: "100m", memory: "64Mi" } },
            },
        ],
    },
);
