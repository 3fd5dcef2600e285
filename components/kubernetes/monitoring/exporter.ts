import * as k8s from "@pulumi/kubernetes";
import { POD_FILES, POD_PATHS } from "../pod-files";
import { TLS_VOLUME, containerSecurityContext } from "../render/pod-spec";

export const METRICS_PORT_NAME = "metrics";
export const EXPORTER_USER = "monitoring";

export interface ExporterOptions {
    image: string;
    redisPort: number;
    metricsPort: number;
    authSecret: string;
    requireClientCertificates: boolean;
}

/** The exporter's flags: Redis over TLS on loopback as the monitoring user, no CONFIG (it would reveal masterauth). */
export function exporterArgs(options: Pick<ExporterOptions, "redisPort" | "metricsPort" | "requireClientCertificates">): string[] {
    const tls = (file: string) => `${POD_PATHS.tls}/${file}`;
    return [
        `--redis.addr=rediss://127.0.0.1:${options.redisPort}`,
        `--redis.user=${EXPORTER_USER}`,
        `--tls-ca-cert-file=${tls(POD_FILES.ca)}`,
        ...(options.requireClientCertificates
            ? [`--tls-client-cert-file=${tls(POD_FILES.certificate)}`, `--tls-client-key-file=${tls(POD_FILES.privateKey)}`]
            : []),
        "--config-command=-",
        "--include-system-metrics=false",
        `--web.listen-address=:${options.metricsPort}`,
    ];
}

/** The redis_exporter sidecar; its password comes from the auth Secret as an environment reference. */
export function exporterContainer(options: ExporterOptions): k8s.types.input.core.v1.Container {
    return {
        name: "exporter",
        image: options.image,
        imagePullPolicy: "IfNotPresent",
        args: exporterArgs(options),
        env: [{ name: "REDIS_PASSWORD", valueFrom: { secretKeyRef: { name: options.authSecret, key: POD_FILES.monitoringPassword } } }],
        ports: [{ name: METRICS_PORT_NAME, containerPort: options.metricsPort, protocol: "TCP" }],
        resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "200m", memory: "128Mi" } },
        securityContext: containerSecurityContext(),
        volumeMounts: [{ name: TLS_VOLUME, mountPath: POD_PATHS.tls, readOnly: true }],
        livenessProbe: { httpGet: { path: "/health", port: METRICS_PORT_NAME }, periodSeconds: 30, timeoutSeconds: 5 },
    };
}
