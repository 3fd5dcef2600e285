// class: 8 resources the pack never opens
// expect: deny k8s-redis-protected-mode-off
// resource: unprotect
// why: a StatefulSetPatch replaces the redis container's args with --protected-mode no.
import * as k8s from "@pulumi/kubernetes";
import { secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.apps.v1.StatefulSetPatch("unprotect", {
    metadata: { name: "sessions", namespace: "cache" },
    spec: { template: { spec: { containers: [{ name: "redis", args: ["/etc/redis/redis.conf", "--protected-mode", "no"] }] } } },
});
