// class: beyond the issue
// expect: deny k8s-redis-service-exposed
// resource: sessions-public
// why: a LoadBalancer on an unremarkable port 30999 that forwards to the Redis pods.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.core.v1.Service("sessions-public", {
    metadata: { namespace: NAMESPACE },
    spec: {
        type: "LoadBalancer",
        selector: { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "sessions" },
        ports: [{ port: 30999, targetPort: 6379 }],
    },
});
