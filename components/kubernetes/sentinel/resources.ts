import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { filesChecksum } from "../checksum";
import { POD_FILES, POD_PATHS } from "../pod-files";
import { ObjectNames } from "../object-names";
import { exporterContainer, METRICS_PORT_NAME } from "../monitoring/exporter";
import { AllowedClient } from "../selectors";
import { dnsEgressRule, networkPolicySpec } from "../render/network-policy";
import { containerSecurityContext, podSecurityContext, redisAffinity } from "../render/pod-spec";
import { SENTINEL_COUNT } from "./settings";

export const SENTINEL_PORT_NAME = "sentinel-tls";
const CONFIG_VOLUME = "config";
const AUTH_VOLUME = "auth";
const TLS_VOLUME = "tls";
const STATE_VOLUME = "state";

export interface SentinelResourceArgs {
    namespace: string;
    names: ObjectNames;
    /** The labels of every object, and those that select the sentinel and the Redis pods. */
    labels: Record<string, string>;
    sentinelPodLabels: Record<string, string>;
    redisPodLabels: Record<string, string>;
    image: string;
    port: number;
    redisPort: number;
    zoneAntiAffinity: "preferred" | "required";
    allowedClients: readonly AllowedClient[];
    startScript: string;
    /** The ConfigMap's files the sentinels read, for the checksum that rolls them on a change. */
    configFiles: Record<string, string>;
    /** The sentinel Secret's files: the include with users and passwords, the sentinel and monitoring passwords. */
    authFiles: pulumi.Output<Record<string, string>>;
    tlsChecksum?: pulumi.Output<string>;
    /** Present with monitoring: the exporter image and metrics port, and who may scrape it. */
    monitoring?: { exporterImage: string; metricsPort: number; scrapers: readonly AllowedClient[]; requireClientCertificates: boolean };
    dependsOn: pulumi.Resource[];
}

/** The Service clients ask for the primary, and the sentinels themselves. */
export interface Sentinels {
    statefulSet: k8s.apps.v1.StatefulSet;
}

/**
 * Three sentinels in their own StatefulSet, not sidecars of the Redis pods: their count and quorum
 * do not depend on `replicas`, their own PodDisruptionBudget keeps two of three (the quorum) through
 * a node drain, and spreading them across zones like Redis keeps a majority when one zone goes.
 */
