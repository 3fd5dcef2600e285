// class: beyond the issue
// expect: deny k8s-redis-service-exposed
// resource: sessions-public
// why: a LoadBalancer on port 443 whose targetPort is the container port name redis-tls.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.core.v1.Service("sessions-public", {
    metadata: { namespace: NAMESPACE },
    spec: { type: "LoadBalancer", selector: { "app.kubernetes.io/instance": "sessions" }, ports: [{ port: 443, targetPort: "redis-tls" }] },
});
