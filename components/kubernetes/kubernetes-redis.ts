import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ApplicationUsers, InternalPasswords, renderAuthFiles, renderSentinelAuthFiles } from "./auth-files";
import { BackupResourceArgs, createBackup, restoreInitContainers } from "./backup/resources";
import { BACKUP_USER } from "./backup/scripts";
import { renderConfigFiles } from "./config-files";
import { storeCredentials } from "./credentials";
import { KUBERNETES_PASSWORD_POLICY, generatePassword } from "../shared/passwords";
import { POD_FILES } from "./pod-files";
import { commonLabels, selectorLabels, sentinelSelectorLabels } from "./object-names";
import { createMonitoring } from "./monitoring/resources";
import { createRedisNetworkPolicy } from "./network-policy";
import { INTERNAL_USER_NAMES } from "./render/acl";
import { MAXCLIENTS } from "./render/redis-conf";
import { SENTINEL_USER, renderSentinelRedisStartScript, renderSentinelStartScript } from "./sentinel/render";
import { createSentinels } from "./sentinel/resources";
import { createRedisServices } from "./services";
import {
    KUBERNETES_REDIS_TYPE,
    KubernetesRedisArgs,
    KubernetesRedisSettings,
    validateKubernetesRedisArgs,
} from "./kubernetes-redis-settings";
import { createRedisStatefulSet } from "./statefulset";
import { createTls } from "./tls";

/**
 * Self-managed Redis on Kubernetes that is secure with no options set: a primary and replicas in a
 * StatefulSet, TLS only (also for replication), ACL users with generated passwords from a Secret,
 * AOF and RDB persistence, the restricted pod security profile and a default-deny NetworkPolicy.
 */
export class KubernetesRedis extends pulumi.ComponentResource {
    /**
     * Without Sentinel, the primary's Service address (reads and writes). With Sentinel, the sentinels'
     * Service address: clients ask it for `sentinelMasterName` on `sentinelPort`.
     */
    public readonly primaryHost: pulumi.Output<string>;
    /** The sentinels' TLS port; undefined without Sentinel. */
    public readonly sentinelPort: pulumi.Output<number | undefined>;
    /** The name the sentinels monitor the primary under (the object name); undefined without Sentinel. */
    public readonly sentinelMasterName: pulumi.Output<string | undefined>;
    /** The address that balances reads over every ready pod. */
    public readonly readerHost: pulumi.Output<string>;
    /** The TCP port of both Services, TLS only. Default 6379. */
    public readonly port: pulumi.Output<number>;
    /** The namespace that holds every object of the component. */
    public readonly namespace: pulumi.Output<string>;
    /** The Secret of each application user's connection details, by user name. */
    public readonly userSecretNames: pulumi.Output<Record<string, string>>;
    /** The Secret holding the ACL file, the replication include and the monitoring user's password. */
    public readonly authSecretName: pulumi.Output<string>;
    /** The CA certificate to trust, when generated here; undefined when cert-manager signs. */
    public readonly caCertificate: pulumi.Output<string | undefined>;
    /** The StatefulSet of the Redis pods. */
    public readonly statefulSet: k8s.apps.v1.StatefulSet;

