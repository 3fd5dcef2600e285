import { EVICTION_POLICIES, EvictionPolicy } from "../shared/eviction";
import { RedisUserArgs, validateUsersArgs } from "../shared/users";
import { ArgChecker, argNames } from "../shared/validation";
import { objectNames } from "./object-names";
import { CPU_DESCRIPTION, MEMORY_DESCRIPTION, cpuMillicores, memoryBytes } from "./quantity";
import { INTERNAL_USER_NAMES } from "./render/acl";
import { AllowedClient, validateAllowedClientsArgs } from "./selectors";
import { KubernetesRedisBackupArgs, validateBackupArgs } from "./backup/settings";
import { KubernetesRedisSentinelArgs, validateSentinelArgs } from "./sentinel/settings";
import { KubernetesRedisLogArgs, KubernetesRedisMonitoringArgs, validateLogArgs, validateMonitoringArgs } from "./monitoring/settings";

export const KUBERNETES_REDIS_TYPE = "hardened-redis:index:KubernetesRedis";

export const MAX_REPLICAS = 8;
/** How strictly the Redis pods spread across zones (the schema enum `ZoneAntiAffinity`). */
export const ZoneAntiAffinity = {
    preferred: "preferred",
    required: "required",
} as const;
/** One of the ways the Redis pods spread across zones. */
export type ZoneAntiAffinity = (typeof ZoneAntiAffinity)[keyof typeof ZoneAntiAffinity];

export const ZONE_ANTI_AFFINITY: readonly ZoneAntiAffinity[] = Object.values(ZoneAntiAffinity);
/** The kinds of cert-manager issuer (the schema enum `IssuerKind`). */
export const IssuerKind = {
    Issuer: "Issuer",
    ClusterIssuer: "ClusterIssuer",
} as const;
/** One of the kinds of cert-manager issuer. */
export type IssuerKind = (typeof IssuerKind)[keyof typeof IssuerKind];

export const ISSUER_KINDS: readonly IssuerKind[] = Object.values(IssuerKind);

/** The smallest memory limit that leaves room for Redis, a fork for AOF rewrites and client buffers. */
const MIN_MEMORY_LIMIT = 256 * 2 ** 20;
const DNS_LABEL = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const IMAGE_REPOSITORY = /^([a-z0-9.-]+(:[0-9]+)?\/)?[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const IMAGE_TAG = /^(\d+)\.\d+\.\d+([.-][A-Za-z0-9][A-Za-z0-9.-]*)?$/;
const IMAGE_DIGEST = /^sha256:[a-f0-9]{64}$/;

export const KUBERNETES_REDIS_DEFAULTS = {
    replicas: 2,
    port: 6379,
    image: { repository: "redis", tag: "7.2.11" },
    storage: { size: "10Gi" },
    resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } },
    maxmemoryPercent: 70,
    maxmemoryPolicy: "volatile-lru",
    ioThreads: 1,
    zoneAntiAffinity: "preferred",
    clusterDomain: "cluster.local",
    users: [{ name: "app", role: "readwrite" }] as RedisUserArgs[],
} as const;

/** The Redis container image. Official `redis` or `valkey/valkey`, pinned to a full version. */
export interface RedisImageArgs {
    /** Repository, default `redis` (Docker Official Image). `valkey/valkey` also works. */
    repository?: string;
    /** A full version tag such as `7.2.11` or `8.1.4-bookworm`, major 7 or later. Default `7.2.11`. */
    tag?: string;
    /** Optional `sha256:` digest; the image is then pulled by digest and the tag is documentation. */
    digest?: string;
}

/** A cert-manager issuer that signs the server (and client) certificates. */
export interface CertManagerIssuerArgs {
    /** The issuer's name. */
    name: string;
    /** `Issuer` (default, in the Redis namespace) or `ClusterIssuer`. */
    kind?: IssuerKind;
    /** The issuer's API group. Default `cert-manager.io`. */
    group?: string;
}

export interface KubernetesRedisTlsArgs {
    /** Sign certificates with this cert-manager issuer. By default a CA and certificates are generated with `@pulumi/tls`. */
    certManagerIssuer?: CertManagerIssuerArgs;
    /** Require client certificates signed by the CA (mTLS); each user gets one in its own TLS Secret. Default false. */
    requireClientCertificates?: boolean;
}

/** Container requests and limits of Redis. */
export interface KubernetesResourceArgs {
    /** CPU and memory reserved for Redis. Default `500m` and `1Gi`. */
    requests?: ResourceQuantitiesArgs;
    /** CPU and memory Redis may use; `maxmemory` derives from the memory limit. Default `1` and `1Gi`. */
    limits?: ResourceQuantitiesArgs;
}

