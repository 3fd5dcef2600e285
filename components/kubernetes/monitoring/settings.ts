import { ArgChecker, argNames } from "../../shared/validation";
import { AllowedClient, validateAllowedClientsArgs } from "../selectors";

const IMAGE_REPOSITORY = /^([a-z0-9.-]+(:[0-9]+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const EXPORTER_TAG = /^v\d+\.\d+\.\d+$/;
const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
const SYSLOG_IDENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;

export const MONITORING_DEFAULTS = {
    exporterImage: { repository: "oliver006/redis_exporter", tag: "v1.74.0" },
    metricsPort: 9121,
    scrapeInterval: 30,
    /** Prometheus of kube-prometheus-stack runs in the `monitoring` namespace. */
    scrapers: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }] as AllowedClient[],
    dashboardLabels: { grafana_dashboard: "1" } as Record<string, string>,
    thresholds: {
        memoryPercent: 90,
        evictionsPerSecond: 1,
        connectionsPercent: 85,
        latencySloMilliseconds: 2,
        hitRatePercent: 80,
        replicationLagSeconds: 10,
    },
} as const;

/** A pinned container image: repository, tag and optional `sha256:` digest. */
export interface ImageRefArgs {
    /** The image repository, e.g. `oliver006/redis_exporter`. */
    repository?: string;
    /** The image tag, e.g. `v1.74.0`. */
    tag?: string;
    /** The image digest, `sha256:` and 64 hex digits; pins the image beyond the tag. */
    digest?: string;
}

/** Alert thresholds; each rule reads exactly one of them. */
export interface AlertThresholdArgs {
    /** Memory used as a percentage of maxmemory, 50 to 99. Default 90. */
    memoryPercent?: number;
    /** Evicted keys per second over 5 minutes, 0 to 100000. Default 1. */
    evictionsPerSecond?: number;
    /** Connected clients as a percentage of maxclients, 50 to 99. Default 85. */
    connectionsPercent?: number;
    /** The mean command latency SLO in milliseconds, 0.01 to 1000. Default 2. */
    latencySloMilliseconds?: number;
    /** The keyspace hit rate below which to alert, in percent, 1 to 99. Default 80. */
    hitRatePercent?: number;
    /** Replica lag in seconds, 1 to 3600. Default 10. */
    replicationLagSeconds?: number;
}

/** Prometheus monitoring: a redis_exporter sidecar, a ServiceMonitor, a PrometheusRule and a Grafana dashboard. */
export interface KubernetesRedisMonitoringArgs {
    /** The redis_exporter image, pinned: repository (default `oliver006/redis_exporter`), tag `vX.Y.Z` (default `v1.74.0`), optional digest. */
    exporterImage?: ImageRefArgs;
    /** The exporter's metrics port, 1024 to 65535. Default 9121. */
    metricsPort?: number;
    /** Who may scrape the metrics port. Default: pods in the `monitoring` namespace. */
    scrapers?: AllowedClient[];
    /** Labels the Prometheus instance selects ServiceMonitors and PrometheusRules by, such as `{ release: "kube-prometheus-stack" }`. Default none. */
    prometheusLabels?: Record<string, string>;
    /** Labels the Grafana dashboard sidecar selects ConfigMaps by. Default `{ grafana_dashboard: "1" }`. */
    dashboardLabels?: Record<string, string>;
    /** Scrape interval in seconds, 5 to 300. Default 30. */
    scrapeIntervalSeconds?: number;
    /** Alert thresholds. */
    thresholds?: AlertThresholdArgs;
}

/** Where Redis logs go besides stdout, which the cluster's log agent collects. */
export interface KubernetesRedisLogArgs {
    /** Also log to syslog through /dev/log, which the node or a sidecar must provide. */
    syslog?: SyslogArgs;
}

/** The syslog facilities Redis can log to (the schema enum `SyslogFacility`). */
export const SyslogFacility = {
    user: "user",
    local0: "local0",
    local1: "local1",
    local2: "local2",
    local3: "local3",
    local4: "local4",
    local5: "local5",
    local6: "local6",
    local7: "local7",
} as const;
/** One of the syslog facilities Redis can log to. */
export type SyslogFacility = (typeof SyslogFacility)[keyof typeof SyslogFacility];
export const SYSLOG_FACILITIES: readonly SyslogFacility[] = Object.values(SyslogFacility);

/** Logging to syslog through /dev/log. */
export interface SyslogArgs {
    /** The syslog identity, default `redis`. */
    ident?: string;
    /** `user` or `local0` to `local7`. Default `local0`. */
    facility?: SyslogFacility;
}

export const IMAGE_REF_ARG_NAMES = argNames<ImageRefArgs>()(["repository", "tag", "digest"]);
export const ALERT_THRESHOLD_ARG_NAMES = argNames<AlertThresholdArgs>()([
    "memoryPercent",
    "evictionsPerSecond",
    "connectionsPercent",
    "latencySloMilliseconds",
    "hitRatePercent",
    "replicationLagSeconds",
]);
export const MONITORING_ARG_NAMES = argNames<KubernetesRedisMonitoringArgs>()([
    "exporterImage",
    "metricsPort",
    "scrapers",
    "prometheusLabels",
    "dashboardLabels",
    "scrapeIntervalSeconds",
    "thresholds",
]);
export const LOG_ARG_NAMES = argNames<KubernetesRedisLogArgs>()(["syslog"]);
export const SYSLOG_ARG_NAMES = argNames<SyslogArgs>()(["ident", "facility"]);

