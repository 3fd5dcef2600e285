// Pure functions behind KubernetesRedis and the ACL mapping, for users who render Redis configuration
// themselves or check what the components would render. No resources are created here.
export { DISABLED_DEFAULT_USER_ACCESS_STRING, elastiCacheAccessString, roleRules } from "./shared/access";
export { validateKubernetesRedisArgs } from "./kubernetes/kubernetes-redis-settings";
export type { KubernetesRedisSettings } from "./kubernetes/kubernetes-redis-settings";
export { INTERNAL_USERS, renderAclFile } from "./kubernetes/render/acl";
export { renderRedisConf, renderReplicaConf, renderReplicationAuth } from "./kubernetes/render/redis-conf";
export { BACKUP_SUCCESS_METRIC, renderAlertRules } from "./kubernetes/monitoring/rules";
export { renderDashboard } from "./kubernetes/monitoring/dashboard";
export { BACKUP_TLS_DIR, BACKUP_WORK_DIR, renderBackupScript, renderRestoreScript } from "./kubernetes/backup/scripts";
export { POD_PATHS } from "./kubernetes/pod-files";
