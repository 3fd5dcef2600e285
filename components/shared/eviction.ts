/** Redis's `maxmemory-policy` values, the same on ElastiCache and self-managed Redis. */
export const EVICTION_POLICIES = ["volatile-lru", "allkeys-lru", "volatile-lfu", "allkeys-lfu", "volatile-random", "allkeys-random", "volatile-ttl", "noeviction"] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];
