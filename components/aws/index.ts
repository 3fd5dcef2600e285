export { ElastiCacheRedis, ELASTICACHE_DEFAULTS, memberClusterIds, validateElastiCacheArgs } from "./elasticache-redis";
export type { ElastiCacheRedisArgs } from "./elasticache-redis";
export type { ConnectionSecret } from "./credentials";
export { ENGINES, SUPPORTED_VERSIONS, DEFAULT_VERSION } from "./engine";
