import { PlannedResource } from "hardened-redis-gate";
import { k8sRedisMissingResourceLimits } from "../../policies/rules/k8s-redis-missing-resource-limits";
import { k8sRedisPasswordInConfigMap } from "../../policies/rules/k8s-redis-password-in-configmap";
import { k8sRedisPasswordInPodSpec } from "../../policies/rules/k8s-redis-password-in-pod-spec";
import { k8sRedisPodSecurityViolation } from "../../policies/rules/k8s-redis-pod-security-violation";
import { k8sRedisProtectedModeOff } from "../../policies/rules/k8s-redis-protected-mode-off";
import { k8sRedisServiceAccountTokenMounted } from "../../policies/rules/k8s-redis-service-account-token-mounted";
import { k8sRedisServiceExposed } from "../../policies/rules/k8s-redis-service-exposed";
import { k8sRedisWithoutNetworkPolicy } from "../../policies/rules/k8s-redis-without-network-policy";
import { k8sRedisWithoutTls } from "../../policies/rules/k8s-redis-without-tls";
import { k8sRedisWritableRootFilesystem } from "../../policies/rules/k8s-redis-writable-root-filesystem";
import { describeRule, fedBy, planned, secret } from "../support/policy-fixtures";

/** Hand-written manifests, as a team would write them without our component. */
const LABELS = { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "cache" };

const SECURE_CONTAINER = {
    name: "redis",
    image: "redis:7.2.5@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    command: ["redis-server", "/etc/redis/redis.conf"],
    ports: [{ name: "tls-redis", containerPort: 6379 }],
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    volumeMounts: [
        { name: "config", mountPath: "/etc/redis" },
        { name: "data", mountPath: "/data" },
    ],
};

function podSpec(container: Record<string, unknown> = SECURE_CONTAINER, changes: Record<string, unknown> = {}) {
    return {
        automountServiceAccountToken: false,
        securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup: 10001,
            seccompProfile: { type: "RuntimeDefault" },
        },
        containers: [container],
        volumes: [{ name: "config", configMap: { name: "redis-config" } }],
        ...changes,
    };
}

function statefulSet(spec: Record<string, unknown> = podSpec(), type = "kubernetes:apps/v1:StatefulSet"): PlannedResource {
    return planned(type, "redis", {
        apiVersion: "apps/v1",
        kind: type.split(":").pop(),
        metadata: { name: "redis", namespace: "data", labels: LABELS },
        spec: { serviceName: "redis", replicas: 3, selector: { matchLabels: LABELS }, template: { metadata: { labels: LABELS }, spec } },
    });
}

const SECURE_CONF = [
    "port 0",
    "tls-port 6379",
    "tls-cert-file /etc/redis/tls/tls.crt",
    "tls-key-file /etc/redis/tls/tls.key",
    "tls-replication yes",
    "protected-mode yes",
    "aclfile /etc/redis/acl/users.acl",
].join("\n");
const configMap = (conf: string = SECURE_CONF, extra: Record<string, string> = {}) =>
    planned("kubernetes:core/v1:ConfigMap", "redis-config", {
        metadata: { name: "redis-config", namespace: "data", labels: LABELS },
        data: { "redis.conf": conf, ...extra },
    });
const networkPolicy = (spec: Record<string, unknown> = {}) =>
    planned("kubernetes:networking.k8s.io/v1:NetworkPolicy", "redis", {
        metadata: { name: "redis", namespace: "data" },
        spec: {
            podSelector: { matchLabels: { "app.kubernetes.io/name": "redis" } },
            policyTypes: ["Ingress", "Egress"],
            ingress: [{ from: [{ podSelector: { matchLabels: { app: "web" } } }], ports: [{ port: 6379 }] }],
            ...spec,
        },
    });
const service = (type: string, extra: Record<string, unknown> = {}) =>
    planned("kubernetes:core/v1:Service", `redis-${type.toLowerCase()}`, {
        metadata: { name: "redis", namespace: "data" },
        spec: { type, selector: LABELS, ports: [{ name: "tls-redis", port: 6379 }], ...extra },
    });

const secureStack = [configMap(), statefulSet(), networkPolicy(), service("ClusterIP")];

