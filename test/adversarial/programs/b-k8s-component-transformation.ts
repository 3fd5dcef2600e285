// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// resource: sessions-statefulset
// why: a `transformations` option on KubernetesRedis (applied by the SDK as each child registers) adds
//      --protected-mode no to the redis-server line of the start script in the StatefulSet the component creates.
import { KubernetesRedis } from "hardened-redis";
import { protectedModeOff } from "../lib/transforms";

new KubernetesRedis(
    "sessions",
    { namespace: "payments", allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }] },
    { transformations: [protectedModeOff] },
);