/** A CPU and memory amount, as Kubernetes quantities. */
export interface ResourceQuantitiesArgs {
    /** CPU, in cores (`1`, `0.5`) or millicores (`500m`). */
    cpu?: string;
    /** Memory, in bytes with a binary or decimal suffix (`1Gi`, `512Mi`, `1G`). */
    memory?: string;
}

/** The persistent volume of each Redis pod. */
export interface StorageArgs {
    /** Size, default `10Gi`. */
    size?: string;
    /** Storage class; the cluster default when unset. */
    storageClassName?: string;
}

export interface KubernetesRedisArgs {
    /** The existing namespace of every object. Label it for the Pod Security Standards `restricted` profile. */
    namespace: string;
    /** Pods and namespaces that may connect on the Redis port. At least one; empty selectors are refused. */
    allowedClients: AllowedClient[];
    /** Application users. Default: one `app` user with the `readwrite` role. `replication` and `monitoring` are reserved. */
    users?: RedisUserArgs[];
    /** Replicas besides the primary, 0 to 8. Default 2. */
    replicas?: number;
    /** The TLS port. There is no plaintext port. Default 6379. */
    port?: number;
    /** The container image, pinned. Default `redis:7.2.11`. */
    image?: RedisImageArgs;
    /** The persistent volume of each pod. */
    storage?: StorageArgs;
    /** Container requests and limits. */
    resources?: KubernetesResourceArgs;
    /** `maxmemory` as a percentage of the memory limit, 10 to 90, leaving room for forks and buffers. Default 70. */
    maxmemoryPercent?: number;
    /** The eviction policy. Default `volatile-lru`. */
    maxmemoryPolicy?: EvictionPolicy;
    /** Redis I/O threads, 1 to 8, at most the CPU limit in whole cores. Default 1: more only pays from about 4 cores. */
    ioThreads?: number;
    /** TLS options. TLS itself is always on. */
    tls?: KubernetesRedisTlsArgs;
    /** Pods always go to different nodes; across zones `preferred` (default) or `required`. */
    zoneAntiAffinity?: ZoneAntiAffinity;
    /** The cluster's DNS domain, for certificate names and the replicas' primary address. Default `cluster.local`. */
    clusterDomain?: string;
    /** The name of the Kubernetes objects, 1 to 40 characters. Defaults to the component name. */
    objectName?: string;
    /** Prometheus monitoring (exporter sidecar, ServiceMonitor, PrometheusRule, dashboard); on when given, `{}` for the defaults. */
    monitoring?: KubernetesRedisMonitoringArgs;
    /** Scheduled S3 backups and restore; on when given. */
    backup?: KubernetesRedisBackupArgs;
    /** Logs always go to stdout; this adds syslog. */
    logs?: KubernetesRedisLogArgs;
    /** Redis Sentinel for automatic failover; on by default with 1 or more replicas. */
    sentinel?: KubernetesRedisSentinelArgs;
}

/** Every argument name of `KubernetesRedisArgs`; any other name is refused as a likely typo. */
export const KUBERNETES_REDIS_ARG_NAMES = argNames<KubernetesRedisArgs>()([
    "namespace",
    "allowedClients",
    "users",
    "replicas",
    "port",
    "image",
    "storage",
    "resources",
    "maxmemoryPercent",
    "maxmemoryPolicy",
    "ioThreads",
    "tls",
    "zoneAntiAffinity",
    "clusterDomain",
    "objectName",
    "monitoring",
    "backup",
    "logs",
    "sentinel",
]);
const IMAGE_ARG_NAMES = argNames<RedisImageArgs>()(["repository", "tag", "digest"]);
const STORAGE_ARG_NAMES = argNames<NonNullable<KubernetesRedisArgs["storage"]>>()(["size", "storageClassName"]);
const RESOURCES_ARG_NAMES = argNames<KubernetesResourceArgs>()(["requests", "limits"]);
const QUANTITIES_ARG_NAMES = argNames<NonNullable<KubernetesResourceArgs["requests"]> & NonNullable<KubernetesResourceArgs["limits"]>>()([
    "cpu",
    "memory",
]);
const TLS_ARG_NAMES = argNames<KubernetesRedisTlsArgs>()(["certManagerIssuer", "requireClientCertificates"]);
const ISSUER_ARG_NAMES = argNames<CertManagerIssuerArgs>()(["name", "kind", "group"]);

