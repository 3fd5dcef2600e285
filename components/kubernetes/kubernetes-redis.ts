import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { isPrivileged, roleRules } from "../shared/access";
import { filesChecksum } from "./checksum";
import { generatePassword, publishCredentials } from "./credentials";
import { POD_FILES, commonLabels, selectorLabels, sentinelSelectorLabels } from "./layout";
import { AclUser, INTERNAL_USERS, INTERNAL_USER_NAMES, InternalUserName, renderAclFile } from "./render/acl";
import { clientIngressRule, dnsEgressRule, networkPolicySpec, replicationEgressRule, replicationIngressRule } from "./render/network-policy";
import { REDIS_PORT_NAME, dataVolumeClaim, redisAffinity, redisContainer, redisPodSpec, redisVolumes } from "./render/pod-spec";
import { MAXCLIENTS, renderRedisConf, renderReplicaConf, renderReplicationAuth } from "./render/redis-conf";
import { KUBERNETES_REDIS_TYPE, KubernetesRedisArgs, KubernetesRedisSettings, validateKubernetesRedisArgs } from "./settings";
import { createTls } from "./tls";
import { createBackup, backupPodLabels, objectStoreEgressRules, restoreInitContainers } from "./backup/resources";
import { BACKUP_USER } from "./backup/scripts";
import { exporterContainer } from "./monitoring/exporter";
import { createMonitoring } from "./monitoring/resources";
import { SENTINEL_ADMIN_RULES, SENTINEL_CLIENT_RULES, SENTINEL_MONITORING_RULES, SENTINEL_PEER_RULES, SENTINEL_USER, renderSentinelAuth, renderSentinelConf, renderSentinelMasterConf, renderSentinelRedisStartScript, renderSentinelStartScript, sentinelTopologies } from "./sentinel/render";
import { createSentinels } from "./sentinel/resources";
import { SENTINEL_COUNT } from "./sentinel/settings";

/** The readiness probe only reads INFO, so it runs as the monitoring user. */
const PROBE_USER: InternalUserName = "monitoring";
const REPLICATION_USER: InternalUserName = "replication";

