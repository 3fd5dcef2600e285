import { MonitoringSettings } from "./settings";

/** The metric the backup job pushes to the Pushgateway after every successful upload. */
export const BACKUP_SUCCESS_METRIC = "hardened_redis_backup_last_success_timestamp_seconds";

export interface AlertRule {
    alert: string;
    expr: string;
    for: string;
    labels: { severity: "critical" | "warning" };
    annotations: { summary: string; description: string; runbook: string };
}

export interface AlertRuleOptions {
    namespace: string;
    /** The Service the ServiceMonitor scrapes; Prometheus puts its name in the `service` label. */
    metricsService: string;
    replicas: number;
    /** The sentinels' metrics Service, when Sentinel runs: it adds the failover and quorum alerts. */
    sentinelMetricsService?: string;
    maxclients: number;
    thresholds: MonitoringSettings["thresholds"];
    /** Present when backups run: the Pushgateway grouping label value and the RPO. */
    backup?: { instance: string; rpoMinutes: number };
}

/** The alert rules of one Redis instance, scoped to its namespace and metrics Service. */
export function renderAlertRules(options: AlertRuleOptions): AlertRule[] {
    const t = options.thresholds;
    const scope = `namespace="${options.namespace}",service="${options.metricsService}"`;
    const m = (metric: string, extra = "") => `${metric}{${scope}${extra}}`;
    const rate = (metric: string) => `rate(${m(metric)}[5m])`;
    const rule = (
        alert: string,
        expr: string,
        duration: string,
        severity: AlertRule["labels"]["severity"],
        summary: string,
        description: string,
        runbook: string,
    ): AlertRule => ({
        alert,
        expr,
        for: duration,
        labels: { severity },
        annotations: { summary, description, runbook },
    });
    const rules = [
        rule(
            "RedisDown",
            `${m("redis_up")} == 0`,
            "1m",
            "critical",
            "Redis is down",
            "The exporter of {{ $labels.pod }} cannot reach Redis.",
            "Check the pod's events and logs (kubectl logs -c redis); a crash loop after an AOF error needs redis-check-aof on the volume.",
        ),
        rule(
            "RedisMissingPrimary",
            `(count(${m("redis_instance_info", ',role="master"')}) or vector(0)) < 1`,
            "1m",
            "critical",
            "Redis has no primary",
            "No pod of the instance reports the primary role: writes fail.",
            "Check pod 0 of the StatefulSet; replicas follow it and never promote themselves.",
        ),
        rule(
            "RedisReplicationLinkDown",
            `${m("redis_master_link_up")} == 0`,
            "2m",
            "critical",
            "Redis replication is broken",
            "Replica {{ $labels.pod }} has lost its link to the primary.",
            "Check the replica's log for TLS or ACL errors and the NetworkPolicy between the pods.",
        ),
        rule(
            "RedisReplicationLagging",
            `${m("redis_connected_slave_lag_seconds")} > ${t.replicationLagSeconds}`,
            "5m",
            "warning",
            "Redis replication is lagging",
            `A replica acknowledges more than ${t.replicationLagSeconds} s late.`,
            "Check the replica's CPU and network, and the primary's write rate.",
        ),
        rule(
            "RedisMemoryHigh",
            `${m("redis_memory_used_bytes")} / ${m("redis_memory_max_bytes")} * 100 > ${t.memoryPercent} and ${m("redis_memory_max_bytes")} > 0`,
            "5m",
            "warning",
            "Redis memory is nearly full",
            `Used memory is above ${t.memoryPercent} % of maxmemory: evictions or write errors follow.`,
            "Raise the memory limit, lower the data set or key TTLs.",
        ),
        rule(
            "RedisEvictions",
            `${rate("redis_evicted_keys_total")} > ${t.evictionsPerSecond}`,
            "5m",
            "warning",
            "Redis is evicting keys",
            `More than ${t.evictionsPerSecond} keys a second are evicted.`,
            "Raise the memory limit or review the eviction policy and TTLs.",
        ),
        rule(
            "RedisRejectedConnections",
            `increase(${m("redis_rejected_connections_total")}[5m]) > 0`,
            "0m",
            "critical",
            "Redis rejects connections",
            "Clients were refused because maxclients was reached.",
            "Find the client leaking connections (connection pools) or scale out.",
        ),
        rule(
            "RedisConnectionsNearLimit",
            `${m("redis_connected_clients")} > ${Math.floor((options.maxclients * t.connectionsPercent) / 100)}`,
            "5m",
            "warning",
            "Redis connections near maxclients",
            `More than ${t.connectionsPercent} % of ${options.maxclients} client slots are used.`,
            "Check the clients' pool sizes before connections are rejected.",
        ),
        rule(
            "RedisLatencyAboveSlo",
            `sum by (pod) (${rate("redis_commands_duration_seconds_total")}) / sum by (pod) (${rate("redis_commands_total")}) * 1000 > ${t.latencySloMilliseconds}`,
            "5m",
            "warning",
            "Redis command latency above the SLO",
            `The mean command latency is above ${t.latencySloMilliseconds} ms.`,
            "Look at SLOWLOG and LATENCY LATEST for slow commands, and at CPU throttling.",
        ),
        rule(
            "RedisHitRateLow",
            `sum by (pod) (${rate("redis_keyspace_hits_total")}) / (sum by (pod) (${rate("redis_keyspace_hits_total")}) + sum by (pod) (${rate("redis_keyspace_misses_total")})) * 100 < ${t.hitRatePercent}`,
            "15m",
            "warning",
            "Redis keyspace hit rate dropped",
            `Fewer than ${t.hitRatePercent} % of lookups find their key.`,
            "Check for evictions, shortened TTLs or a client reading new key names.",
        ),
        rule(
            "RedisPersistenceError",
            `${m("redis_rdb_last_bgsave_status")} == 0 or ${m("redis_aof_last_write_status")} == 0 or ${m("redis_aof_last_bgrewrite_status")} == 0`,
            "1m",
            "critical",
            "Redis cannot write its RDB or AOF",
            "The last RDB save, AOF write or AOF rewrite failed: writes stop (stop-writes-on-bgsave-error).",
            "Check the volume's free space and the pod's log.",
        ),
    ];
    if (options.replicas > 0) {
        rules.splice(
            3,
            0,
            rule(
                "RedisReplicasMissing",
                replicasMissingExpr(m, options.replicas),
                "5m",
                "critical",
                "Redis replicas are missing",
                `The primary lists fewer than ${options.replicas} online replicas: a replica pod is gone, cut off or still resyncing. Backup dumps (redis-cli --rdb) do not count.`,
                "Check the replica pods and their logs, and INFO replication on the primary.",
            ),
        );
    }
    if (options.sentinelMetricsService) {
        const s = (metric: string) => `${metric}{namespace="${options.namespace}",service="${options.sentinelMetricsService}"}`;
        const status = s("redis_sentinel_master_status");
        rules[rules.findIndex((r) => r.alert === "RedisMissingPrimary")].annotations.runbook =
            "Check the sentinels' logs (kubectl logs -c sentinel) for +sdown, +odown and +failover events, and the Redis pods.";
        rules.push(
            rule(
                "RedisSentinelFailover",
                `count by (master_name) (count by (master_name, master_address) (last_over_time(${status}[10m]))) > 1`,
                "0m",
                "warning",
                "Redis failed over",
                "The sentinels moved the primary of {{ $labels.master_name }} to another pod in the last 10 minutes.",
                "Find why the old primary went down (its pod's events and log); it rejoins as a replica by itself.",
            ),
            rule(
                "RedisSentinelMasterDown",
                `${status} == 0`,
                "1m",
                "critical",
                "The sentinels see the Redis primary as down",
                "A sentinel flags the primary of {{ $labels.master_name }} as {{ $labels.master_status }}.",
                "If no failover follows, check that two sentinels are up and can reach the replicas (NetworkPolicy, TLS, the sentinel user's ACL).",
            ),
            rule(
                "RedisSentinelQuorumLost",
                `${s("redis_sentinel_master_ckquorum_status")} == 0 or (count(${s("redis_sentinel_masters")}) or vector(0)) < 2`,
                "2m",
                "critical",
                "Redis Sentinel has lost its quorum",
                "Fewer than two sentinels are up or agree: a failover cannot happen.",
                "Check the sentinel pods, their PodDisruptionBudget and SENTINEL CKQUORUM.",
            ),
        );
    }
    if (options.backup) {
        const backup = `${BACKUP_SUCCESS_METRIC}{redis_instance="${options.backup.instance}"}`;
        const rpo = options.backup.rpoMinutes * 60;
        rules.push(
            rule(
                "RedisBackupTooOld",
                `time() - ${backup} > ${rpo} or absent(${backup})`,
                "5m",
                "critical",
                "The last Redis backup is older than the RPO",
                `No backup has succeeded for ${options.backup.rpoMinutes} minutes.`,
                "Check the backup CronJob's last Jobs (kubectl logs job/...), S3 access and the backup user.",
            ),
        );
    }
    return rules;
}

