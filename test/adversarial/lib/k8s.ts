// Secure building blocks for hand-written Kubernetes Redis programs of the corpus: a TLS-only,
// authenticated redis-server under the restricted Pod Security Standard, selected by a NetworkPolicy
// that admits one client, behind a ClusterIP Service. Each program weakens exactly one thing.
import * as k8s from "@pulumi/kubernetes";

type PodSpec = k8s.types.input.core.v1.PodSpec;
type Container = k8s.types.input.core.v1.Container;

export const NAMESPACE = "cache";
export const LABELS = { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": "sessions" };
export const CLIENT_LABELS = { app: "checkout" };
export const IMAGE = "redis:7.2.11";

/** A SHA-256 hash as an ACL file holds it (of no real password). */
export const PASSWORD_HASH = "#" + "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";

/** redis.conf: TLS only, protected mode on, users from the ACL file of a Secret; `extra` lines are appended. */
export function redisConf(...extra: string[]): string {
    return (
        [
            "port 0",
            "tls-port 6379",
            "tls-cert-file /etc/redis/tls/tls.crt",
            "tls-key-file /etc/redis/tls/tls.key",
            "tls-ca-cert-file /etc/redis/tls/ca.crt",
            "tls-replication yes",
            "protected-mode yes",
            "aclfile /etc/redis/auth/users.acl",
            "dir /data",
            "appendonly yes",
            ...extra,
        ].join("\n") + "\n"
    );
}

/** users.acl: default user off, one application user with a hashed password and no dangerous command. */
export function usersAcl(...extra: string[]): string {
    return ["user default off resetchannels -@all", `user app on ${PASSWORD_HASH} ~app:* &* +@all -@dangerous`, ...extra].join("\n") + "\n";
}

/** The server certificate Secret's keys (issued elsewhere in a real cluster; placeholders here). */
export const TLS_PLACEHOLDER = { "tls.crt": "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "tls.key": "", "ca.crt": "" };

export const RESTRICTED_CONTAINER_SECURITY = {
    runAsNonRoot: true,
    runAsUser: 10001,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
};

/** The redis-server container, reading redis.conf from the ConfigMap volume. */
export function redisContainer(overrides: Partial<Container> = {}): Container {
    return {
        name: "redis",
        image: IMAGE,
        command: ["redis-server"],
        args: ["/etc/redis/redis.conf"],
        ports: [{ name: "redis-tls", containerPort: 6379 }],
        resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1", memory: "1Gi" } },
        securityContext: RESTRICTED_CONTAINER_SECURITY,
        volumeMounts: [
            { name: "config", mountPath: "/etc/redis/redis.conf", subPath: "redis.conf" },
            { name: "auth", mountPath: "/etc/redis/auth", readOnly: true },
            { name: "tls", mountPath: "/etc/redis/tls", readOnly: true },
            { name: "data", mountPath: "/data" },
        ],
        ...overrides,
    };
}

/** A restricted pod spec with no service account token, running `containers` (the redis container by default). */
export function redisPodSpec(name: string, overrides: Partial<PodSpec> = {}): PodSpec {
    return {
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup: 10001,
            seccompProfile: { type: "RuntimeDefault" },
        },
        containers: [redisContainer()],
        volumes: [
            { name: "config", configMap: { name: `${name}-config` } },
            { name: "auth", secret: { secretName: `${name}-auth` } },
            { name: "tls", secret: { secretName: `${name}-tls` } },
            { name: "data", emptyDir: {} },
        ],
        ...overrides,
    };
}

/** A NetworkPolicy that selects the Redis pods and admits only the client pods, on the TLS port. */
export function clientOnlyPolicy(name: string, namespace = NAMESPACE): k8s.networking.v1.NetworkPolicy {
    return new k8s.networking.v1.NetworkPolicy(name, {
        metadata: { name, namespace },
        spec: {
            podSelector: { matchLabels: LABELS },
            policyTypes: ["Ingress"],
            ingress: [{ from: [{ podSelector: { matchLabels: CLIENT_LABELS } }], ports: [{ protocol: "TCP", port: 6379 }] }],
        },
    });
}

export interface SecureRedisOptions {
    conf?: string;
    acl?: string;
    podSpec?: Partial<PodSpec>;
    /** Leave out the program's own NetworkPolicy (the program brings its own). */
    noNetworkPolicy?: boolean;
    namespace?: string;
}

/** The whole secure workload: ConfigMap, ACL Secret, StatefulSet, NetworkPolicy and a ClusterIP Service. */
export function secureRedis(
    name: string,
    options: SecureRedisOptions = {},
): { statefulSet: k8s.apps.v1.StatefulSet; service: k8s.core.v1.Service } {
    const namespace = options.namespace ?? NAMESPACE;
    new k8s.core.v1.ConfigMap(`${name}-config`, {
        metadata: { name: `${name}-config`, namespace },
        data: { "redis.conf": options.conf ?? redisConf() },
    });
    new k8s.core.v1.Secret(`${name}-auth`, {
        metadata: { name: `${name}-auth`, namespace },
        stringData: { "users.acl": options.acl ?? usersAcl() },
    });
    new k8s.core.v1.Secret(`${name}-tls`, {
        metadata: { name: `${name}-tls`, namespace },
        type: "kubernetes.io/tls",
        stringData: TLS_PLACEHOLDER,
    });
    const statefulSet = new k8s.apps.v1.StatefulSet(name, {
        metadata: { name, namespace, labels: LABELS },
        spec: {
            serviceName: name,
            replicas: 1,
            selector: { matchLabels: LABELS },
            template: { metadata: { labels: LABELS }, spec: redisPodSpec(name, options.podSpec) },
        },
    });
    if (!options.noNetworkPolicy) clientOnlyPolicy(name, namespace);
    const service = new k8s.core.v1.Service(name, {
        metadata: { name, namespace, labels: LABELS },
        spec: { type: "ClusterIP", selector: LABELS, ports: [{ name: "redis-tls", port: 6379, targetPort: 6379 }] },
    });
    return { statefulSet, service };
}

/** A Deployment with none of the protections: the pods run the containers as the image says, root included. */
export function plainDeployment(name: string, labels: Record<string, string>, containers: Container[]): k8s.apps.v1.Deployment {
    return new k8s.apps.v1.Deployment(name, {
        metadata: { namespace: NAMESPACE, labels },
        spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers } } },
    });
}

