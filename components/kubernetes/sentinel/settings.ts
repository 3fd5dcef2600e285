import { ArgChecker, argNames } from "../../shared/validation";

/**
 * Redis Sentinel: three sentinels in their own StatefulSet that watch the Redis pods and promote a
 * replica when the primary is down. See https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/
 */
export interface KubernetesRedisSentinelArgs {
    /** Sentinel on or off. Default: on when `replicas` is 1 or more; `true` with 0 replicas is refused. */
    enabled?: boolean;
    /** The sentinels' TLS port. There is no plaintext port. Default 26379. */
    port?: number;
    /** Milliseconds without a valid reply before a sentinel deems the primary down, 1000 to 600000. Default 5000. */
    downAfterMilliseconds?: number;
    /** Milliseconds a failover may take before another sentinel retries it, 10000 to 3600000, at least twice `downAfterMilliseconds`. Default 60000. */
    failoverTimeout?: number;
    /** Replicas that resync with a new primary at the same time, 1 to `replicas`. Default 1. */
    parallelSyncs?: number;
    /**
     * `min-replicas-to-write`: the primary refuses writes unless this many replicas acknowledged within
     * `minReplicasMaxLag` seconds, which bounds what a cut-off primary accepts and later loses. 0 to
     * `replicas`. Default 1 with 2 or more replicas, 0 with one (a single replica's restart would stop writes).
     */
    minReplicasToWrite?: number;
    /** `min-replicas-max-lag`, in seconds, 1 to 60. Default 10 (the Redis default). */
    minReplicasMaxLag?: number;
}

export const SENTINEL_ARG_NAMES = argNames<KubernetesRedisSentinelArgs>()([
    "enabled",
    "port",
    "downAfterMilliseconds",
    "failoverTimeout",
    "parallelSyncs",
    "minReplicasToWrite",
    "minReplicasMaxLag",
]);

/** Sentinels always run three: a majority (the quorum of 2) survives the loss of any one, and of its zone. */
export const SENTINEL_COUNT = 3;
export const SENTINEL_QUORUM = 2;

export const SENTINEL_DEFAULTS = {
    port: 26379,
    downAfterMilliseconds: 5000,
    failoverTimeout: 60000,
    parallelSyncs: 1,
    minReplicasMaxLag: 10,
} as const;

export type SentinelSettings = NonNullable<ReturnType<typeof validateSentinelArgs>>;

/** The checked Sentinel settings, or undefined when Sentinel is off. */
export function validateSentinelArgs(
    check: ArgChecker,
    args: KubernetesRedisSentinelArgs | undefined,
    replicas: number,
    redisPort: number,
) {
    if (args !== undefined) check.object("sentinel", args, SENTINEL_ARG_NAMES);
    const d = SENTINEL_DEFAULTS;
    const enabled = args?.enabled ?? replicas > 0;
    if (typeof enabled !== "boolean") check.fail("sentinel.enabled", `is ${JSON.stringify(enabled)}`, "true or false");
    if (enabled && replicas === 0)
        check.fail("sentinel.enabled", "is true with 0 replicas, so there is nothing to fail over to", "false, or replicas of 1 or more");
    if (!enabled) return undefined;
    const port = check.integerInRange("sentinel.port", args?.port ?? d.port, 1024, 65535);
    if (port === redisPort) check.fail("sentinel.port", `is ${port}, the Redis port`, "a port other than the Redis port");
    const downAfterMilliseconds = check.integerInRange(
        "sentinel.downAfterMilliseconds",
        args?.downAfterMilliseconds ?? d.downAfterMilliseconds,
        1000,
        600000,
    );
    const failoverTimeout = check.integerInRange("sentinel.failoverTimeout", args?.failoverTimeout ?? d.failoverTimeout, 10000, 3600000);
    if (failoverTimeout < 2 * downAfterMilliseconds) {
        check.fail(
            "sentinel.failoverTimeout",
            `is ${failoverTimeout}, less than twice downAfterMilliseconds (${downAfterMilliseconds})`,
            `${2 * downAfterMilliseconds} or more`,
        );
    }
    return {
        port,
        quorum: SENTINEL_QUORUM,
        downAfterMilliseconds,
        failoverTimeout,
        parallelSyncs: check.integerInRange("sentinel.parallelSyncs", args?.parallelSyncs ?? d.parallelSyncs, 1, replicas),
        minReplicasToWrite: check.integerInRange(
            "sentinel.minReplicasToWrite",
            args?.minReplicasToWrite ?? (replicas >= 2 ? 1 : 0),
            0,
            replicas,
        ),
        minReplicasMaxLag: check.integerInRange("sentinel.minReplicasMaxLag", args?.minReplicasMaxLag ?? d.minReplicasMaxLag, 1, 60),
    };
}
