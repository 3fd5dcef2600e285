/** What the Kubernetes objects of one Redis instance are called, and the labels they carry. */

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
