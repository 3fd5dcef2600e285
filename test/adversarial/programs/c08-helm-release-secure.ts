// class: 8 resources the pack never opens (secure look-alike)
// expect: allow
// why: the Bitnami chart with auth from an existing Secret, TLS, its NetworkPolicy without external access and
//      ClusterIP services.
import * as k8s from "@pulumi/kubernetes";

new k8s.helm.v3.Release("redis", {
    chart: "redis",
    version: "20.1.0",
    namespace: "cache",
    repositoryOpts: { repo: "https://charts.bitnami.com/bitnami" },
    values: {
        auth: { enabled: true, existingSecret: "redis-auth", existingSecretPasswordKey: "password" },
        tls: { enabled: true, existingSecret: "redis-tls", certFilename: "tls.crt", certKeyFilename: "tls.key", certCAFilename: "ca.crt" },
        networkPolicy: { enabled: true, allowExternal: false },
        master: { service: { type: "ClusterIP" } },
        replica: { service: { type: "ClusterIP" } },
    },
});
