import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { backupPodLabels, objectStoreEgressRules } from "./backup/resources";
import {
    clientIngressRule,
    dnsEgressRule,
    networkPolicySpec,
    replicationEgressRule,
    replicationIngressRule,
} from "./render/network-policy";
import { KubernetesRedisSettings } from "./kubernetes-redis-settings";

export interface RedisNetworkPolicyResourceArgs {
    settings: KubernetesRedisSettings;
    metadata: (objectName: string) => k8s.types.input.meta.v1.ObjectMeta;
    podLabels: Record<string, string>;
    sentinelPodLabels: Record<string, string>;
    /** The Redis pods reach the object store at start, to restore a backup. */
    restoring: boolean;
}

/**
 * The Redis pods' NetworkPolicy, default deny: in, the named clients, the other Redis pods, the sentinels,
 * the scrapers and the backup job, each on its port; out, DNS, the other Redis pods, the sentinels, and
 * the object store while restoring.
 */
export function createRedisNetworkPolicy(
    name: string,
    args: RedisNetworkPolicyResourceArgs,
    parent: pulumi.Resource,
): k8s.networking.v1.NetworkPolicy {
    const { settings, podLabels, sentinelPodLabels } = args;
    const { port, sentinel, monitoring, backup } = settings;
    const ingress = [
        clientIngressRule(settings.allowedClients, port),
        replicationIngressRule(podLabels, port),
        ...(sentinel ? [replicationIngressRule(sentinelPodLabels, port)] : []),
        ...(monitoring
            ? [{ from: monitoring.scrapers.map((client) => ({ ...client })), ports: [{ protocol: "TCP", port: monitoring.metricsPort }] }]
            : []),
        ...(backup ? [replicationIngressRule(backupPodLabels(settings.base), port)] : []),
    ];
    const egress = [
        dnsEgressRule(),
        replicationEgressRule(podLabels, port),
        ...(sentinel ? [replicationEgressRule(sentinelPodLabels, sentinel.port)] : []),
        ...(args.restoring && backup ? objectStoreEgressRules(backup, false) : []),
    ];
    return new k8s.networking.v1.NetworkPolicy(
        `${name}-network-policy`,
        { metadata: args.metadata(settings.names.networkPolicy), spec: networkPolicySpec(podLabels, ingress, egress) },
        { parent },
    );
}
