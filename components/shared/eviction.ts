/** The Redis eviction policies (`maxmemory-policy`) (the schema enum `EvictionPolicy`). */
export const EvictionPolicy = {
    volatileLru: "volatile-lru",
    allkeysLru: "allkeys-lru",
    volatileLfu: "volatile-lfu",
    allkeysLfu: "allkeys-lfu",
    volatileRandom: "volatile-random",
    allkeysRandom: "allkeys-random",
    volatileTtl: "volatile-ttl",
    noeviction: "noeviction",
} as const;
/** One of the Redis eviction policies (`maxmemory-policy`). */
export type EvictionPolicy = (typeof EvictionPolicy)[keyof typeof EvictionPolicy];

/** Redis's `maxmemory-policy` values, the same on ElastiCache and self-managed Redis. */
export const EVICTION_POLICIES: readonly EvictionPolicy[] = Object.values(EvictionPolicy);
