import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { POD_FILES, POD_PATHS } from "../pod-files";
import { DATA_VOLUME, containerSecurityContext, podSecurityContext } from "../render/pod-spec";
import { dnsEgressRule, networkPolicySpec, replicationEgressRule } from "../render/network-policy";
import { BACKUP_TLS_DIR, BACKUP_WORK_DIR, BackupScriptOptions, renderBackupScript, renderRestoreScript } from "./scripts";
import { BackupSettings } from "./settings";

export const BACKUP_SCRIPT = "backup.sh";
export const RESTORE_SCRIPT = "restore.sh";
const SCRIPTS_DIR = "/etc/redis/backup";
const SCRIPTS_VOLUME = "backup-scripts";
const TMP_VOLUME = "tmp";
const PASSWORD_KEY = "password";
const IRSA_ANNOTATION = "eks.amazonaws.com/role-arn";

type Container = k8s.types.input.core.v1.Container;

/** The labels of the backup job's pods: not the Redis pods' selector. */
export function backupPodLabels(base: string): Record<string, string> {
    return { "app.kubernetes.io/name": "redis-backup", "app.kubernetes.io/instance": base };
}

/** S3 credentials for a container: a Secret's keys as environment, or nothing (IRSA injects them). */
function credentialEnv(settings: BackupSettings): Pick<Container, "envFrom"> {
    return settings.credentials.secretName ? { envFrom: [{ secretRef: { name: settings.credentials.secretName } }] } : {};
}

/** The AWS CLI needs a writable home for its caches; the root filesystem stays read-only. */
const awsHome = [{ name: "HOME", value: "/tmp" }];

/** Container fields a script container adds; its volume mounts are a plain list, appended to the scripts' own. */
type ScriptContainerExtras = Omit<Partial<Container>, "volumeMounts"> & {
    volumeMounts?: pulumi.Input<k8s.types.input.core.v1.VolumeMount>[];
};

function scriptContainer(name: string, image: string, script: string, phase: string, extra: ScriptContainerExtras): Container {
    return {
        name,
        image,
        imagePullPolicy: "IfNotPresent",
        command: ["sh", `${SCRIPTS_DIR}/${script}`, phase],
        securityContext: containerSecurityContext(),
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1", memory: "512Mi" } },
        ...extra,
        volumeMounts: [
            { name: SCRIPTS_VOLUME, mountPath: SCRIPTS_DIR, readOnly: true },
            { name: TMP_VOLUME, mountPath: "/tmp" },
            ...(extra.volumeMounts ?? []),
        ],
    };
}

/** The restore init containers and their volumes, for the Redis pod when `restoreFrom` is set. */
export function restoreInitContainers(settings: BackupSettings, redisImage: string, scriptsConfigMap: string) {
    const data = { name: DATA_VOLUME, mountPath: POD_PATHS.data };
    return {
        initContainers: [
            scriptContainer("restore-download", settings.uploaderImage, RESTORE_SCRIPT, "download", {
                env: awsHome,
                ...credentialEnv(settings),
                volumeMounts: [data],
            }),
            scriptContainer("restore-place", redisImage, RESTORE_SCRIPT, "place", { volumeMounts: [data] }),
        ],
        volumes: [
            { name: SCRIPTS_VOLUME, configMap: { name: scriptsConfigMap, defaultMode: 0o444 } },
            { name: TMP_VOLUME, emptyDir: { sizeLimit: "64Mi" } },
        ],
    };
}

export interface BackupResourceArgs {
    base: string;
    namespace: string;
    labels: Record<string, string>;
    redisPodLabels: Record<string, string>;
    redisImage: string;
    storageSize: string;
    settings: BackupSettings;
    script: BackupScriptOptions;
    tlsSecret: string;
    /** With mTLS: the Secret of the backup user's client certificate. */
    clientTlsSecret?: string;
    password: pulumi.Output<string>;
}