export function createSentinels(name: string, args: SentinelResourceArgs, parent: pulumi.Resource): Sentinels {
    const opt = { parent };
    const { names, namespace, labels } = args;
    const metadata = (objectName: string) => ({ name: objectName, namespace, labels });
    const secret = new k8s.core.v1.Secret(
        `${name}-sentinel-auth`,
        { metadata: metadata(names.sentinelAuthSecret), type: "Opaque", stringData: args.authFiles },
        opt,
    );
    const ports = [{ name: SENTINEL_PORT_NAME, port: args.port, targetPort: SENTINEL_PORT_NAME, protocol: "TCP" }];
    const headless = new k8s.core.v1.Service(
        `${name}-sentinel-headless`,
        {
            metadata: metadata(names.sentinelHeadlessService),
            spec: { clusterIP: "None", publishNotReadyAddresses: true, selector: args.sentinelPodLabels, ports },
        },
        opt,
    );
    new k8s.core.v1.Service(
        `${name}-sentinel`,
        { metadata: metadata(names.sentinelService), spec: { type: "ClusterIP", selector: args.sentinelPodLabels, ports } },
        opt,
    );

    const annotations: Record<string, pulumi.Input<string>> = {
        "hardened-redis/config-sha256": filesChecksum(args.configFiles),
        "hardened-redis/auth-sha256": pulumi.unsecret(args.authFiles.apply(filesChecksum)),
    };
    if (args.tlsChecksum) annotations["hardened-redis/tls-sha256"] = args.tlsChecksum;
    const mounts = [
        { name: CONFIG_VOLUME, mountPath: POD_PATHS.config, readOnly: true },
        { name: AUTH_VOLUME, mountPath: POD_PATHS.auth, readOnly: true },
        { name: TLS_VOLUME, mountPath: POD_PATHS.tls, readOnly: true },
        { name: STATE_VOLUME, mountPath: POD_PATHS.sentinel },
    ];
    const monitoring = args.monitoring;
    const statefulSet = new k8s.apps.v1.StatefulSet(
        `${name}-sentinel`,
        {
            metadata: metadata(names.sentinelStatefulSet),
            spec: {
                serviceName: headless.metadata.name,
                replicas: SENTINEL_COUNT,
                // Sentinels find each other through the primary, so they may start together.
                podManagementPolicy: "Parallel",
                updateStrategy: { type: "RollingUpdate" },
                selector: { matchLabels: args.sentinelPodLabels },
                template: {
                    metadata: { labels: { ...labels, ...args.sentinelPodLabels }, annotations },
                    spec: {
                        serviceAccountName: names.serviceAccount,
                        automountServiceAccountToken: false,
                        enableServiceLinks: false,
                        securityContext: podSecurityContext(),
                        affinity: redisAffinity(args.sentinelPodLabels, args.zoneAntiAffinity),
                        terminationGracePeriodSeconds: 10,
                        containers: [
                            {
                                name: "sentinel",
                                image: args.image,
                                imagePullPolicy: "IfNotPresent",
                                command: ["sh", "-c", args.startScript],
                                ports: [{ name: SENTINEL_PORT_NAME, containerPort: args.port, protocol: "TCP" }],
                                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "250m", memory: "128Mi" } },
                                securityContext: containerSecurityContext(),
                                volumeMounts: mounts,
                                livenessProbe: {
                                    tcpSocket: { port: SENTINEL_PORT_NAME },
                                    initialDelaySeconds: 10,
                                    periodSeconds: 10,
                                    timeoutSeconds: 5,
                                    failureThreshold: 6,
                                },
                                readinessProbe: { tcpSocket: { port: SENTINEL_PORT_NAME }, periodSeconds: 5, timeoutSeconds: 5 },
                            },
                            ...(monitoring
                                ? [
                                      exporterContainer({
                                          image: monitoring.exporterImage,
                                          redisPort: args.port,
                                          metricsPort: monitoring.metricsPort,
                                          authSecret: names.sentinelAuthSecret,
                                          requireClientCertificates: monitoring.requireClientCertificates,
                                      }),
                                  ]
                                : []),
                        ],
                        volumes: [
                            {
                                name: CONFIG_VOLUME,
                                configMap: {
                                    name: names.configMap,
                                    defaultMode: 0o444,
                                    items: [POD_FILES.sentinelConf, POD_FILES.sentinelMasterConf].map((key) => ({ key, path: key })),
                                },
                            },
                            { name: AUTH_VOLUME, secret: { secretName: names.sentinelAuthSecret, defaultMode: 0o440 } },
                            { name: TLS_VOLUME, secret: { secretName: names.tlsSecret, defaultMode: 0o440 } },
                            { name: STATE_VOLUME, emptyDir: { medium: "Memory", sizeLimit: "16Mi" } },
                        ],
                    },
                },
            },
        },
        { parent, dependsOn: [secret, ...args.dependsOn] },
    );
    new k8s.policy.v1.PodDisruptionBudget(
        `${name}-sentinel-pdb`,
        {
            metadata: metadata(names.sentinelPodDisruptionBudget),
            spec: { maxUnavailable: 1, selector: { matchLabels: args.sentinelPodLabels } },
        },
        opt,
    );
    const tcp = (port: number) => ({ protocol: "TCP", port });
    const sentinels = { podSelector: { matchLabels: args.sentinelPodLabels } };
    const redisPods = { podSelector: { matchLabels: args.redisPodLabels } };
    new k8s.networking.v1.NetworkPolicy(
        `${name}-sentinel-network-policy`,
        {
            metadata: metadata(names.sentinelNetworkPolicy),
            spec: networkPolicySpec(
                args.sentinelPodLabels,
                [
                    { from: [...args.allowedClients.map((client) => ({ ...client })), sentinels, redisPods], ports: [tcp(args.port)] },
                    ...(monitoring
                        ? [{ from: monitoring.scrapers.map((client) => ({ ...client })), ports: [tcp(monitoring.metricsPort)] }]
                        : []),
                ],
                [dnsEgressRule(), { to: [sentinels], ports: [tcp(args.port)] }, { to: [redisPods], ports: [tcp(args.redisPort)] }],
            ),
        },
        opt,
    );
    if (monitoring) {
        new k8s.core.v1.Service(
            `${name}-sentinel-metrics`,
            {
                metadata: {
                    name: names.sentinelMetricsService,
                    namespace,
                    labels: { ...labels, "app.kubernetes.io/component": "metrics" },
                },
                spec: {
                    clusterIP: "None",
                    selector: args.sentinelPodLabels,
                    ports: [{ name: METRICS_PORT_NAME, port: monitoring.metricsPort, targetPort: METRICS_PORT_NAME, protocol: "TCP" }],
                },
            },
            opt,
        );
    }
    return { statefulSet };
}
