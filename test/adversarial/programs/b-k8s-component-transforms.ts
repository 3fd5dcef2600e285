// class: beyond the issue
// expect: deny k8s-redis-protected-mode-off
// resource: sessions-statefulset
// why: a `transforms` option on KubernetesRedis (run by the engine, through a callback, when each child
//      registers) adds --protected-mode no to the redis-server line of the start script in its StatefulSet.
import { KubernetesRedis } from "hardened-redis";
import { protectedModeOff } from "../lib/transforms";

new KubernetesRedis(
    "sessions",
    { namespace: "payments", allowedClients: [{ podSelector: { matchLabels: { app: "checkout" } } }] },
    { transforms: [protectedModeOff] },
);
