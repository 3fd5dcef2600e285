// class: 11 Pod Security Standards
// expect: deny k8s-redis-pod-security-violation
// resource: sessions
// why: restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected and secret volumes; nfs is none of them.
import { redisPodSpec, secureRedis } from "../lib/k8s";

const base = redisPodSpec("sessions");
secureRedis("sessions", {
    podSpec: { volumes: [...(base.volumes as any[]), { name: "shared", nfs: { server: "10.0.0.5", path: "/exports" } }] },
});