describeRule(k8sRedisServiceExposed, [
    { title: "a ClusterIP Service", resources: secureStack, messages: [] },
    {
        title: "a LoadBalancer in front of the pods",
        resources: [statefulSet(), service("LoadBalancer")],
        messages: [/^Service "redis-loadbalancer" is of type LoadBalancer and exposes Redis workload "redis" outside the cluster/],
    },
    {
        title: "a NodePort on the Redis port with no selector",
        resources: [service("NodePort", { selector: undefined })],
        messages: [/^Service "redis-nodeport" is of type NodePort and exposes a Redis port/],
    },
    {
        title: "externalIPs",
        resources: [statefulSet(), service("ClusterIP", { externalIPs: ["203.0.113.10"] })],
        messages: [/has externalIPs and exposes Redis workload "redis"/],
    },
    {
        title: "a LoadBalancer for another app in another namespace",
        resources: [
            statefulSet(),
            planned("kubernetes:core/v1:Service", "web", {
                metadata: { namespace: "web" },
                spec: { type: "LoadBalancer", selector: LABELS, ports: [{ port: 443 }] },
            }),
        ],
        messages: [],
    },
]);

describeRule(k8sRedisWithoutNetworkPolicy, [
    { title: "a NetworkPolicy that admits only the web pods", resources: secureStack, messages: [] },
    { title: "a namespace-wide default deny", resources: [statefulSet(), networkPolicy({ podSelector: {}, ingress: [] })], messages: [] },
    {
        title: "no NetworkPolicy",
        resources: [statefulSet()],
        messages: [/^Redis workload "redis" in namespace "data" is selected by no NetworkPolicy/],
    },
    {
        title: "a NetworkPolicy for other pods",
        resources: [statefulSet(), networkPolicy({ podSelector: { matchLabels: { app: "web" } } })],
        messages: [/selected by no NetworkPolicy/],
    },
    {
        title: "an egress-only NetworkPolicy",
        resources: [statefulSet(), networkPolicy({ policyTypes: ["Egress"] })],
        messages: [/selected by no NetworkPolicy/],
    },
    {
        title: "a NetworkPolicy selecting by expression",
        resources: [
            statefulSet(),
            networkPolicy({
                podSelector: { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["redis", "valkey"] }] },
            }),
        ],
        messages: [],
    },
    {
        title: "a NetworkPolicy whose ingress rule {} admits everything",
        resources: [statefulSet(), networkPolicy({ ingress: [{}] })],
        messages: [/admits every source on its Redis port.*NetworkPolicy "redis" has ingress rule 0 without from/],
    },
]);

const rootContainer = {
    name: "redis",
    image: "bitnami/redis:7.2",
    securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } },
    ports: [{ containerPort: 6379, hostPort: 6379 }],
};

describeRule(k8sRedisPodSecurityViolation, [
    { title: "a restricted pod", resources: [statefulSet()], messages: [] },
    {
        title: "a privileged pod on the host network",
        resources: [
            statefulSet(
                podSpec(rootContainer, {
                    securityContext: { runAsUser: 0 },
                    hostNetwork: true,
                    volumes: [{ name: "host", hostPath: { path: "/var/lib/redis" } }],
                }),
                "kubernetes:apps/v1:Deployment",
            ),
        ],
        messages: [
            /^Redis workload "redis" breaks the Pod Security Standards: Host Namespaces \(baseline\): the pod sets hostNetwork: true; Privileged Containers \(baseline\): container "redis" is privileged; Capabilities \(baseline\): container "redis" adds capabilities beyond the baseline set: SYS_ADMIN; HostPath Volumes \(baseline\): volume "host" is a hostPath; Host Ports \(baseline\): container "redis" binds host port 6379; Volume Types \(restricted\): volume "host" is of type hostPath; Privilege Escalation \(restricted\): container "redis" does not set allowPrivilegeEscalation: false; Running as Non-root \(restricted\): container "redis" does not run with runAsNonRoot: true; Running as Non-root user \(restricted\): the pod runs as user 0 \(root\); Seccomp \(restricted\): container "redis" has no seccompProfile of type RuntimeDefault or Localhost; Capabilities \(restricted\): container "redis" does not drop ALL capabilities; Capabilities \(restricted\): container "redis" adds capabilities other than NET_BIND_SERVICE: SYS_ADMIN\./,
        ],
    },
    {
        title: "an init container that runs as root, in a workload labelled Redis",
        resources: [
            statefulSet(
                podSpec(SECURE_CONTAINER, {
                    initContainers: [
                        {
                            name: "fix-perms",
                            image: "busybox:1.36",
                            securityContext: {
                                runAsNonRoot: false,
                                runAsUser: 0,
                                allowPrivilegeEscalation: false,
                                capabilities: { drop: ["ALL"] },
                            },
                        },
                    ],
                }),
            ),
        ],
        messages: [
            /: Running as Non-root \(restricted\): initContainer "fix-perms" does not run with runAsNonRoot: true; Running as Non-root user \(restricted\): initContainer "fix-perms" runs as user 0 \(root\)\./,
        ],
    },
    {
        title: "a workload that is not Redis",
        resources: [
            planned("kubernetes:apps/v1:Deployment", "web", {
                metadata: { name: "web" },
                spec: { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } },
            }),
        ],
        messages: [],
    },
]);

