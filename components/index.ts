// The public entry of `hardened-redis`: the four components, their argument and output shapes, the
// type tokens, and the closed lists that arguments pick from. Pure renderers are in `hardened-redis/renderers`.
export { ElastiCacheRedis, ELASTICACHE_REDIS_TYPE, ELASTICACHE_DEFAULTS, MAX_CACHE_CLUSTERS, MAX_NODES_PER_CLUSTER, MAX_REPLICAS_PER_SHARD, MAX_SHARDS } from "./aws/elasticache-redis";
export type { ElastiCacheRedisArgs } from "./aws/elasticache-redis";
export { GlobalElastiCacheRedis, GLOBAL_ELASTICACHE_REDIS_TYPE, GLOBAL_NODE_FAMILIES, MAX_SECONDARIES } from "./aws/global-elasticache-redis";
export type { GlobalElastiCacheRedisArgs, GlobalSecondaryArgs } from "./aws/global-elasticache-redis";
export { ElastiCacheServerless, ELASTICACHE_SERVERLESS_TYPE, SERVERLESS_DEFAULTS, SERVERLESS_MAJOR_VERSIONS } from "./aws/elasticache-serverless";
export type { ElastiCacheServerlessArgs, CacheUsageLimitsArgs } from "./aws/elasticache-serverless";
export type { ConnectionSecret } from "./aws/credentials";
export { Engine, ENGINES, SUPPORTED_VERSIONS, DEFAULT_VERSION } from "./aws/engine";
export { AWS_REGION } from "./aws/region";
export { ALARM_METRICS, AlarmMetric, SERVERLESS_ALARM_METRICS, ServerlessAlarmMetric } from "./aws/observability";
export type { ServerlessAlarmsArgs, ServerlessAlarmThresholds } from "./aws/observability";
export type { AlarmsArgs, AlarmThresholds, CacheDashboardArgs, LogForwardingArgs, NotificationsArgs } from "./aws/observability";
export { BACKUP_DEFAULTS, OBJECT_LOCK_MODES, ObjectLockMode, STORAGE_CLASSES, StorageClass } from "./aws/backup";
export { LogType } from "./aws/logs";
export type { BackupArgs, ObjectLockArgs, RestoreFromArgs } from "./aws/backup";
export { KubernetesRedis } from "./kubernetes/kubernetes-redis";
export { IssuerKind, KUBERNETES_DEFAULTS, KUBERNETES_REDIS_TYPE, ZoneAntiAffinity } from "./kubernetes/settings";
export type { KubernetesRedisArgs, KubernetesRedisTlsArgs, KubernetesResourceArgs, ResourceQuantitiesArgs, StorageArgs, RedisImageArgs, CertManagerIssuerArgs } from "./kubernetes/settings";
export { LabelSelectorOperator } from "./kubernetes/selectors";
export type { AllowedClient, LabelSelector, LabelSelectorRequirement } from "./kubernetes/selectors";
export type { KubernetesConnectionSecret } from "./kubernetes/credentials";
export { SyslogFacility } from "./kubernetes/monitoring/settings";
export type { KubernetesRedisMonitoringArgs, AlertThresholdArgs, KubernetesRedisLogArgs, SyslogArgs } from "./kubernetes/monitoring/settings";
export { ServerSideEncryption } from "./kubernetes/backup/settings";
export type { KubernetesRedisBackupArgs, BackupCredentialsArgs } from "./kubernetes/backup/settings";
export { ROLES, Role, InvalidArgumentError, EVICTION_POLICIES, EvictionPolicy } from "./shared";
export type { RedisUserArgs } from "./shared";
