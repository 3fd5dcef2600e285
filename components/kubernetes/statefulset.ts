import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PROBE_USER } from "./auth-files";
import { filesChecksum } from "./checksum";
import { ObjectNames } from "./object-names";
import { restoreInitContainers } from "./backup/resources";
import { exporterContainer } from "./monitoring/exporter";
import { dataVolumeClaim, redisAffinity, redisContainer, redisPodSpec, redisVolumes } from "./render/pod-spec";
import { KubernetesRedisSettings } from "./kubernetes-redis-settings";
import { Tls } from "./tls";

/** Pod template annotations whose change rolls the pods, since Redis reads its files only at start. */
export const CHECKSUM_ANNOTATIONS = {
    config: "hardened-redis/config-sha256",
    auth: "hardened-redis/auth-sha256",
    tls: "hardened-redis/tls-sha256",
} as const;

export interface RedisStatefulSetResourceArgs {
    settings: KubernetesRedisSettings;
    metadata: (objectName: string) => k8s.types.input.meta.v1.ObjectMeta;
    labels: Record<string, string>;
    podLabels: Record<string, string>;
    headless: k8s.core.v1.Service;
    configMap: k8s.core.v1.ConfigMap;
    configFiles: Record<string, string>;
    authSecret: k8s.core.v1.Secret;
    authFiles: pulumi.Output<Record<string, string>>;
    tls: Tls;
    /** The start script that asks the sentinels for the primary; undefined without Sentinel. */
    startScript?: string;
    /** The init containers and volumes that restore a backup before Redis starts. */
    restore?: ReturnType<typeof restoreInitContainers>;
}

/** The Redis pods' StatefulSet and its PodDisruptionBudget, which keeps all but one pod through a drain. */
export function createRedisStatefulSet(name: string, args: RedisStatefulSetResourceArgs, parent: pulumi.Resource): k8s.apps.v1.StatefulSet {
    const { settings, metadata, podLabels, tls, restore } = args;
    const names: ObjectNames = settings.names;
    const monitoring = settings.monitoring;
    const annotations: Record<string, pulumi.Input<string>> = {
        [CHECKSUM_ANNOTATIONS.config]: filesChecksum(args.configFiles),
        // A digest of hashes and passwords reveals neither; unsecret keeps the pod template readable.
        [CHECKSUM_ANNOTATIONS.auth]: pulumi.unsecret(args.authFiles.apply(filesChecksum)),
    };
    if (tls.serverCertificateChecksum) annotations[CHECKSUM_ANNOTATIONS.tls] = tls.serverCertificateChecksum;
    const statefulSet = new k8s.apps.v1.StatefulSet(
        `${name}-statefulset`,
        {
            metadata: metadata(names.statefulSet),
            spec: {
                serviceName: args.headless.metadata.name,
                replicas: settings.replicas + 1,
                podManagementPolicy: "OrderedReady",
                updateStrategy: { type: "RollingUpdate" },
                selector: { matchLabels: podLabels },
                persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
                template: {
                    metadata: { labels: args.labels, annotations },
                    spec: redisPodSpec({
                        serviceAccountName: names.serviceAccount,
                        affinity: redisAffinity(podLabels, settings.zoneAntiAffinity),
                        initContainers: restore?.initContainers,
                        containers: [
                            redisContainer({
                                image: settings.image,
                                port: settings.port,
                                resources: settings.resources,
                                probeUser: PROBE_USER,
                                startScript: args.startScript,
                            }),
                            ...(monitoring
                                ? [
                                      exporterContainer({
                                          image: monitoring.exporterImage,
                                          redisPort: settings.port,
                                          metricsPort: monitoring.metricsPort,
                                          authSecret: names.authSecret,
                                          requireClientCertificates: settings.tls.requireClientCertificates,
                                      }),
                                  ]
                                : []),
                        ],
                        volumes: [...redisVolumes(names), ...(restore?.volumes ?? [])],
                    }),
                },
                volumeClaimTemplates: [dataVolumeClaim(settings.storage.size, settings.storage.storageClassName, args.labels)],
            },
        },
        // Pods start only once what they mount exists.
        { parent, dependsOn: [args.configMap, args.authSecret, tls.serverTls] },
    );
    new k8s.policy.v1.PodDisruptionBudget(
        `${name}-pdb`,
        { metadata: metadata(names.podDisruptionBudget), spec: { maxUnavailable: 1, selector: { matchLabels: podLabels } } },
        { parent },
    );
    return statefulSet;
}