/** Checks a nested argument object that may be left out. */
function optionalObject<T>(check: ArgChecker, arg: string, value: T | undefined, names: readonly string[]): T | undefined {
    return value === undefined ? undefined : check.object(arg, value, names);
}

/** Checks every argument and applies the defaults, in one place, before any resource exists. */
export function validateKubernetesRedisArgs(name: string, args: KubernetesRedisArgs) {
    const check: ArgChecker = new ArgChecker("KubernetesRedis", name);
    const d = KUBERNETES_REDIS_DEFAULTS;
    check.args(args, KUBERNETES_REDIS_ARG_NAMES, "an object with namespace and allowedClients");
    optionalObject(check, "storage", args.storage, STORAGE_ARG_NAMES);
    optionalObject(check, "tls", args.tls, TLS_ARG_NAMES);
    optionalObject(check, "tls.certManagerIssuer", args.tls?.certManagerIssuer, ISSUER_ARG_NAMES);
    optionalObject(check, "image", args.image, IMAGE_ARG_NAMES);
    optionalObject(check, "resources", args.resources, RESOURCES_ARG_NAMES);
    optionalObject(check, "resources.requests", args.resources?.requests, QUANTITIES_ARG_NAMES);
    optionalObject(check, "resources.limits", args.resources?.limits, QUANTITIES_ARG_NAMES);
    const base = check.matches(
        args.objectName ? "objectName" : "name (the default objectName)",
        args.objectName ?? name,
        DNS_LABEL,
        "1 to 40 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen",
    );
    const namespace = check.matches(
        "namespace",
        args.namespace,
        NAMESPACE,
        "an existing namespace name: up to 63 lowercase letters, digits and hyphens",
    );
    const clusterDomain = check.matches(
        "clusterDomain",
        args.clusterDomain ?? d.clusterDomain,
        DNS_SUBDOMAIN,
        'a DNS domain such as "cluster.local"',
    );
    const resources = validateResources(check, args.resources);
    const ioThreads = check.integerInRange("ioThreads", args.ioThreads ?? d.ioThreads, 1, 8);
    if (ioThreads > Math.max(1, Math.floor(resources.cpuLimitMillicores / 1000))) {
        check.fail("ioThreads", `is ${ioThreads} with a CPU limit of ${resources.limits.cpu}`, "at most the CPU limit in whole cores");
    }
    const maxmemoryPercent = check.integerInRange("maxmemoryPercent", args.maxmemoryPercent ?? d.maxmemoryPercent, 10, 90);
    const names = objectNames(base);
    const monitoring = validateMonitoringArgs(check, args.monitoring);
    const replicas = check.integerInRange("replicas", args.replicas ?? d.replicas, 0, MAX_REPLICAS);
    const port = check.integerInRange("port", args.port ?? d.port, 1024, 65535);
    const sentinel = validateSentinelArgs(check, args.sentinel, replicas, port);
    const headlessHost = (pod: string) => `${pod}.${names.headlessService}.${namespace}.svc.${clusterDomain}`;
    return {
        monitoring,
        backup: validateBackupArgs(check, args.backup, `${namespace}/${base}`, monitoring !== undefined),
        logs: validateLogArgs(check, args.logs),
        base,
        names,
        namespace,
        clusterDomain,
        sentinel,
        /** Without Sentinel the primary's Service; with Sentinel the sentinels' Service, which clients ask for the primary. */
        primaryHost: `${sentinel ? names.sentinelService : names.primaryService}.${namespace}.svc.${clusterDomain}`,
        readerHost: `${names.readerService}.${namespace}.svc.${clusterDomain}`,
        /** The first pod's stable address, which the replicas follow. */
        primaryPodHost: headlessHost(`${base}-0`),
        /** Every Redis pod's stable address, by StatefulSet ordinal. */
        podHosts: Array.from({ length: replicas + 1 }, (_, i) => headlessHost(`${base}-${i}`)),
        users: validateUsersArgs(check, args.users ?? d.users, INTERNAL_USER_NAMES),
        replicas,
        port,
        image: imageReference(check, args.image),
        allowedClients: validateAllowedClientsArgs(check, args.allowedClients),
        storage: {
            size: quantity(check, "storage.size", args.storage?.size ?? d.storage.size, memoryBytes, MEMORY_DESCRIPTION),
            storageClassName:
                args.storage?.storageClassName === undefined
                    ? undefined
                    : check.matches("storage.storageClassName", args.storage.storageClassName, DNS_SUBDOMAIN, "a storage class name"),
        },
        resources,
        maxmemoryBytes: Math.floor((resources.memoryLimitBytes * maxmemoryPercent) / 100),
        maxmemoryPolicy: check.oneOf("maxmemoryPolicy", args.maxmemoryPolicy ?? d.maxmemoryPolicy, EVICTION_POLICIES),
        ioThreads,
        zoneAntiAffinity: check.oneOf("zoneAntiAffinity", args.zoneAntiAffinity ?? d.zoneAntiAffinity, ZONE_ANTI_AFFINITY),
        tls: {
            issuer: validateIssuer(check, args.tls?.certManagerIssuer),
            requireClientCertificates: check.boolean("tls.requireClientCertificates", args.tls?.requireClientCertificates ?? false),
        },
    };
}