/** The scripts ConfigMap (also for restores), the backup user's Secret, the CronJob and its NetworkPolicy. */
export function createBackup(name: string, args: BackupResourceArgs, parent: pulumi.Resource): { scriptsConfigMap: string } {
    const opt = { parent };
    const metadata = (objectName: string, annotations?: Record<string, string>) => ({
        name: objectName,
        namespace: args.namespace,
        labels: args.labels,
        ...(annotations ? { annotations } : {}),
    });
    const names = { scripts: `${args.base}-backup-scripts`, secret: `${args.base}-backup-auth`, job: `${args.base}-backup` };
    const s = args.settings;
    const scripts: Record<string, string> = { [BACKUP_SCRIPT]: renderBackupScript(args.script) };
    if (s.restoreFrom) scripts[RESTORE_SCRIPT] = renderRestoreScript({ s3: args.script.s3, bucket: s.bucket, objectKey: s.restoreFrom });
    new k8s.core.v1.ConfigMap(`${name}-backup-scripts`, { metadata: metadata(names.scripts), data: scripts }, opt);
    new k8s.core.v1.Secret(
        `${name}-backup-auth`,
        {
            metadata: metadata(names.secret),
            type: "Opaque",
            stringData: pulumi.secret(args.password.apply((password): Record<string, string> => ({ [PASSWORD_KEY]: password }))),
        },
        opt,
    );
    new k8s.core.v1.ServiceAccount(
        `${name}-backup-service-account`,
        {
            metadata: metadata(names.job, s.credentials.roleArn ? { [IRSA_ANNOTATION]: s.credentials.roleArn } : undefined),
            automountServiceAccountToken: false,
        },
        opt,
    );
    const podLabels = backupPodLabels(args.base);
    const work = { name: "work", mountPath: BACKUP_WORK_DIR };
    const tlsItems = [{ key: POD_FILES.ca, path: POD_FILES.ca }];
    const tlsSources = args.clientTlsSecret
        ? [
              {
                  secret: {
                      name: args.clientTlsSecret,
                      items: [
                          ...tlsItems,
                          { key: POD_FILES.certificate, path: POD_FILES.certificate },
                          { key: POD_FILES.privateKey, path: POD_FILES.privateKey },
                      ],
                  },
              },
          ]
        : [{ secret: { name: args.tlsSecret, items: tlsItems } }];
    new k8s.batch.v1.CronJob(
        `${name}-backup`,
        {
            metadata: metadata(names.job),
            spec: {
                schedule: s.schedule,
                timeZone: "Etc/UTC",
                concurrencyPolicy: "Forbid",
                startingDeadlineSeconds: 300,
                successfulJobsHistoryLimit: 3,
                failedJobsHistoryLimit: 3,
                jobTemplate: {
                    spec: {
                        backoffLimit: 2,
                        activeDeadlineSeconds: 3600,
                        ttlSecondsAfterFinished: 86400,
                        template: {
                            metadata: { labels: { ...args.labels, ...podLabels } },
                            spec: {
                                serviceAccountName: names.job,
                                automountServiceAccountToken: false,
                                enableServiceLinks: false,
                                restartPolicy: "Never",
                                securityContext: podSecurityContext(),
                                initContainers: [
                                    scriptContainer("dump", args.redisImage, BACKUP_SCRIPT, "dump", {
                                        env: [
                                            {
                                                name: "REDISCLI_AUTH",
                                                valueFrom: { secretKeyRef: { name: names.secret, key: PASSWORD_KEY } },
                                            },
                                        ],
                                        volumeMounts: [work, { name: "tls", mountPath: BACKUP_TLS_DIR, readOnly: true }],
                                    }),
                                ],
                                containers: [
                                    scriptContainer("upload", s.uploaderImage, BACKUP_SCRIPT, "upload", {
                                        env: awsHome,
                                        ...credentialEnv(s),
                                        volumeMounts: [work],
                                    }),
                                ],
                                volumes: [
                                    { name: SCRIPTS_VOLUME, configMap: { name: names.scripts, defaultMode: 0o444 } },
                                    { name: TMP_VOLUME, emptyDir: { sizeLimit: "64Mi" } },
                                    { name: "work", emptyDir: { sizeLimit: args.storageSize } },
                                    { name: "tls", projected: { defaultMode: 0o440, sources: tlsSources } },
                                ],
                            },
                        },
                    },
                },
            },
        },
        opt,
    );
    new k8s.networking.v1.NetworkPolicy(
        `${name}-backup-network-policy`,
        {
            metadata: metadata(names.job),
            spec: networkPolicySpec(
                podLabels,
                [],
                [dnsEgressRule(), replicationEgressRule(args.redisPodLabels, args.script.port), ...objectStoreEgressRules(s, true)],
            ),
        },
        opt,
    );
    return { scriptsConfigMap: names.scripts };
}

/**
 * The object store's port and, for the backup job, the Pushgateway's, to any address: neither has
 * an address known in the cluster.
 */
export function objectStoreEgressRules(
    settings: BackupSettings,
    withPushgateway: boolean,
): k8s.types.input.networking.v1.NetworkPolicyEgressRule[] {
    const ports = new Set([portOf(settings.endpoint ?? "https://s3.amazonaws.com")]);
    if (withPushgateway && settings.pushgatewayUrl) ports.add(portOf(settings.pushgatewayUrl));
    return [{ ports: [...ports].map((port) => ({ protocol: "TCP", port })) }];
}

function portOf(url: string): number {
    const parsed = new URL(url);
    return parsed.port ? Number(parsed.port) : parsed.protocol === "https:" ? 443 : 80;
}