export function imageOf(
    check: ArgChecker,
    arg: string,
    image: ImageRefArgs | undefined,
    defaults: { repository: string; tag: string },
    tagPattern: RegExp,
    tagHelp: string,
): string {
    if (image !== undefined) check.object(arg, image, IMAGE_REF_ARG_NAMES);
    const repository = check.matches(
        `${arg}.repository`,
        image?.repository ?? defaults.repository,
        IMAGE_REPOSITORY,
        'an image repository such as "oliver006/redis_exporter"',
    );
    const tag = check.matches(`${arg}.tag`, image?.tag ?? defaults.tag, tagPattern, tagHelp);
    const digest =
        image?.digest === undefined
            ? ""
            : `@${check.matches(`${arg}.digest`, image.digest, IMAGE_DIGEST, 'a digest such as "sha256:" followed by 64 hex digits')}`;
    return `${repository}:${tag}${digest}`;
}

export function validateLabelsArgs(check: ArgChecker, arg: string, labels: Record<string, string>): Record<string, string> {
    for (const [key, value] of Object.entries(labels)) {
        check.matches(`${arg} key`, key, LABEL_KEY, 'a Kubernetes label key such as "release"');
        check.matches(`${arg}["${key}"]`, value, LABEL_VALUE, "a Kubernetes label value: up to 63 letters, digits, '-', '_' or '.'");
    }
    return { ...labels };
}

function numberInRange(check: ArgChecker, arg: string, value: number, min: number, max: number): number {
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max)
        check.fail(arg, `is ${value}`, `a number from ${min} to ${max}`);
    return value;
}

export function validateMonitoringArgs(check: ArgChecker, args: KubernetesRedisMonitoringArgs | undefined) {
    if (!args) return undefined;
    check.object("monitoring", args, MONITORING_ARG_NAMES);
    const d = MONITORING_DEFAULTS;
    const t = check.object("monitoring.thresholds", args.thresholds ?? {}, ALERT_THRESHOLD_ARG_NAMES);
    const dt = d.thresholds;
    return {
        exporterImage: imageOf(
            check,
            "monitoring.exporterImage",
            args.exporterImage,
            d.exporterImage,
            EXPORTER_TAG,
            'a full release tag such as "v1.74.0"; floating tags like "latest" are refused',
        ),
        metricsPort: check.integerInRange("monitoring.metricsPort", args.metricsPort ?? d.metricsPort, 1024, 65535),
        scrapers: validateAllowedClientsArgs(check, args.scrapers ?? d.scrapers, "monitoring.scrapers"),
        prometheusLabels: validateLabelsArgs(check, "monitoring.prometheusLabels", args.prometheusLabels ?? {}),
        dashboardLabels: validateLabelsArgs(check, "monitoring.dashboardLabels", args.dashboardLabels ?? d.dashboardLabels),
        scrapeIntervalSeconds: check.integerInRange(
            "monitoring.scrapeIntervalSeconds",
            args.scrapeIntervalSeconds ?? d.scrapeInterval,
            5,
            300,
        ),
        thresholds: {
            memoryPercent: numberInRange(check, "monitoring.thresholds.memoryPercent", t.memoryPercent ?? dt.memoryPercent, 50, 99),
            evictionsPerSecond: numberInRange(
                check,
                "monitoring.thresholds.evictionsPerSecond",
                t.evictionsPerSecond ?? dt.evictionsPerSecond,
                0,
                100000,
            ),
            connectionsPercent: numberInRange(
                check,
                "monitoring.thresholds.connectionsPercent",
                t.connectionsPercent ?? dt.connectionsPercent,
                50,
                99,
            ),
            latencySloMilliseconds: numberInRange(
                check,
                "monitoring.thresholds.latencySloMilliseconds",
                t.latencySloMilliseconds ?? dt.latencySloMilliseconds,
                0.01,
                1000,
            ),
            hitRatePercent: numberInRange(check, "monitoring.thresholds.hitRatePercent", t.hitRatePercent ?? dt.hitRatePercent, 1, 99),
            replicationLagSeconds: numberInRange(
                check,
                "monitoring.thresholds.replicationLagSeconds",
                t.replicationLagSeconds ?? dt.replicationLagSeconds,
                1,
                3600,
            ),
        },
    };
}

export type MonitoringSettings = NonNullable<ReturnType<typeof validateMonitoringArgs>>;

export function validateLogArgs(check: ArgChecker, args: KubernetesRedisLogArgs | undefined) {
    if (args !== undefined) check.object("logs", args, LOG_ARG_NAMES);
    if (!args?.syslog) return { syslog: undefined };
    check.object("logs.syslog", args.syslog, SYSLOG_ARG_NAMES);
    return {
        syslog: {
            ident: check.matches(
                "logs.syslog.ident",
                args.syslog.ident ?? "redis",
                SYSLOG_IDENT,
                "1 to 32 letters, digits, '_', '.' or '-'",
            ),
            facility: check.oneOf("logs.syslog.facility", args.syslog.facility ?? "local0", SYSLOG_FACILITIES),
        },
    };
}
