// class: 8 resources the pack never opens
// expect: deny k8s-redis-without-network-policy
// resource: sessions open
// why: a NetworkPolicyPatch adds an ingress rule with no from to the program's own policy: everyone is admitted.
import * as k8s from "@pulumi/kubernetes";
import { secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.networking.v1.NetworkPolicyPatch("open", { metadata: { name: "sessions", namespace: "cache" }, spec: { ingress: [{}] } });