/**
 * The replicas the current primary lists as online: its per-replica `slaveN:ip=...,port=...,state=...`
 * lines of INFO replication, which the exporter turns into `redis_connected_slave_offset_bytes`
 * with slave_ip, slave_port and slave_state labels. Not `redis_connected_slaves`: that counts every
 * connection that sent SYNC, on every pod, and the backup job's `redis-cli --rdb` is one for its
 * whole transfer: on Redis 7.0 it shows as `port=0,state=wait_bgsave` (`send_bulk` with disk-based
 * sync), and since it never announces a listening port it keeps `port=0` whatever state it reaches.
 * So the count keeps only entries that are online and announced a port, and only from the pod that
 * reports the primary role. A gone replica leaves the primary's list when its connection closes,
 * or after repl-timeout; a replica still in its full resync is not online either.
 */
function replicasMissingExpr(m: (metric: string, extra?: string) => string, replicas: number): string {
    const online = m("redis_connected_slave_offset_bytes", ',slave_state="online",slave_port!="0"');
    const primary = m("redis_instance_info", ',role="master"');
    return `(count(${online} and on (pod) ${primary}) or vector(0)) < ${replicas}`;
}

/** Every metric name a PromQL expression reads, functions and keywords excluded. */
export function metricsOf(expr: string): string[] {
    const names = expr.match(/\b[a-z_][a-z0-9_]*(?=\{)/g) ?? [];
    return [...new Set(names.filter((name) => name.includes("_")))].sort();
}
