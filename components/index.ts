// The public entry of `hardened-redis`: the four components, their argument and output shapes, the
// type tokens, and the closed lists that arguments pick from. Pure renderers are in `hardened-redis/renderers`.
export { ElastiCacheRedis } from "./aws/elasticache-redis";
export { ELASTICACHE_REDIS_TYPE, ELASTICACHE_REDIS_DEFAULTS } from "./aws/elasticache-redis-settings";
export type { ElastiCacheRedisArgs } from "./aws/elasticache-redis-settings";
export { MAX_CACHE_CLUSTERS, MAX_NODES_PER_CLUSTER, MAX_REPLICAS_PER_SHARD, MAX_SHARDS } from "./aws/topology";
export { GlobalElastiCacheRedis } from "./aws/global-elasticache-redis";
export { GLOBAL_ELASTICACHE_REDIS_TYPE, GLOBAL_NODE_FAMILIES, MAX_SECONDARIES } from "./aws/global-elasticache-redis-settings";
export type { GlobalElastiCacheRedisArgs, GlobalSecondaryArgs } from "./aws/global-elasticache-redis-settings";
export { ElastiCacheServerless } from "./aws/elasticache-serverless";
export {
    ELASTICACHE_SERVERLESS_TYPE,
    ELASTICACHE_SERVERLESS_DEFAULTS,
    SERVERLESS_MAJOR_VERSIONS,
} from "./aws/elasticache-serverless-settings";
export type { ElastiCacheServerlessArgs, CacheUsageLimitsArgs } from "./aws/elasticache-serverless-settings";
export { Engine, ENGINES, SUPPORTED_VERSIONS, DEFAULT_VERSION } from "./aws/engine";
export { AWS_REGION } from "./aws/region";
export { ALARM_METRICS, AlarmMetric } from "./aws/monitoring/alarms";
export type { AlarmsArgs, AlarmThresholds } from "./aws/monitoring/alarms";
export { SERVERLESS_ALARM_METRICS, ServerlessAlarmMetric } from "./aws/monitoring/serverless-alarms";
export type { ServerlessAlarmsArgs, ServerlessAlarmThresholds } from "./aws/monitoring/serverless-alarms";
export type { CacheDashboardArgs } from "./aws/monitoring/dashboard";
export type { LogForwardingArgs } from "./aws/monitoring/log-forwarding";
export type { NotificationsArgs } from "./aws/monitoring/topic";
export { BACKUP_DEFAULTS, OBJECT_LOCK_MODES, ObjectLockMode, STORAGE_CLASSES, StorageClass } from "./aws/backup/settings";
export { LogType } from "./aws/logs";
export type { BackupArgs, ObjectLockArgs, RestoreFromArgs } from "./aws/backup/settings";
export { RESTORE_DRILL_DEFAULTS } from "./aws/restore-drill/settings";
export type { RestoreDrillArgs } from "./aws/restore-drill/settings";
export { KubernetesRedis } from "./kubernetes/kubernetes-redis";
export { IssuerKind, KUBERNETES_REDIS_DEFAULTS, KUBERNETES_REDIS_TYPE, ZoneAntiAffinity } from "./kubernetes/kubernetes-redis-settings";
export type {
    KubernetesRedisArgs,
    KubernetesRedisTlsArgs,
    KubernetesResourceArgs,
    ResourceQuantitiesArgs,
    StorageArgs,
    RedisImageArgs,
    CertManagerIssuerArgs,
} from "./kubernetes/kubernetes-redis-settings";
export { LabelSelectorOperator } from "./kubernetes/selectors";
export type { AllowedClient, LabelSelector, LabelSelectorRequirement } from "./kubernetes/selectors";
export type { ConnectionSecret, SecretStringData } from "./shared/connection-secret";
export { SyslogFacility } from "./kubernetes/monitoring/settings";
export type {
    KubernetesRedisMonitoringArgs,
    AlertThresholdArgs,
    KubernetesRedisLogArgs,
    SyslogArgs,
} from "./kubernetes/monitoring/settings";
export { ServerSideEncryption } from "./kubernetes/backup/settings";
export type { KubernetesRedisBackupArgs, BackupCredentialsArgs } from "./kubernetes/backup/settings";
export { ROLES, Role, InvalidArgumentError, EVICTION_POLICIES, EvictionPolicy } from "./shared";
export type { RedisUserArgs } from "./shared";
