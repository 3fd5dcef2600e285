// class: beyond the issue
// expect: deny k8s-redis-service-exposed
// resource: sessions-public
// why: a NodePort Service selecting only app.kubernetes.io/instance: sessions reaches the Redis pods from every node.
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.core.v1.Service("sessions-public", {
    metadata: { namespace: NAMESPACE },
    spec: { type: "NodePort", selector: { "app.kubernetes.io/instance": "sessions" }, ports: [{ port: 7000, targetPort: 6379 }] },
});
