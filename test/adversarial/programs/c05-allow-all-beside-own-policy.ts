// class: 5 NetworkPolicy semantics
// expect: deny k8s-redis-without-network-policy
// resource: sessions
// why: policies are additive: the client-only policy is there, but a second policy selecting every pod of the
//      namespace admits every source (ingress: [{}]).
import * as k8s from "@pulumi/kubernetes";
import { NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.networking.v1.NetworkPolicy("allow-all", {
    metadata: { namespace: NAMESPACE },
    spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] },
});
