import * as k8s from "@pulumi/kubernetes";
import { POD_FILES, POD_PATHS, REDIS_UID } from "../pod-files";

type Container = k8s.types.input.core.v1.Container;
type Volume = k8s.types.input.core.v1.Volume;
type PodSpec = k8s.types.input.core.v1.PodSpec;

export const REDIS_PORT_NAME = "redis-tls";
export const DATA_VOLUME = "data";
const CONFIG_VOLUME = "config";
const AUTH_VOLUME = "auth";
export const TLS_VOLUME = "tls";
/** Read-only to the owner and the pod's group, which Redis runs in. */
const SECRET_FILE_MODE = 0o440;
const CONFIG_FILE_MODE = 0o444;

/** Picks the pod's role from its StatefulSet ordinal: the first pod is the primary, every other one a replica. */
export function renderStartScript(): string {
    return [
        "set -eu",
        'case "${HOSTNAME##*-}" in',
        `  0) conf=${POD_FILES.redisConf} ;;`,
        `  *) conf=${POD_FILES.replicaConf} ;;`,
        "esac",
        // Valkey images name the binaries valkey-*, some without redis-* links.
        'server="$(command -v redis-server || command -v valkey-server)"',
        `exec "$server" "${POD_PATHS.config}/$conf"`,
    ].join("\n");
}

/**
 * Ready once the data set is loaded and, on a replica, the link to the primary is up. It reads the
 * monitoring user's password from its file into REDISCLI_AUTH, so no secret is on a command line.
 */
export function renderReadinessScript(port: number, user: string): string {
    const tls = (file: string) => `${POD_PATHS.tls}/${file}`;
    return [
        "set -eu",
        `REDISCLI_AUTH="$(cat ${POD_PATHS.auth}/${POD_FILES.monitoringPassword})"`,
        'VALKEYCLI_AUTH="$REDISCLI_AUTH"',
        "export REDISCLI_AUTH VALKEYCLI_AUTH",
        'cli="$(command -v redis-cli || command -v valkey-cli)"',
        `info="$("$cli" --tls --cacert ${tls(POD_FILES.ca)} --cert ${tls(POD_FILES.certificate)} --key ${tls(POD_FILES.privateKey)} -h 127.0.0.1 -p ${port} --user ${user} --no-auth-warning INFO)"`,
        `printf '%s\\n' "$info" | grep -q '^loading:0'`,
        `if printf '%s\\n' "$info" | grep -qE '^role:(slave|replica)'; then printf '%s\\n' "$info" | grep -q '^master_link_status:up'; fi`,
    ].join("\n");
}

/** The Pod Security Standards `restricted` profile, at pod level. */
export function podSecurityContext(): k8s.types.input.core.v1.PodSecurityContext {
    return {
        runAsNonRoot: true,
        runAsUser: REDIS_UID,
        runAsGroup: REDIS_UID,
        fsGroup: REDIS_UID,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** The `restricted` profile at container level, plus a read-only root filesystem. */
export function containerSecurityContext(): k8s.types.input.core.v1.SecurityContext {
    return {
        runAsNonRoot: true,
        runAsUser: REDIS_UID,
        runAsGroup: REDIS_UID,
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}

export interface RedisContainerOptions {
    image: string;
    port: number;
    resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
    /** The internal user the readiness probe authenticates as. */
    probeUser: string;
    /** The shell that starts Redis. Default: the role from the StatefulSet ordinal (`renderStartScript`). */
    startScript?: string;
}

/** The Redis container: config, credentials and certificates mounted read-only, data on the volume. */
export function redisContainer(options: RedisContainerOptions): Container {
    return {
        name: "redis",
        image: options.image,
        imagePullPolicy: "IfNotPresent",
        command: ["sh", "-c", options.startScript ?? renderStartScript()],
        ports: [{ name: REDIS_PORT_NAME, containerPort: options.port, protocol: "TCP" }],
        resources: { requests: { ...options.resources.requests }, limits: { ...options.resources.limits } },
        securityContext: containerSecurityContext(),
        volumeMounts: [
            { name: DATA_VOLUME, mountPath: POD_PATHS.data },
            { name: CONFIG_VOLUME, mountPath: POD_PATHS.config, readOnly: true },
            { name: AUTH_VOLUME, mountPath: POD_PATHS.auth, readOnly: true },
            { name: TLS_VOLUME, mountPath: POD_PATHS.tls, readOnly: true },
        ],
        // A TCP check: it passes while a large AOF loads, when commands are still refused.
        livenessProbe: {
            tcpSocket: { port: REDIS_PORT_NAME },
            initialDelaySeconds: 15,
            periodSeconds: 10,
            timeoutSeconds: 5,
            failureThreshold: 6,
        },
        readinessProbe: {
            exec: { command: ["sh", "-c", renderReadinessScript(options.port, options.probeUser)] },
            initialDelaySeconds: 5,
            periodSeconds: 5,
            timeoutSeconds: 5,
            failureThreshold: 3,
        },
    };
}

/** The read-only volumes: redis.conf from the ConfigMap, credentials and certificates from Secrets. */
export function redisVolumes(names: { configMap: string; authSecret: string; tlsSecret: string }): Volume[] {
    return [
        { name: CONFIG_VOLUME, configMap: { name: names.configMap, defaultMode: CONFIG_FILE_MODE } },
        { name: AUTH_VOLUME, secret: { secretName: names.authSecret, defaultMode: SECRET_FILE_MODE } },
        { name: TLS_VOLUME, secret: { secretName: names.tlsSecret, defaultMode: SECRET_FILE_MODE } },
    ];
}

/** Never two Redis pods on one node; across zones as preferred or required. */
export function redisAffinity(podLabels: Record<string, string>, zones: "preferred" | "required"): k8s.types.input.core.v1.Affinity {
    const term = (topologyKey: string) => ({ labelSelector: { matchLabels: podLabels }, topologyKey });
    const zoneTerm = term("topology.kubernetes.io/zone");
    return {
        podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [term("kubernetes.io/hostname"), ...(zones === "required" ? [zoneTerm] : [])],
            preferredDuringSchedulingIgnoredDuringExecution: zones === "preferred" ? [{ weight: 100, podAffinityTerm: zoneTerm }] : [],
        },
    };
}

export interface PodSpecOptions {
    serviceAccountName: string;
    affinity: k8s.types.input.core.v1.Affinity;
    /** Run before Redis, such as a restore; none by default. */
    initContainers?: Container[];
    containers: Container[];
    volumes: Volume[];
}

/** The pod: restricted security context, no service account token, no service environment variables. */
export function redisPodSpec(options: PodSpecOptions): PodSpec {
    return {
        serviceAccountName: options.serviceAccountName,
        automountServiceAccountToken: false,
        enableServiceLinks: false,
        securityContext: podSecurityContext(),
        affinity: options.affinity,
        // Room for the final AOF fsync and shutdown-timeout's wait for replicas.
        terminationGracePeriodSeconds: 60,
        ...(options.initContainers ? { initContainers: options.initContainers } : {}),
        containers: options.containers,
        volumes: options.volumes,
    };
}

/** The persistent volume claim of each pod. */
export function dataVolumeClaim(
    size: string,
    storageClassName: string | undefined,
    labels: Record<string, string>,
): k8s.types.input.core.v1.PersistentVolumeClaim {
    return {
        metadata: { name: DATA_VOLUME, labels },
        spec: { accessModes: ["ReadWriteOnce"], storageClassName, resources: { requests: { storage: size } } },
    };
}