    constructor(name: string, args: KubernetesRedisArgs, opts?: pulumi.ComponentResourceOptions) {
        const settings = validateKubernetesRedisArgs(name, args);
        super(KUBERNETES_REDIS_TYPE, name, args, opts);
        const { names, namespace, port, sentinel, monitoring } = settings;
        const labels = commonLabels(settings.base);
        const podLabels = selectorLabels(settings.base);
        const sentinelPodLabels = sentinelSelectorLabels(settings.base);
        const metadata = (objectName: string) => ({ name: objectName, namespace, labels });
        const opt = { parent: this };

        const activeInternalUsers = INTERNAL_USER_NAMES.filter(
            (user) => (user !== BACKUP_USER || settings.backup) && (user !== SENTINEL_USER || sentinel),
        );
        const internalPasswords: InternalPasswords = Object.fromEntries(
            activeInternalUsers.map((user) => [user, generatePassword(`${name}-${user}-password`, KUBERNETES_PASSWORD_POLICY, this)]),
        );
        const applicationUsers: ApplicationUsers = settings.users.map((user) => ({
            user,
            password: generatePassword(`${name}-${user.name}-password`, KUBERNETES_PASSWORD_POLICY, this),
        }));
        const tls = createTls(
            name,
            {
                base: settings.base,
                namespace,
                clusterDomain: settings.clusterDomain,
                names,
                labels,
                issuer: settings.tls.issuer,
                sentinel: sentinel !== undefined,
            },
            this,
        );

        const { files: configFiles, topologies } = renderConfigFiles(settings);
        const configMap = new k8s.core.v1.ConfigMap(`${name}-config`, { metadata: metadata(names.configMap), data: configFiles }, opt);
        const authFiles = renderAuthFiles(settings, internalPasswords, applicationUsers);
        const authSecret = new k8s.core.v1.Secret(
            `${name}-auth`,
            { metadata: metadata(names.authSecret), type: "Opaque", stringData: authFiles },
            opt,
        );

        const restoreRole = settings.backup?.restoreFrom ? settings.backup.credentials.roleArn : undefined;
        new k8s.core.v1.ServiceAccount(
            `${name}-service-account`,
            {
                metadata: {
                    ...metadata(names.serviceAccount),
                    ...(restoreRole ? { annotations: { "eks.amazonaws.com/role-arn": restoreRole } } : {}),
                },
                automountServiceAccountToken: false,
            },
            opt,
        );
        const backup =
            settings.backup && createBackup(name, backupWiring(settings, { labels, podLabels, password: internalPasswords.backup! }), this);
        if (settings.backup && settings.tls.requireClientCertificates)
            tls.issueClientCertificate(BACKUP_USER, names.userTlsSecret(BACKUP_USER));
        const restore =
            settings.backup?.restoreFrom && backup
                ? restoreInitContainers(settings.backup, settings.image, backup.scriptsConfigMap)
                : undefined;

        const headless = createRedisServices(name, { names, metadata, podLabels, port, sentinel: sentinel !== undefined }, this);
        this.statefulSet = createRedisStatefulSet(
            name,
            {
                settings,
                metadata,
                labels,
                podLabels,
                headless,
                configMap,
                configFiles,
                authSecret,
                authFiles,
                tls,
                restore,
                startScript: topologies && renderSentinelRedisStartScript(topologies.redis),
            },
            this,
        );
        createRedisNetworkPolicy(name, { settings, metadata, podLabels, sentinelPodLabels, restoring: restore !== undefined }, this);

        if (sentinel && topologies) {
            createSentinels(
                name,
                {
                    namespace,
                    names,
                    labels,
                    sentinelPodLabels,
                    redisPodLabels: podLabels,
                    image: settings.image,
                    port: sentinel.port,
                    redisPort: port,
                    zoneAntiAffinity: settings.zoneAntiAffinity,
                    allowedClients: settings.allowedClients,
                    startScript: renderSentinelStartScript(topologies.sentinel, sentinel.quorum),
                    configFiles: {
                        [POD_FILES.sentinelConf]: configFiles[POD_FILES.sentinelConf],
                        [POD_FILES.sentinelMasterConf]: configFiles[POD_FILES.sentinelMasterConf],
                    },
                    authFiles: renderSentinelAuthFiles(settings, internalPasswords, applicationUsers),
                    tlsChecksum: tls.serverCertificateChecksum,
                    monitoring: monitoring && {
                        exporterImage: monitoring.exporterImage,
                        metricsPort: monitoring.metricsPort,
                        scrapers: monitoring.scrapers,
                        requireClientCertificates: settings.tls.requireClientCertificates,
                    },
                    dependsOn: [configMap, tls.serverTls],
                },
                this,
            );
        }

        if (monitoring) {
            createMonitoring(
                name,
                {
                    base: settings.base,
                    namespace,
                    labels,
                    podLabels,
                    settings: monitoring,
                    rules: {
                        replicas: settings.replicas,
                        sentinelMetricsService: sentinel && names.sentinelMetricsService,
                        maxclients: MAXCLIENTS,
                        backup: settings.backup
                            ? { instance: `${namespace}.${settings.base}`, rpoMinutes: settings.backup.rpoMinutes }
                            : undefined,
                    },
                },
                this,
            );
        }

        const credentials = {
            namespace,
            labels,
            primaryHost: settings.primaryHost,
            readerHost: settings.readerHost,
            port,
            caCertificate: tls.caCertificate,
            sentinel: sentinel && { port: sentinel.port, masterName: settings.base },
        };
        for (const { user, password } of applicationUsers) {
            storeCredentials(`${name}-${user.name}-credentials`, names.userSecret(user.name), user.name, password, credentials, this);
            if (settings.tls.requireClientCertificates) tls.issueClientCertificate(user.name, names.userTlsSecret(user.name));
        }

        this.primaryHost = pulumi.output(settings.primaryHost);
        this.readerHost = pulumi.output(settings.readerHost);
        this.port = pulumi.output(port);
        this.sentinelPort = pulumi.output(sentinel?.port);
        this.sentinelMasterName = pulumi.output(sentinel ? settings.base : undefined);
        this.namespace = pulumi.output(namespace);
        this.userSecretNames = pulumi.output(Object.fromEntries(settings.users.map((user) => [user.name, names.userSecret(user.name)])));
        this.authSecretName = pulumi.output(names.authSecret);
        this.caCertificate = pulumi.output(tls.caCertificate);
        this.registerOutputs({
            primaryHost: this.primaryHost,
            readerHost: this.readerHost,
            port: this.port,
            sentinelPort: this.sentinelPort,
            sentinelMasterName: this.sentinelMasterName,
            namespace: this.namespace,
            userSecretNames: this.userSecretNames,
            authSecretName: this.authSecretName,
            caCertificate: this.caCertificate,
        });
    }
}

/** What the backup CronJob needs of the deployment: it copies the RDB from a replica (pod 1), or from the primary without replicas. */
function backupWiring(
    settings: KubernetesRedisSettings,
    pods: { labels: Record<string, string>; podLabels: Record<string, string>; password: pulumi.Output<string> },
): BackupResourceArgs {
    const { names, namespace, port } = settings;
    const backup = settings.backup!;
    return {
        base: settings.base,
        namespace,
        labels: pods.labels,
        redisPodLabels: pods.podLabels,
        redisImage: settings.image,
        storageSize: settings.storage.size,
        settings: backup,
        script: {
            s3: backup,
            prefix: backup.prefix,
            objectPrefix: settings.base,
            sourceHost:
                settings.replicas > 0
                    ? `${settings.base}-1.${names.headlessService}.${namespace}.svc.${settings.clusterDomain}`
                    : settings.primaryPodHost,
            port,
            clientCertificate: settings.tls.requireClientCertificates,
            pushgatewayUrl: backup.pushgatewayUrl,
            instance: `${namespace}.${settings.base}`,
        },
        tlsSecret: names.tlsSecret,
        clientTlsSecret: settings.tls.requireClientCertificates ? names.userTlsSecret(BACKUP_USER) : undefined,
        password: pods.password,
    };
}
