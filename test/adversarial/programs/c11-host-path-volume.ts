// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: hostPath mounts a node directory (here the node's /var/lib/redis) into the pod.
import { redisPodSpec, secureRedis } from "../lib/k8s";

const base = redisPodSpec("sessions");
secureRedis("sessions", {
    podSpec: {
        volumes: [...(base.volumes as any[]).filter((v) => v.name !== "data"), { name: "data", hostPath: { path: "/var/lib/redis" } }],
    },
});