describeRule(k8sRedisWritableRootFilesystem, [
    { title: "read-only root filesystems", resources: [statefulSet()], messages: [] },
    {
        title: "a writable root filesystem",
        resources: [
            statefulSet(
                podSpec({ ...SECURE_CONTAINER, securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }),
            ),
        ],
        messages: [/^Redis workload "redis" has containers with a writable root filesystem: "redis"/],
    },
]);

describeRule(k8sRedisMissingResourceLimits, [
    { title: "CPU and memory limits", resources: [statefulSet()], messages: [] },
    {
        title: "no limits",
        resources: [statefulSet(podSpec({ ...SECURE_CONTAINER, resources: { requests: { cpu: "1" } } }))],
        messages: [/^Redis workload "redis" has containers without resource limits: "redis" \(cpu, memory\)/],
    },
    {
        title: "a memory limit only, under a config that requires only memory",
        resources: [statefulSet(podSpec({ ...SECURE_CONTAINER, resources: { limits: { memory: "1Gi" } } }))],
        config: { "k8s-redis-missing-resource-limits": { requiredLimits: ["memory"] } },
        messages: [],
    },
]);

/** The pod spec leaves the token to its ServiceAccount, which Kubernetes then follows. */
function serviceAccountCases() {
    const unset = (changes: Record<string, unknown> = {}) =>
        statefulSet(podSpec(SECURE_CONTAINER, { automountServiceAccountToken: undefined, ...changes }));
    const account = (name: string, automount?: boolean, namespace = "data") =>
        planned("kubernetes:core/v1:ServiceAccount", `sa-${name}-${namespace}`, {
            metadata: { name, namespace },
            ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
        });
    return [
        {
            title: "the pod spec unset, its ServiceAccount sets false",
            resources: [unset({ serviceAccountName: "redis" }), account("redis", false)],
            messages: [],
        },
        {
            title: "the pod spec unset, the default ServiceAccount sets false",
            resources: [unset(), account("default", false)],
            messages: [],
        },
        {
            title: "the pod spec unset, its ServiceAccount leaves the default",
            resources: [unset({ serviceAccountName: "redis" }), account("redis")],
            messages: [
                /mounts a service account token into its pods: its pod spec leaves automountServiceAccountToken unset and ServiceAccount "redis" does not turn it off/,
            ],
        },
        {
            title: "the pod spec unset, a same-named ServiceAccount in another namespace sets false",
            resources: [unset({ serviceAccountName: "redis" }), account("redis", false, "web")],
            messages: [/ServiceAccount "redis" is not in the program/],
        },
        {
            title: "the pod spec true overrides its ServiceAccount's false",
            resources: [unset({ serviceAccountName: "redis", automountServiceAccountToken: true }), account("redis", false)],
            messages: [/its pod spec sets automountServiceAccountToken: true/],
        },
        {
            title: "a projected serviceAccountToken volume despite automount false",
            resources: [
                statefulSet(
                    podSpec(SECURE_CONTAINER, {
                        volumes: [
                            {
                                name: "token",
                                projected: { sources: [{ serviceAccountToken: { path: "token", expirationSeconds: 3600 } }] },
                            },
                        ],
                    }),
                ),
            ],
            messages: [/it has a projected serviceAccountToken volume "token"/],
        },
    ];
}

