// class: 8 resources the pack never opens
// expect: deny k8s-redis-service-exposed
// resource: tcp-services
// why: ingress-nginx's tcp-services ConfigMap publishes cache/sessions:6379 on the controller's public
//      load balancer, port 6379.
import * as k8s from "@pulumi/kubernetes";
import { secureRedis } from "../lib/k8s";

secureRedis("sessions");
new k8s.core.v1.ConfigMap("tcp-services", {
    metadata: { name: "tcp-services", namespace: "ingress-nginx" },
    data: { "6379": "cache/sessions:6379" },
});