/** Pod template annotations whose change rolls the pods, since Redis reads its files only at start. */
export const CHECKSUM_ANNOTATIONS = {
    config: "hardened-redis/config-sha256",
    auth: "hardened-redis/auth-sha256",
    tls: "hardened-redis/tls-sha256",
} as const;

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
        const { names, namespace, port } = settings;
        const labels = commonLabels(settings.base);
        const podLabels = selectorLabels(settings.base);
        const sentinelPodLabels = sentinelSelectorLabels(settings.base);
        const metadata = (objectName: string) => ({ name: objectName, namespace, labels });
        const opt = { parent: this };

        const sentinel = settings.sentinel;
        const activeInternalUsers = INTERNAL_USER_NAMES.filter((user) => (user !== BACKUP_USER || settings.backup) && (user !== SENTINEL_USER || sentinel));
        const internalPasswords = Object.fromEntries(activeInternalUsers.map((user) => [user, generatePassword(`${name}-${user}-password`, this)])) as Partial<Record<InternalUserName, pulumi.Output<string>>>;
        const applicationUsers = settings.users.map((user) => ({ user, password: generatePassword(`${name}-${user.name}-password`, this) }));
        const tls = createTls(name, { base: settings.base, namespace, clusterDomain: settings.clusterDomain, names, labels, issuer: settings.tls.issuer, sentinel: sentinel !== undefined }, this);

        const redisConf = renderRedisConf({
            port,
            maxmemoryBytes: settings.maxmemoryBytes,
            maxmemoryPolicy: settings.maxmemoryPolicy,
            ioThreads: settings.ioThreads,
            requireClientCertificates: settings.tls.requireClientCertificates,
            syslog: settings.logs.syslog,
            minReplicas: sentinel && { toWrite: sentinel.minReplicasToWrite, maxLag: sentinel.minReplicasMaxLag },
        });
        const sentinelConf = sentinel && { ...sentinel, masterName: settings.base, requireClientCertificates: settings.tls.requireClientCertificates };
        const configFiles: Record<string, string> = sentinelConf
            ? { [POD_FILES.redisConf]: redisConf, [POD_FILES.sentinelConf]: renderSentinelConf(sentinelConf), [POD_FILES.sentinelMasterConf]: renderSentinelMasterConf(sentinelConf) }
            : { [POD_FILES.redisConf]: redisConf, [POD_FILES.replicaConf]: renderReplicaConf(settings.primaryPodHost, port) };
        const topologies =
            sentinel &&
            sentinelTopologies({ ...names, masterName: settings.base, namespace, clusterDomain: settings.clusterDomain, podHosts: settings.podHosts, port, sentinelPort: sentinel.port, sentinelCount: SENTINEL_COUNT });
        const configMap = new k8s.core.v1.ConfigMap(`${name}-config`, { metadata: metadata(names.configMap), data: configFiles }, opt);
        const authFiles = renderAuthFiles(settings, internalPasswords, applicationUsers);
        const authSecret = new k8s.core.v1.Secret(`${name}-auth`, { metadata: metadata(names.authSecret), type: "Opaque", stringData: authFiles }, opt);

        const restoreRole = settings.backup?.restoreFrom ? settings.backup.credentials.roleArn : undefined;
        new k8s.core.v1.ServiceAccount(
            `${name}-service-account`,
            { metadata: { ...metadata(names.serviceAccount), ...(restoreRole ? { annotations: { "eks.amazonaws.com/role-arn": restoreRole } } : {}) }, automountServiceAccountToken: false },
            opt,
        );
        const backup = settings.backup
            ? createBackup(
                  name,
                  {
                      base: settings.base,
                      namespace,
                      labels,
                      redisPodLabels: podLabels,
                      redisImage: settings.image,
                      storageSize: settings.storage.size,
                      settings: settings.backup,
                      script: {
                          s3: settings.backup,
                          prefix: settings.backup.prefix,
                          objectPrefix: settings.base,
                          sourceHost: settings.replicas > 0 ? `${settings.base}-1.${names.headlessService}.${namespace}.svc.${settings.clusterDomain}` : settings.primaryPodHost,
                          port,
                          clientCertificate: settings.tls.requireClientCertificates,
                          pushgatewayUrl: settings.backup.pushgatewayUrl,
                          instance: `${namespace}.${settings.base}`,
                      },
                      tlsSecret: names.tlsSecret,
                      clientTlsSecret: settings.tls.requireClientCertificates ? names.userTlsSecret(BACKUP_USER) : undefined,
                      password: internalPasswords.backup!,
                  },
                  this,
              )
            : undefined;
        if (settings.backup && settings.tls.requireClientCertificates) tls.issueClientCertificate(BACKUP_USER, names.userTlsSecret(BACKUP_USER));
        const restore = settings.backup?.restoreFrom && backup ? restoreInitContainers(settings.backup, settings.image, backup.scriptsConfigMap) : undefined;
        const monitoring = settings.monitoring;
        const servicePorts = [{ name: REDIS_PORT_NAME, port, targetPort: REDIS_PORT_NAME, protocol: "TCP" }];
        const headless = new k8s.core.v1.Service(
            `${name}-headless`,
            // Not-ready addresses resolve too, so that replicas find a primary that is still loading.
            { metadata: metadata(names.headlessService), spec: { clusterIP: "None", publishNotReadyAddresses: true, selector: podLabels, ports: servicePorts } },
            opt,
        );
        if (!sentinel) {
            // Without Sentinel pod 0 is always the primary. With it any pod may be, and a Service that
            // follows the primary would need a controller with RBAC to relabel pods: clients ask the sentinels.
            const primaryPod = { ...podLabels, "statefulset.kubernetes.io/pod-name": `${names.statefulSet}-0` };
            new k8s.core.v1.Service(`${name}-primary`, { metadata: metadata(names.primaryService), spec: { type: "ClusterIP", selector: primaryPod, ports: servicePorts } }, opt);
        }
        new k8s.core.v1.Service(`${name}-read`, { metadata: metadata(names.readerService), spec: { type: "ClusterIP", selector: podLabels, ports: servicePorts } }, opt);

        const annotations: Record<string, pulumi.Input<string>> = {
            [CHECKSUM_ANNOTATIONS.config]: filesChecksum(configFiles),
            // A digest of hashes and passwords reveals neither; unsecret keeps the pod template readable.
            [CHECKSUM_ANNOTATIONS.auth]: pulumi.unsecret(authFiles.apply(filesChecksum)),
        };
        if (tls.serverCertificateChecksum) annotations[CHECKSUM_ANNOTATIONS.tls] = tls.serverCertificateChecksum;
        this.statefulSet = new k8s.apps.v1.StatefulSet(
            `${name}-statefulset`,
            {
                metadata: metadata(names.statefulSet),
                spec: {
                    serviceName: headless.metadata.name,
                    replicas: settings.replicas + 1,
                    podManagementPolicy: "OrderedReady",
                    updateStrategy: { type: "RollingUpdate" },
                    selector: { matchLabels: podLabels },
                    persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
                    template: {
                        metadata: { labels, annotations },
                        spec: redisPodSpec({
                            serviceAccountName: names.serviceAccount,
                            affinity: redisAffinity(podLabels, settings.zoneAntiAffinity),
                            initContainers: restore?.initContainers,
                            containers: [
                                redisContainer({ image: settings.image, port, resources: settings.resources, probeUser: PROBE_USER, startScript: topologies && renderSentinelRedisStartScript(topologies.redis) }),
                                ...(monitoring
                                    ? [exporterContainer({ image: monitoring.exporterImage, redisPort: port, metricsPort: monitoring.metricsPort, authSecret: names.authSecret, requireClientCertificates: settings.tls.requireClientCertificates })]
                                    : []),
                            ],
                            volumes: [...redisVolumes(names), ...(restore?.volumes ?? [])],
                        }),
                    },
                    volumeClaimTemplates: [dataVolumeClaim(settings.storage.size, settings.storage.storageClassName, labels)],
                },
            },
            // Pods start only once what they mount exists.
            { parent: this, dependsOn: [configMap, authSecret, tls.serverTls] },
        );
        new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, { metadata: metadata(names.podDisruptionBudget), spec: { maxUnavailable: 1, selector: { matchLabels: podLabels } } }, opt);
        new k8s.networking.v1.NetworkPolicy(
            `${name}-network-policy`,
            {
                metadata: metadata(names.networkPolicy),
                spec: networkPolicySpec(
                    podLabels,
                    [
                        clientIngressRule(settings.allowedClients, port),
                        replicationIngressRule(podLabels, port),
                        ...(sentinel ? [replicationIngressRule(sentinelPodLabels, port)] : []),
                        ...(monitoring ? [{ from: monitoring.scrapers.map((client) => ({ ...client })), ports: [{ protocol: "TCP", port: monitoring.metricsPort }] }] : []),
                        ...(settings.backup ? [replicationIngressRule(backupPodLabels(settings.base), port)] : []),
                    ],
                    [dnsEgressRule(), replicationEgressRule(podLabels, port), ...(sentinel ? [replicationEgressRule(sentinelPodLabels, sentinel.port)] : []), ...(restore && settings.backup ? objectStoreEgressRules(settings.backup, false) : [])],
                ),
            },
            opt,
        );

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
                    configFiles: { [POD_FILES.sentinelConf]: configFiles[POD_FILES.sentinelConf], [POD_FILES.sentinelMasterConf]: configFiles[POD_FILES.sentinelMasterConf] },
                    authFiles: renderSentinelAuthFiles(settings, internalPasswords, applicationUsers),
                    tlsChecksum: tls.serverCertificateChecksum,
                    monitoring: monitoring && { exporterImage: monitoring.exporterImage, metricsPort: monitoring.metricsPort, scrapers: monitoring.scrapers, requireClientCertificates: settings.tls.requireClientCertificates },
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
                    rules: { replicas: settings.replicas, sentinelMetricsService: sentinel && names.sentinelMetricsService, maxclients: MAXCLIENTS, backup: settings.backup ? { instance: `${namespace}.${settings.base}`, rpoMinutes: settings.backup.rpoMinutes } : undefined },
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
            publishCredentials(`${name}-${user.name}-credentials`, names.userSecret(user.name), user.name, password, credentials, this);
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

