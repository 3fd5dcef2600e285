// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions-unconfined
// why: baseline forbids the AppArmor annotation container.apparmor.security.beta.kubernetes.io/<container>:
//      unconfined (the form clusters before 1.30 read).
import * as k8s from "@pulumi/kubernetes";
import { LABELS, NAMESPACE, redisPodSpec, secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.apps.v1.StatefulSet("sessions-unconfined", {
    metadata: { name: "sessions-unconfined", namespace: NAMESPACE, labels: LABELS },
    spec: {
        serviceName: "sessions",
        selector: { matchLabels: LABELS },
        template: {
            metadata: { labels: LABELS, annotations: { "container.apparmor.security.beta.kubernetes.io/redis": "unconfined" } },
            spec: redisPodSpec("sessions"),
        },
    },
});
