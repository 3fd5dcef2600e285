import { POD_FILES } from "./pod-files";
import { renderRedisConf, renderReplicaConf } from "./render/redis-conf";
import { renderSentinelConf, renderSentinelMasterConf, sentinelTopologies } from "./sentinel/render";
import { SENTINEL_COUNT } from "./sentinel/settings";
import { KubernetesRedisSettings } from "./kubernetes-redis-settings";

/**
 * The ConfigMap's files, by file name: `redis.conf`, and either the replicas' include (pod 0 is the
 * primary) or, with Sentinel, the sentinels' configuration. With Sentinel also every pod's address,
 * for the start scripts.
 */
export function renderConfigFiles(settings: KubernetesRedisSettings) {
    const { sentinel, port } = settings;
    const redisConf = renderRedisConf({
        port,
        maxmemoryBytes: settings.maxmemoryBytes,
        maxmemoryPolicy: settings.maxmemoryPolicy,
        ioThreads: settings.ioThreads,
        requireClientCertificates: settings.tls.requireClientCertificates,
        syslog: settings.logs.syslog,
        minReplicas: sentinel && { toWrite: sentinel.minReplicasToWrite, maxLag: sentinel.minReplicasMaxLag },
    });
    if (!sentinel) {
        return {
            files: {
                [POD_FILES.redisConf]: redisConf,
                [POD_FILES.replicaConf]: renderReplicaConf(settings.primaryPodHost, port),
            } as Record<string, string>,
            topologies: undefined,
        };
    }
    const sentinelConf = { ...sentinel, masterName: settings.base, requireClientCertificates: settings.tls.requireClientCertificates };
    const topologies = sentinelTopologies({
        ...settings.names,
        masterName: settings.base,
        namespace: settings.namespace,
        clusterDomain: settings.clusterDomain,
        podHosts: settings.podHosts,
        port,
        sentinelPort: sentinel.port,
        sentinelCount: SENTINEL_COUNT,
    });
    const files: Record<string, string> = {
        [POD_FILES.redisConf]: redisConf,
        [POD_FILES.sentinelConf]: renderSentinelConf(sentinelConf),
        [POD_FILES.sentinelMasterConf]: renderSentinelMasterConf(sentinelConf),
    };
    return { files, topologies };
}
