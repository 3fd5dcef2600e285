/** One Grafana time series panel. */
interface Panel {
    title: string;
    unit: string;
    exprs: { expr: string; legend: string }[];
}

export interface DashboardOptions {
    title: string;
    uid: string;
    namespace: string;
    metricsService: string;
    /** The sentinels' metrics Service, when Sentinel runs: adds its panels. */
    sentinelMetricsService?: string;
}

/** A Grafana dashboard (JSON model, schema 39) of one Redis instance, for the Grafana dashboard sidecar. */
export function renderDashboard(options: DashboardOptions): string {
    const s = `namespace="${options.namespace}",service="${options.metricsService}"`;
    const panels: Panel[] = [
        { title: "Up", unit: "none", exprs: [{ expr: `redis_up{${s}}`, legend: "{{pod}}" }] },
        {
            title: "Memory used / maxmemory",
            unit: "percentunit",
            exprs: [{ expr: `redis_memory_used_bytes{${s}} / redis_memory_max_bytes{${s}}`, legend: "{{pod}}" }],
        },
        {
            title: "Commands per second",
            unit: "ops",
            exprs: [{ expr: `sum by (pod) (rate(redis_commands_total{${s}}[5m]))`, legend: "{{pod}}" }],
        },
        {
            title: "Mean command latency",
            unit: "s",
            exprs: [
                {
                    expr: `sum by (pod) (rate(redis_commands_duration_seconds_total{${s}}[5m])) / sum by (pod) (rate(redis_commands_total{${s}}[5m]))`,
                    legend: "{{pod}}",
                },
            ],
        },
        { title: "Connected clients", unit: "none", exprs: [{ expr: `redis_connected_clients{${s}}`, legend: "{{pod}}" }] },
        {
            title: "Keyspace hit rate",
            unit: "percentunit",
            exprs: [
                {
                    expr: `sum by (pod) (rate(redis_keyspace_hits_total{${s}}[5m])) / (sum by (pod) (rate(redis_keyspace_hits_total{${s}}[5m])) + sum by (pod) (rate(redis_keyspace_misses_total{${s}}[5m])))`,
                    legend: "{{pod}}",
                },
            ],
        },
        {
            title: "Evictions and rejected connections",
            unit: "ops",
            exprs: [
                { expr: `rate(redis_evicted_keys_total{${s}}[5m])`, legend: "evicted {{pod}}" },
                { expr: `rate(redis_rejected_connections_total{${s}}[5m])`, legend: "rejected {{pod}}" },
            ],
        },
        { title: "Replication lag", unit: "s", exprs: [{ expr: `redis_connected_slave_lag_seconds{${s}}`, legend: "{{slave_ip}}" }] },
    ];
    if (options.sentinelMetricsService) {
        const t = `namespace="${options.namespace}",service="${options.sentinelMetricsService}"`;
        panels.push(
            {
                title: "Primary, as each sentinel sees it (1 ok, 0 down)",
                unit: "none",
                exprs: [{ expr: `redis_sentinel_master_status{${t}}`, legend: "{{pod}}: {{master_address}} {{master_status}}" }],
            },
            {
                title: "Sentinels and replicas each sentinel counts as ok",
                unit: "none",
                exprs: [
                    { expr: `redis_sentinel_master_ok_sentinels{${t}}`, legend: "sentinels {{pod}}" },
                    { expr: `redis_sentinel_master_ok_slaves{${t}}`, legend: "replicas {{pod}}" },
                ],
            },
        );
    }
    const dashboard = {
        uid: options.uid,
        title: options.title,
        tags: ["redis", "hardened-redis"],
        timezone: "utc",
        schemaVersion: 39,
        refresh: "30s",
        time: { from: "now-6h", to: "now" },
        templating: { list: [{ name: "datasource", type: "datasource", query: "prometheus" }] },
        panels: panels.map((panel, i) => ({
            id: i + 1,
            type: "timeseries",
            title: panel.title,
            datasource: { type: "prometheus", uid: "${datasource}" },
            gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
            fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
            targets: panel.exprs.map((target, j) => ({
                refId: String.fromCharCode(65 + j),
                expr: target.expr,
                legendFormat: target.legend,
            })),
        })),
    };
    return JSON.stringify(dashboard, null, 2);
}
