/** Where things live inside a Redis pod, and what the Kubernetes objects of one instance are called. */

/** Directories in the Redis container. Tests relocate exactly these to run the rendered files for real. */
export const POD_PATHS = {
    /** redis.conf and replica.conf, from a ConfigMap: no secrets. */
    config: "/etc/redis/conf",
    /** The ACL file, the replication credentials include and the probe password, from a Secret. */
    auth: "/etc/redis/auth",
    /** tls.crt, tls.key and ca.crt, from the TLS Secret. */
    tls: "/etc/redis/tls",
    /** The persistent volume: AOF and RDB files. */
    data: "/data",
    /** A sentinel's own configuration, assembled at start in an emptyDir: Sentinel rewrites it as it learns. */
    sentinel: "/var/lib/redis-sentinel",
} as const;

/** Files within those directories. */
export const POD_FILES = {
    redisConf: "redis.conf",
    replicaConf: "replica.conf",
    acl: "users.acl",
    replicationAuth: "replication.conf",
    monitoringPassword: "monitoring-password",
    /** The sentinels' settings, from the ConfigMap; the monitor line is added at start. */
    sentinelConf: "sentinel.conf",
    sentinelMasterConf: "sentinel-master.conf",
    /** The sentinels' ACL users and the passwords they present, from the sentinel Secret. */
    sentinelAuth: "sentinel-auth.conf",
    /** The `sentinel` user's password, with which start scripts ask where the primary is. */
    sentinelPassword: "sentinel-password",
    certificate: "tls.crt",
    privateKey: "tls.key",
    ca: "ca.crt",
} as const;

/** Every address in the pod, IPv6 where the pod has it. */
export const POD_BIND = "* -::*";

/** The uid and gid Redis runs as: not root, and above the range of host system users. */
export const REDIS_UID = 10001;

/** The names of the Kubernetes objects of one Redis instance. */
export function objectNames(base: string) {
    return {
        statefulSet: base,
        headlessService: `${base}-headless`,
        primaryService: base,
        readerService: `${base}-read`,
        serviceAccount: base,
        configMap: `${base}-config`,
        authSecret: `${base}-auth`,
        tlsSecret: `${base}-tls`,
        podDisruptionBudget: base,
        networkPolicy: base,
        sentinelStatefulSet: `${base}-sentinel`,
        sentinelHeadlessService: `${base}-sentinel-headless`,
        sentinelService: `${base}-sentinel`,
        sentinelAuthSecret: `${base}-sentinel-auth`,
        sentinelPodDisruptionBudget: `${base}-sentinel`,
        sentinelNetworkPolicy: `${base}-sentinel`,
        sentinelMetricsService: `${base}-sentinel-metrics`,
        userSecret: (user: string) => `${base}-user-${user}`,
        userTlsSecret: (user: string) => `${base}-user-${user}-tls`,
    };
}

export type ObjectNames = ReturnType<typeof objectNames>;

/** The labels that select the Redis pods of one instance. */
export function selectorLabels(base: string): Record<string, string> {
    return { "app.kubernetes.io/name": "redis", "app.kubernetes.io/instance": base };
}

/** The labels that select the sentinel pods of one instance. */
export function sentinelSelectorLabels(base: string): Record<string, string> {
    return { "app.kubernetes.io/name": "redis-sentinel", "app.kubernetes.io/instance": base };
}

/** The labels of every object of one instance. */
export function commonLabels(base: string): Record<string, string> {
    return { ...selectorLabels(base), "app.kubernetes.io/managed-by": "hardened-redis" };
}
