/**
 * The metrics alarmed on every node of a 2-vCPU node type, written out independently of the code under
 * test, so that the exact alarm set is checked against a list rather than against itself.
 */
export const PER_NODE_METRICS = [
    "EngineCPUUtilization",
    "CPUUtilization",
    "DatabaseMemoryUsagePercentage",
    "FreeableMemory",
    "SwapUsage",
    "Evictions",
    "CurrConnections",
    "NewConnections",
    "CacheHitRate",
    "AuthenticationFailures",
    "CommandAuthorizationFailures",
    "KeyAuthorizationFailures",
    "GetTypeCmdsLatency",
    "SetTypeCmdsLatency",
];

/** Alarmed once per node as soon as the group has a replica. */
export const REPLICA_METRIC = "ReplicationLag";

/** Alarmed once per node of a Global Datastore secondary, and on no other group. */
export const GLOBAL_SECONDARY_METRIC = "GlobalDatastoreReplicationLag";

/** The alarm names expected on the given members. */
export function expectedAlarmNames(memberIds: string[], withReplicas: boolean, globalSecondary = false): string[] {
    const metrics = [...PER_NODE_METRICS, ...(withReplicas ? [REPLICA_METRIC] : []), ...(globalSecondary ? [GLOBAL_SECONDARY_METRIC] : [])];
    return memberIds.flatMap((memberId) => metrics.map((metric) => `${memberId}-${metric}`)).sort();
}
