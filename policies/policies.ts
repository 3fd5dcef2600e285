import { Policies } from "@pulumi/policy";
import { PACKAGE_JSON } from "./metadata";
import { elastiCacheAuthTokenInsteadOfRbac } from "./rules/elasticache-auth-token-instead-of-rbac";
import { elastiCacheAutomaticBackupsDisabled } from "./rules/elasticache-automatic-backups-disabled";
import { elastiCacheAutomaticFailoverDisabled } from "./rules/elasticache-automatic-failover-disabled";
import { elastiCacheDefaultPort } from "./rules/elasticache-default-port";
import { elastiCacheDefaultSecurityGroup } from "./rules/elasticache-default-security-group";
import { elastiCacheDefaultSubnetGroup } from "./rules/elasticache-default-subnet-group";
import { elastiCacheDefaultUserEnabled } from "./rules/elasticache-default-user-enabled";
import { elastiCacheLiteralPassword } from "./rules/elasticache-literal-password";
import { elastiCacheLogsNotDelivered } from "./rules/elasticache-logs-not-delivered";
import { elastiCacheMinorVersionUpgradesDisabled } from "./rules/elasticache-minor-version-upgrades-disabled";
import { elastiCacheOutdatedEngineVersion } from "./rules/elasticache-outdated-engine-version";
import { elastiCacheUnencryptedAtRest } from "./rules/elasticache-unencrypted-at-rest";
import { elastiCacheUnencryptedInTransit } from "./rules/elasticache-unencrypted-in-transit";
import { elastiCacheUserDangerousCommands } from "./rules/elasticache-user-dangerous-commands";
import { elastiCacheUserWithoutPassword } from "./rules/elasticache-user-without-password";
import { elastiCacheWithoutAlarms } from "./rules/elasticache-without-alarms";
import { elastiCacheWithoutAuthentication } from "./rules/elasticache-without-authentication";
import { elastiCacheWithoutCustomerManagedKey } from "./rules/elasticache-without-customer-managed-key";
import { exportBucketAllowsPlaintext } from "./rules/export-bucket-allows-plaintext";
import { exportBucketPublic } from "./rules/export-bucket-public";
import { exportBucketReplicatedToAnotherAccount } from "./rules/export-bucket-replicated-to-another-account";
import { exportBucketUnencrypted } from "./rules/export-bucket-unencrypted";
import { exportBucketUnversioned } from "./rules/export-bucket-unversioned";
import { globalDatastorePrimaryUnencrypted } from "./rules/global-datastore-primary-unencrypted";
import { k8sRedisHelmChartInsecure } from "./rules/k8s-redis-helm-chart-insecure";
import { k8sRedisMissingResourceLimits } from "./rules/k8s-redis-missing-resource-limits";
import { k8sRedisPasswordInConfigMap } from "./rules/k8s-redis-password-in-configmap";
import { k8sRedisPasswordInPodSpec } from "./rules/k8s-redis-password-in-pod-spec";
import { k8sRedisPodSecurityViolation } from "./rules/k8s-redis-pod-security-violation";
import { k8sRedisProtectedModeOff } from "./rules/k8s-redis-protected-mode-off";
import { k8sRedisServiceAccountTokenMounted } from "./rules/k8s-redis-service-account-token-mounted";
import { k8sRedisServiceExposed } from "./rules/k8s-redis-service-exposed";
import { k8sRedisUserDangerousCommands } from "./rules/k8s-redis-user-dangerous-commands";
import { k8sRedisWithoutAuthentication } from "./rules/k8s-redis-without-authentication";
import { k8sRedisReplicasWithoutFailover } from "./rules/k8s-redis-replicas-without-failover";
import { k8sRedisWithoutNetworkPolicy } from "./rules/k8s-redis-without-network-policy";
import { k8sRedisWithoutTls } from "./rules/k8s-redis-without-tls";
import { k8sRedisWritableRootFilesystem } from "./rules/k8s-redis-writable-root-filesystem";
import { notJudged } from "./rules/not-judged";
import { redisPortOpenToInternet } from "./rules/redis-port-open-to-internet";
import { redisPortOpenToWidePrivateRange } from "./rules/redis-port-open-to-wide-private-range";

/** The name the pack is published and reported under. */
export const POLICY_PACK_NAME = "hardened-redis";

/** The advisory policy under which every rule reports what it could not judge. */
export const NOT_JUDGED_POLICY = notJudged.name;

/** The version the pack reports, from its package.json. */
export const POLICY_PACK_VERSION = PACKAGE_JSON.version;

/** The shape of the Redis and Valkey command tables in `data/`, for the tools that generate them. */
export type { CommandTable } from "./lib/command-table";

/** Every rule of the pack. The pack entry, the tests and the offline gate all use this one list. */
export const policies: Policies = [
    // ElastiCache: encryption, authentication and network placement.
    elastiCacheUnencryptedAtRest,
    elastiCacheUnencryptedInTransit,
    elastiCacheWithoutAuthentication,
    elastiCacheAuthTokenInsteadOfRbac,
    elastiCacheDefaultSubnetGroup,
    elastiCacheDefaultSecurityGroup,
    redisPortOpenToInternet,
    redisPortOpenToWidePrivateRange,
    globalDatastorePrimaryUnencrypted,
    // ElastiCache RBAC users and groups.
    elastiCacheUserWithoutPassword,
    elastiCacheUserDangerousCommands,
    elastiCacheDefaultUserEnabled,
    elastiCacheLiteralPassword,
    // ElastiCache resilience and hygiene.
    elastiCacheAutomaticBackupsDisabled,
    elastiCacheAutomaticFailoverDisabled,
    elastiCacheMinorVersionUpgradesDisabled,
    elastiCacheOutdatedEngineVersion,
    elastiCacheWithoutCustomerManagedKey,
    elastiCacheDefaultPort,
    elastiCacheLogsNotDelivered,
    elastiCacheWithoutAlarms,
    // The snapshot export bucket.
    exportBucketPublic,
    exportBucketReplicatedToAnotherAccount,
    exportBucketAllowsPlaintext,
    exportBucketUnencrypted,
    exportBucketUnversioned,
    // Redis on Kubernetes.
    k8sRedisServiceExposed,
    k8sRedisWithoutNetworkPolicy,
    k8sRedisPodSecurityViolation,
    k8sRedisServiceAccountTokenMounted,
    k8sRedisProtectedModeOff,
    k8sRedisWithoutAuthentication,
    k8sRedisUserDangerousCommands,
    k8sRedisWithoutTls,
    k8sRedisPasswordInPodSpec,
    k8sRedisPasswordInConfigMap,
    k8sRedisMissingResourceLimits,
    k8sRedisWritableRootFilesystem,
    k8sRedisReplicasWithoutFailover,
    k8sRedisHelmChartInsecure,
    // What the rules above could not judge, as advisories.
    notJudged,
];
