// The public entry of `hardened-redis`: the three components, their argument and output shapes, the
// type tokens, and the closed lists that arguments pick from. Pure renderers are in `hardened-redis/renderers`.
export { ElastiCacheRedis, ELASTICACHE_REDIS_TYPE, ELASTICACHE_DEFAULTS, MAX_CACHE_CLUSTERS } from "./aws/elasticache-redis";
export type { ElastiCacheRedisArgs } from "./aws/elasticache-redis";
export { GlobalElastiCacheRedis, GLOBAL_ELASTICACHE_REDIS_TYPE, GLOBAL_NODE_FAMILIES, MAX_SECONDARIES } from "./aws/global-elasticache-redis";
export type { GlobalElastiCacheRedisArgs, GlobalSecondaryArgs } from "./aws/global-elasticache-redis";
export type { ConnectionSecret } from "./aws/credentials";
export { Engine, ENGINES, SUPPORTED_VERSIONS, DEFAULT_VERSION } from "./aws/engine";
export { AWS_REGION } from "./aws/region";
export { ALARM_METRICS, AlarmMetric } from "./aws/observability";
export type { AlarmsArgs, AlarmThresholds, CacheDashboardArgs, LogForwardingArgs, NotificationsArgs } from "./aws/observability";
export { BACKUP_DEFAULTS, OBJECT_LOCK_MODES, ObjectLockMode, STORAGE_CLASSES, StorageClass } from "./aws/backup";
export { LogType } from "./aws/logs";
export type { BackupArgs, ObjectLockArgs, RestoreFromArgs } from "./aws/backup";
export { RESTORE_DRILL_DEFAULTS } from "./aws/restore-drill";
export type { RestoreDrillArgs } from "./aws/restore-drill";
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
