import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { CronJob } from "kubernetes-models/batch/v1/CronJob";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { RecordedResource, isSecretValue, unwrapSecret } from "../support/harness";

/** The Pulumi type tokens of every object KubernetesRedis may create. */
export const KINDS = {
    configMap: "kubernetes:core/v1:ConfigMap",
    secret: "kubernetes:core/v1:Secret",
    service: "kubernetes:core/v1:Service",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    statefulSet: "kubernetes:apps/v1:StatefulSet",
    cronJob: "kubernetes:batch/v1:CronJob",
    pdb: "kubernetes:policy/v1:PodDisruptionBudget",
    networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
    certificate: "kubernetes:cert-manager.io/v1:Certificate",
    serviceMonitor: "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
    prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
    password: "random:index/randomPassword:RandomPassword",
} as const;

/** The Kubernetes API schema of each kind. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
    [KINDS.configMap]: ConfigMap,
    [KINDS.secret]: Secret,
    [KINDS.service]: Service,
    [KINDS.serviceAccount]: ServiceAccount,
    [KINDS.statefulSet]: StatefulSet,
    [KINDS.cronJob]: CronJob,
    [KINDS.pdb]: PodDisruptionBudget,
    [KINDS.networkPolicy]: NetworkPolicy,
    [KINDS.certificate]: Certificate,
    [KINDS.serviceMonitor]: ServiceMonitor,
    [KINDS.prometheusRule]: PrometheusRule,
};

/** The object as the API server would receive it: secrets opened, values the mocks leave unknown dropped. */
export function manifest(value: unknown): any {
    if (isSecretValue(value)) return manifest(unwrapSecret(value));
    if (Array.isArray(value)) return value.map(manifest);
    if (value && typeof value === "object") {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined && v !== null)
                .map(([k, v]) => [k, manifest(v)]),
        );
    }
    return value;
}

/** Every Kubernetes object that does not validate against its API schema, or has no schema here. */
export function schemaErrors(resources: RecordedResource[]): string[] {
    return resources
        .filter((r) => r.type.startsWith("kubernetes:"))
        .flatMap((r) => {
            const Model = MODELS[r.type];
            if (!Model) return [`${r.type} ${r.name}: no schema to validate against`];
            try {
                new Model(manifest(r.inputs)).validate();
                return [];
            } catch (error) {
                return [`${r.type} ${r.name}: ${(error as Error).message}`];
            }
        });
}
