export { KubernetesRedis, CHECKSUM_ANNOTATIONS } from "./kubernetes-redis";
export { KUBERNETES_DEFAULTS, KUBERNETES_REDIS_TYPE, validateKubernetesRedisArgs } from "./settings";
export type { KubernetesRedisArgs, KubernetesRedisTlsArgs, KubernetesResourceArgs, RedisImageArgs, CertManagerIssuerArgs } from "./settings";
export type { AllowedClient, LabelSelector } from "./selectors";
export type { KubernetesConnectionSecret } from "./credentials";
export { INTERNAL_USERS, renderAclFile } from "./render/acl";
export { renderRedisConf, renderReplicaConf, renderReplicationAuth } from "./render/redis-conf";
