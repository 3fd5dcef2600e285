import { MockHarness } from "../support/harness";

type Components = typeof import("hardened-redis");
export type CacheArgs = Partial<import("hardened-redis").ElastiCacheRedisArgs>;

/** The smallest valid arguments of `ElastiCacheRedis`: a VPC, two subnets and one client group. */
export const BASE_ARGS = { vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-a", "subnet-b"], allowedSecurityGroupIds: ["sg-0client"] };

/**
 * Installs the mocks before the file's tests and returns a `deploy(args)` that registers an `ElastiCacheRedis` named "cache" with `BASE_ARGS`, `defaults` and `args` in a fresh
 * program, unless the previous call deployed the same arguments: then its resources are read again.
 */
export function cacheDeployer(harness: MockHarness, defaults: CacheArgs = {}) {
    let components: Components;
    beforeAll(async () => {
        await harness.install();
        components = await import("hardened-redis");
    });
    let deployed: { key: string; cache: import("hardened-redis").ElastiCacheRedis } | undefined;
    return async (args: CacheArgs = {}) => {
        const key = JSON.stringify(args);
        if (deployed?.key === key) return deployed.cache;
        harness.reset();
        const cache = new components.ElastiCacheRedis("cache", { ...BASE_ARGS, ...defaults, ...args });
        await harness.settle(cache);
        deployed = { key, cache };
        return cache;
    };
}
