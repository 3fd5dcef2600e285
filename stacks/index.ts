import * as k8s from "@pulumi/kubernetes";
import { ElastiCacheRedis, ElastiCacheServerless, GlobalElastiCacheRedis, KubernetesRedis } from "hardened-redis";
import { StackConfig, currentStackConfig } from "./config";
import { cacheNetwork } from "./network";

/** One region: a hardened cache in the network the config names or a private VPC made for it. */
function singleRegion(config: Extract<StackConfig, { target: "elasticache" }>) {
    const tags = { stack: "hardened-redis", ...config.tags };
    const network = cacheNetwork("redis", config.network, config.region, tags);
    const cache = new ElastiCacheRedis("redis", { ...config.cache, ...network, region: config.region, tags });
    return {
        primaryEndpoint: cache.primaryEndpointAddress,
        readerEndpoint: cache.readerEndpointAddress,
        configurationEndpoint: cache.configurationEndpointAddress,
        port: cache.port,
        userSecretArns: cache.userSecretArns,
        notificationTopicArn: cache.notificationTopicArn,
        backupBucket: cache.backupBucketName,
    };
}

/** One region: a serverless cache in the network the config names or a private VPC made for it. */
function serverless(config: Extract<StackConfig, { target: "serverless" }>) {
    const tags = { stack: "hardened-redis", ...config.tags };
    const network = cacheNetwork("redis", config.network, config.region, tags);
    const cache = new ElastiCacheServerless("redis", { ...config.serverless, ...network, region: config.region, tags });
    return {
        endpoint: cache.endpointAddress,
        readerEndpoint: cache.readerEndpointAddress,
        port: cache.port,
        userSecretArns: cache.userSecretArns,
        notificationTopicArn: cache.notificationTopicArn,
        backupBucket: cache.backupBucketName,
    };
}

/** A Global Datastore: the primary in one region, read-only secondaries in up to two others. */
function globalDatastore(config: Extract<StackConfig, { target: "global" }>) {
    const tags = { stack: "hardened-redis", ...config.tags };
    const { region: primaryRegion, network } = config.primary;
    const global = new GlobalElastiCacheRedis("redis", {
        primary: { ...config.cache, ...cacheNetwork(`redis-${primaryRegion}`, network, primaryRegion, tags), region: primaryRegion, tags },
        secondaries: config.secondaries.map((secondary) => ({
            ...cacheNetwork(`redis-${secondary.region}`, secondary.network, secondary.region, tags),
            region: secondary.region,
            numCacheClusters: secondary.numCacheClusters,
        })),
    });
    return {
        globalReplicationGroupId: global.globalReplicationGroupId,
        primaryEndpoint: global.primaryEndpointAddress,
        readerEndpoints: global.readerEndpoints,
        userSecretArns: global.primary.userSecretArns,
    };
}

/** Self-managed Redis in a namespace of its own, held to the restricted Pod Security Standard. */
function kubernetes(config: Extract<StackConfig, { target: "kubernetes" }>) {
    const restricted = { "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": "latest" };
    const namespace = new k8s.core.v1.Namespace("redis", { metadata: { name: config.namespace, labels: restricted } });
    const redis = new KubernetesRedis("redis", { ...config.redis, namespace: config.namespace }, { dependsOn: [namespace] });
    return { primaryHost: redis.primaryHost, readerHost: redis.readerHost, port: redis.port, userSecretNames: redis.userSecretNames };
}

function deploy(config: StackConfig) {
    switch (config.target) {
        case "elasticache":
            return singleRegion(config);
        case "serverless":
            return serverless(config);
        case "global":
            return globalDatastore(config);
        case "kubernetes":
            return kubernetes(config);
    }
}

export = deploy(currentStackConfig());
