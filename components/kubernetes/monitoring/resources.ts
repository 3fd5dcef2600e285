import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { METRICS_PORT_NAME } from "./exporter";
import { renderDashboard } from "./dashboard";
import { AlertRuleOptions, renderAlertRules } from "./rules";
import { MonitoringSettings } from "./settings";

export interface MonitoringResourceArgs {
    base: string;
    namespace: string;
    labels: Record<string, string>;
    podLabels: Record<string, string>;
    settings: MonitoringSettings;
    rules: Omit<AlertRuleOptions, "namespace" | "metricsService" | "thresholds">;
}

/** The metrics Service, the ServiceMonitor and PrometheusRule (prometheus-operator) and the dashboard ConfigMap. */
export function createMonitoring(name: string, args: MonitoringResourceArgs, parent: pulumi.Resource): void {
    const opt = { parent };
    const metricsService = `${args.base}-metrics`;
    const metadata = (objectName: string, extraLabels: Record<string, string> = {}) => ({
        name: objectName,
        namespace: args.namespace,
        labels: { ...args.labels, ...extraLabels },
    });
    const serviceLabels = { ...args.labels, "app.kubernetes.io/component": "metrics" };
    new k8s.core.v1.Service(
        `${name}-metrics`,
        {
            metadata: { name: metricsService, namespace: args.namespace, labels: serviceLabels },
            spec: {
                clusterIP: "None",
                selector: args.podLabels,
                ports: [{ name: METRICS_PORT_NAME, port: args.settings.metricsPort, targetPort: METRICS_PORT_NAME, protocol: "TCP" }],
            },
        },
        opt,
    );
    new k8s.apiextensions.CustomResource(
        `${name}-service-monitor`,
        {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "ServiceMonitor",
            metadata: metadata(args.base, args.settings.prometheusLabels),
            spec: serviceMonitorSpec(serviceLabels, args.namespace, args.settings.scrapeIntervalSeconds),
        },
        opt,
    );
    const rules = renderAlertRules({ ...args.rules, namespace: args.namespace, metricsService, thresholds: args.settings.thresholds });
    new k8s.apiextensions.CustomResource(
        `${name}-prometheus-rule`,
        {
            apiVersion: "monitoring.coreos.com/v1",
            kind: "PrometheusRule",
            metadata: metadata(args.base, args.settings.prometheusLabels),
            spec: { groups: [{ name: `redis-${args.namespace}-${args.base}`, rules }] },
        },
        opt,
    );
    new k8s.core.v1.ConfigMap(
        `${name}-dashboard`,
        {
            metadata: metadata(`${args.base}-dashboard`, args.settings.dashboardLabels),
            data: {
                [`${args.namespace}-${args.base}.json`]: renderDashboard({
                    title: `Redis ${args.namespace}/${args.base}`,
                    uid: `redis-${args.namespace}-${args.base}`.slice(0, 40),
                    namespace: args.namespace,
                    metricsService,
                    sentinelMetricsService: args.rules.sentinelMetricsService,
                }),
            },
        },
        opt,
    );
}

export function serviceMonitorSpec(serviceLabels: Record<string, string>, namespace: string, intervalSeconds: number) {
    return {
        selector: { matchLabels: serviceLabels },
        namespaceSelector: { matchNames: [namespace] },
        endpoints: [
            {
                port: METRICS_PORT_NAME,
                path: "/metrics",
                interval: `${intervalSeconds}s`,
                scrapeTimeout: `${Math.min(intervalSeconds, 10)}s`,
            },
        ],
    };
}