describeRule(k8sRedisServiceAccountTokenMounted, [
    { title: "automountServiceAccountToken false", resources: [statefulSet()], messages: [] },
    {
        title: "the token left to the default",
        resources: [statefulSet(podSpec(SECURE_CONTAINER, { automountServiceAccountToken: undefined }))],
        messages: [/^Redis workload "redis" mounts a service account token into its pods/],
    },
    {
        title: "a bare Pod with the token mounted",
        resources: [
            planned("kubernetes:core/v1:Pod", "redis", {
                metadata: { labels: LABELS },
                spec: podSpec(SECURE_CONTAINER, { automountServiceAccountToken: true }),
            }),
        ],
        messages: [/mounts a service account token/],
    },
    ...serviceAccountCases(),
]);

describeRule(k8sRedisProtectedModeOff, [
    { title: "protected mode on", resources: secureStack, messages: [] },
    {
        title: "protected-mode no in the mounted redis.conf",
        resources: [configMap(SECURE_CONF.replace("protected-mode yes", "protected-mode no")), statefulSet()],
        messages: [
            /^Redis workload "redis" container "redis" turns protected-mode off \(ConfigMap "redis-config" key "redis\.conf" line 6\)/,
        ],
    },
    {
        title: "--protected-mode no on the command line of the official image",
        resources: [
            configMap(),
            statefulSet(podSpec({ ...SECURE_CONTAINER, command: undefined, args: ["/etc/redis/redis.conf", "--protected-mode", "no"] })),
        ],
        messages: [/turns protected-mode off \(the command line of container "redis"\)/],
    },
    {
        title: "a ConfigMap found through the workload's dependency when its name is an output",
        resources: (() => {
            const generated = planned("kubernetes:core/v1:ConfigMap", "redis-config", {
                metadata: { namespace: "data" },
                data: { "redis.conf": "protected-mode no\nport 0\ntls-port 6379" },
            });
            return [
                generated,
                fedBy(statefulSet(podSpec(SECURE_CONTAINER, { volumes: [{ name: "config", configMap: {} }] })), "spec", generated),
            ];
        })(),
        messages: [/turns protected-mode off \(ConfigMap "redis-config" key "redis\.conf" line 1\)/],
    },
]);

describeRule(k8sRedisWithoutTls, [
    { title: "TLS only", resources: secureStack, messages: [] },
    {
        title: "TLS only, from a sh -c command line",
        resources: [
            statefulSet(
                podSpec(
                    {
                        ...SECURE_CONTAINER,
                        command: ["sh", "-c", "exec redis-server --port 0 --tls-port 6379 --tls-cert-file /tls/tls.crt"],
                    },
                    { volumes: [] },
                ),
            ),
        ],
        messages: [],
    },
    {
        title: "no TLS at all",
        resources: [configMap("protected-mode yes\nappendonly yes"), statefulSet()],
        messages: [/^Redis workload "redis" container "redis" serves no TLS: neither its config nor its command line sets tls-port/],
    },
    {
        title: "TLS next to the default plaintext port",
        resources: [configMap("tls-port 6380\nprotected-mode yes"), statefulSet()],
        messages: [/serves TLS on 6380 but keeps plaintext the default port 6379 open\. Set port 0\./],
    },
    {
        title: "TLS next to an explicit plaintext port",
        resources: [configMap(SECURE_CONF.replace("port 0", "port 6380")), statefulSet()],
        messages: [/keeps plaintext port 6380 \(ConfigMap "redis-config" key "redis\.conf" line 1\) open/],
    },
    { title: "a config from a ConfigMap outside the program", resources: [statefulSet()], messages: [] },
    {
        title: "a backup CronJob that runs redis-cli, not the server",
        resources: [
            planned("kubernetes:batch/v1:CronJob", "backup", {
                metadata: { namespace: "data" },
                spec: {
                    jobTemplate: {
                        spec: {
                            template: {
                                metadata: { labels: LABELS },
                                spec: {
                                    containers: [
                                        {
                                            name: "backup",
                                            image: "redis:7.2.5",
                                            command: ["sh", "-c", "redis-cli --tls --rdb /backup/dump.rdb"],
                                        },
                                    ],
                                },
                            },
                        },
                    },
                },
            }),
        ],
        messages: [],
    },
]);

