// class: 11 Pod Security Standards (secure look-alike)
// expect: allow
// why: restricted in full, with the only capability restricted allows added back (NET_BIND_SERVICE), a
//      Localhost seccomp profile and a projected and a CSI volume, all allowed.
import { redisContainer, redisPodSpec, RESTRICTED_CONTAINER_SECURITY, secureRedis } from "../lib/k8s";

const base = redisPodSpec("sessions");
secureRedis("sessions", {
    podSpec: {
        securityContext: {
            ...(base.securityContext as object),
            seccompProfile: { type: "Localhost", localhostProfile: "profiles/redis.json" },
            sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "1024" }],
        },
        containers: [
            redisContainer({
                securityContext: {
                    ...RESTRICTED_CONTAINER_SECURITY,
                    seccompProfile: undefined,
                    capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
                },
            }),
        ],
        volumes: [
            ...(base.volumes as any[]),
            {
                name: "tokenless",
                projected: { sources: [{ downwardAPI: { items: [{ path: "labels", fieldRef: { fieldPath: "metadata.labels" } }] } }] },
            },
            {
                name: "secrets-store",
                csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "redis" } },
            },
        ],
    },
});