export type KubernetesRedisSettings = ReturnType<typeof validateKubernetesRedisArgs>;

function quantity(check: ArgChecker, arg: string, value: string, parse: (q: string) => number | undefined, allowed: string): string {
    if (parse(value) === undefined) check.fail(arg, `is "${value}"`, allowed);
    return value;
}

function validateResources(check: ArgChecker, args: KubernetesResourceArgs | undefined) {
    const d = KUBERNETES_REDIS_DEFAULTS.resources;
    const requests = { cpu: args?.requests?.cpu ?? d.requests.cpu, memory: args?.requests?.memory ?? d.requests.memory };
    const limits = { cpu: args?.limits?.cpu ?? d.limits.cpu, memory: args?.limits?.memory ?? d.limits.memory };
    const cpu = (arg: string, value: string) => cpuMillicores(quantity(check, arg, value, cpuMillicores, CPU_DESCRIPTION))!;
    const memory = (arg: string, value: string) => memoryBytes(quantity(check, arg, value, memoryBytes, MEMORY_DESCRIPTION))!;
    const cpuLimitMillicores = cpu("resources.limits.cpu", limits.cpu);
    const memoryLimitBytes = memory("resources.limits.memory", limits.memory);
    if (cpu("resources.requests.cpu", requests.cpu) > cpuLimitMillicores) {
        check.fail("resources.requests.cpu", `"${requests.cpu}" exceeds the limit "${limits.cpu}"`, "a request no larger than the limit");
    }
    if (memory("resources.requests.memory", requests.memory) > memoryLimitBytes) {
        check.fail(
            "resources.requests.memory",
            `"${requests.memory}" exceeds the limit "${limits.memory}"`,
            "a request no larger than the limit",
        );
    }
    if (memoryLimitBytes < MIN_MEMORY_LIMIT) {
        check.fail("resources.limits.memory", `is "${limits.memory}"`, "256Mi or more");
    }
    return { requests, limits, cpuLimitMillicores, memoryLimitBytes };
}

function imageReference(check: ArgChecker, image: RedisImageArgs | undefined): string {
    const d = KUBERNETES_REDIS_DEFAULTS.image;
    const repository = check.matches(
        "image.repository",
        image?.repository ?? d.repository,
        IMAGE_REPOSITORY,
        'an image repository such as "redis" or "valkey/valkey"',
    );
    const tag = check.matches(
        "image.tag",
        image?.tag ?? d.tag,
        IMAGE_TAG,
        'a full version tag such as "7.2.11" or "8.1.4-alpine"; floating tags like "latest" or "7" are refused',
    );
    if (Number(IMAGE_TAG.exec(tag)![1]) < 7) {
        check.fail(
            "image.tag",
            `is "${tag}", older than version 7`,
            "version 7 or later, for ACL files, TLS and the protected-command switches",
        );
    }
    const digest =
        image?.digest === undefined
            ? ""
            : `@${check.matches("image.digest", image.digest, IMAGE_DIGEST, 'a digest such as "sha256:" followed by 64 hex digits')}`;
    return `${repository}:${tag}${digest}`;
}

function validateIssuer(check: ArgChecker, issuer: CertManagerIssuerArgs | undefined) {
    if (!issuer) return undefined;
    return {
        name: check.matches("tls.certManagerIssuer.name", issuer.name, DNS_SUBDOMAIN, "the name of a cert-manager Issuer or ClusterIssuer"),
        kind: check.oneOf("tls.certManagerIssuer.kind", issuer.kind ?? "Issuer", ISSUER_KINDS),
        group: check.matches(
            "tls.certManagerIssuer.group",
            issuer.group ?? "cert-manager.io",
            DNS_SUBDOMAIN,
            'an API group such as "cert-manager.io"',
        ),
    };
}
