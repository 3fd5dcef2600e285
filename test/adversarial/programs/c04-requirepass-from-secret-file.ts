// class: 4 authentication on Kubernetes (secure look-alike)
// expect: allow
// why: the default user stays on, but with a generated password (from a Secret's ACL file) and no dangerous
//      command; the password never appears in the pod spec or a ConfigMap.
import * as k8s from "@pulumi/kubernetes";
import * as random from "@pulumi/random";
import { NAMESPACE, secureRedis } from "../lib/k8s";

const password = new random.RandomPassword("sessions-requirepass", { length: 40, special: false });
new k8s.core.v1.Secret("requirepass", {
    metadata: { name: "sessions-requirepass", namespace: NAMESPACE },
    stringData: { "users.acl": password.result.apply((p) => `user default on >${p} ~* &* +@all -@dangerous\n`) },
});
secureRedis("sessions", {
    podSpec: {
        volumes: [
            { name: "config", configMap: { name: "sessions-config" } },
            { name: "auth", secret: { secretName: "sessions-requirepass" } },
            { name: "tls", secret: { secretName: "sessions-tls" } },
            { name: "data", emptyDir: {} },
        ],
    },
});