describeRule(k8sRedisPasswordInPodSpec, [
    {
        title: "passwords from Secrets",
        resources: [
            statefulSet(
                podSpec({
                    ...SECURE_CONTAINER,
                    env: [
                        { name: "REDISCLI_AUTH", valueFrom: { secretKeyRef: { name: "redis-auth", key: "password" } } },
                        { name: "REDIS_PASSWORD_FILE", value: "/etc/redis/auth/password" },
                    ],
                }),
            ),
        ],
        messages: [],
    },
    {
        title: "--requirepass from an environment variable on the command line",
        resources: [statefulSet(podSpec({ ...SECURE_CONTAINER, args: ["--requirepass", "$(REDIS_PASSWORD)"] }))],
        messages: [/^Redis workload "redis" exposes a password: container "redis" passes --requirepass on its command line\./],
    },
    {
        title: "a redis-cli -a probe, an exporter flag and a literal env value",
        resources: [
            statefulSet(
                podSpec(SECURE_CONTAINER, {
                    containers: [
                        {
                            ...SECURE_CONTAINER,
                            readinessProbe: { exec: { command: ["redis-cli", "-a", "typed-by-hand", "ping"] } },
                            env: [{ name: "REDIS_PASSWORD", value: "typed-by-hand" }],
                        },
                        { name: "exporter", image: "oliver006/redis_exporter:v1.62.0", args: ["--redis.password=typed-by-hand"] },
                    ],
                }),
            ),
        ],
        messages: [
            /exposes a password: container "redis" passes -a on its command line; container "redis" sets REDIS_PASSWORD to a literal value; container "exporter" passes --redis\.password on its command line\./,
        ],
    },
    {
        title: "a URI with a password in a sh -c script",
        resources: [
            statefulSet(
                podSpec({
                    ...SECURE_CONTAINER,
                    command: ["sh", "-c", "redis-cli -u rediss://app:s3cret@redis:6379 ping && exec redis-server /etc/redis/redis.conf"],
                }),
            ),
        ],
        messages: [/container "redis" passes a URI with a password on its command line/],
    },
]);

describeRule(k8sRedisPasswordInConfigMap, [
    {
        title: "a redis.conf without credentials",
        resources: [configMap(), planned("kubernetes:core/v1:ConfigMap", "app", { data: { LOG_LEVEL: "info", TOKEN_TTL: "" } })],
        messages: [],
    },
    {
        title: "requirepass in redis.conf",
        resources: [configMap(`${SECURE_CONF}\nrequirepass typed-by-hand`)],
        messages: [/^ConfigMap "redis-config" holds a Redis password: key "redis\.conf" line 8 sets requirepass/],
    },
    {
        title: "an ACL file, a client URI and a password key",
        resources: [
            configMap(SECURE_CONF, {
                "users.acl": "user app on >typed-by-hand ~* +@all -@dangerous",
                "client.env": "REDIS_URL=rediss://app:typed-by-hand@redis:6379",
                REDIS_PASSWORD: "typed-by-hand",
            }),
        ],
        messages: [
            /key "users\.acl" line 1 gives ACL user "app" a password or password hash; key "client\.env" line 1 holds a URI with a password; key "REDIS_PASSWORD" holds a password/,
        ],
    },
    {
        title: "a script that passes redis-cli -a a literal",
        resources: [
            configMap(SECURE_CONF, {
                "backup.sh": 'set -eu\nredis-cli --tls -a typed-by-hand --rdb /backup/dump.rdb\nredis-cli -a "$REDIS_PASSWORD" ping',
            }),
        ],
        messages: [/key "backup\.sh" line 2 passes -a a literal password/],
    },
    {
        title: "a password in binaryData",
        resources: [
            planned("kubernetes:core/v1:ConfigMap", "redis-extra", {
                binaryData: { "redis.conf": Buffer.from("masterauth typed-by-hand").toString("base64") },
            }),
        ],
        messages: [/key "redis\.conf" line 1 sets masterauth/],
    },
    {
        title: "the same ACL file in a Secret, where it belongs",
        resources: [
            planned("kubernetes:core/v1:Secret", "redis-acl", { stringData: secret({ "users.acl": "user app on >typed-by-hand ~*" }) }),
        ],
        messages: [],
    },
]);
