// class: false positive (secure look-alike, or "not judged")
// expect: allow
// why: a CiliumNetworkPolicy admits only the checkout pods to the Redis pods on a Cilium cluster; the gate may not
//      read Cilium's policy language, but then it cannot judge, which is advisory, not a mandatory "no policy".
import * as k8s from "@pulumi/kubernetes";
import { CLIENT_LABELS, LABELS, NAMESPACE, secureRedis } from "../lib/k8s";

secureRedis("sessions", { noNetworkPolicy: true });
new k8s.apiextensions.CustomResource("sessions-ingress", {
    apiVersion: "cilium.io/v2",
    kind: "CiliumNetworkPolicy",
    metadata: { namespace: NAMESPACE },
    spec: {
        endpointSelector: { matchLabels: LABELS },
        ingress: [{ fromEndpoints: [{ matchLabels: CLIENT_LABELS }], toPorts: [{ ports: [{ port: "6379", protocol: "TCP" }] }] }],
    },
});