/** The Secret's files: the ACL file, the replicas' credentials include and the probe's password. */
function renderAuthFiles(
    settings: KubernetesRedisSettings,
    internalPasswords: Partial<Record<InternalUserName, pulumi.Output<string>>>,
    applicationUsers: { user: KubernetesRedisSettings["users"][number]; password: pulumi.Output<string> }[],
): pulumi.Output<Record<string, string>> {
    const passwords = pulumi.all([pulumi.all(internalPasswords), pulumi.all(applicationUsers.map((u) => u.password))]);
    return pulumi.secret(
        passwords.apply(([internal, application]): Record<string, string> => {
            const aclUsers: AclUser[] = [
                ...(Object.keys(internal) as InternalUserName[]).map((user) => ({ name: user, rules: INTERNAL_USERS[user], password: internal[user] })),
                ...settings.users.map((user, i) => ({ name: user.name, rules: roleRules(user.role, user.keyPatterns), password: application[i] })),
            ];
            return {
                [POD_FILES.acl]: renderAclFile(aclUsers),
                [POD_FILES.replicationAuth]: renderReplicationAuth(REPLICATION_USER, internal[REPLICATION_USER]),
                [POD_FILES.monitoringPassword]: internal[PROBE_USER],
                ...(internal[SENTINEL_USER] ? { [POD_FILES.sentinelPassword]: internal[SENTINEL_USER] } : {}),
            };
        }),
    );
}