/** A Deployment whose pods meet the restricted profile and mount no token; each container gets the restricted securityContext. */
export function restrictedDeployment(
    name: string,
    namespace: string,
    labels: Record<string, string>,
    spec: Partial<PodSpec> & { containers: Container[] },
): k8s.apps.v1.Deployment {
    const harden = (c: Container): Container => ({ securityContext: RESTRICTED_CONTAINER_SECURITY, ...c });
    return new k8s.apps.v1.Deployment(name, {
        metadata: { namespace, labels },
        spec: {
            selector: { matchLabels: labels },
            template: {
                metadata: { labels },
                spec: {
                    automountServiceAccountToken: false,
                    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
                    ...spec,
                    containers: spec.containers.map(harden),
                    ...(spec.initContainers ? { initContainers: (spec.initContainers as Container[]).map(harden) } : {}),
                },
            },
        },
    });
}

/** A restricted client application that talks to Redis over TLS, with its web port published by a LoadBalancer. */
export function publicRedisClient(labels: Record<string, string>, image: string): void {
    restrictedDeployment("client", "apps", labels, {
        containers: [
            {
                name: "app",
                image,
                env: [
                    { name: "REDIS_HOST", value: "sessions.cache.svc" },
                    { name: "REDIS_TLS", value: "true" },
                ],
                resources: { limits: { cpu: "200m", memory: "256Mi" } },
            },
        ],
    });
    new k8s.core.v1.Service("client", {
        metadata: { namespace: "apps", labels },
        spec: { type: "LoadBalancer", selector: labels, ports: [{ port: 443, targetPort: 8081 }] },
    });
}