/**
 * The sentinel Secret's files. On the sentinels every application user may ask where the primary
 * is, with its own password; admins may also fail over by hand; the monitoring user reads INFO.
 */
function renderSentinelAuthFiles(
    settings: KubernetesRedisSettings,
    internalPasswords: Partial<Record<InternalUserName, pulumi.Output<string>>>,
    applicationUsers: { user: KubernetesRedisSettings["users"][number]; password: pulumi.Output<string> }[],
): pulumi.Output<Record<string, string>> {
    const passwords = pulumi.all([internalPasswords[SENTINEL_USER]!, internalPasswords[PROBE_USER]!, pulumi.all(applicationUsers.map((u) => u.password))]);
    return pulumi.secret(
        passwords.apply(([sentinelPassword, monitoringPassword, application]): Record<string, string> => {
            const users: AclUser[] = [
                { name: SENTINEL_USER, rules: SENTINEL_PEER_RULES, password: sentinelPassword },
                { name: PROBE_USER, rules: SENTINEL_MONITORING_RULES, password: monitoringPassword },
                ...settings.users.map((user, i) => ({ name: user.name, rules: isPrivileged(user.role) ? SENTINEL_ADMIN_RULES : SENTINEL_CLIENT_RULES, password: application[i] })),
            ];
            return {
                [POD_FILES.sentinelAuth]: renderSentinelAuth(settings.base, sentinelPassword, users),
                [POD_FILES.sentinelPassword]: sentinelPassword,
                [POD_FILES.monitoringPassword]: monitoringPassword,
            };
        }),
    );
}
