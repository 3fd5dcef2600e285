import { ArgChecker } from "../shared/validation";

/** Nodes of a cluster-mode-disabled group: a primary and up to five replicas. */
export const MAX_CACHE_CLUSTERS = 6;
/**
 * Cluster mode limits for Valkey 7.2+ and Redis OSS 5.0.6+ (every engine version this package offers):
 * 1 to 500 shards, 0 to 5 replicas per shard, and at most 500 nodes per cluster, the default
 * "Nodes per cluster" quota. Source: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Shards.html
 */
export const MAX_SHARDS = 500;
export const MAX_REPLICAS_PER_SHARD = 5;
export const MAX_NODES_PER_CLUSTER = 500;

/** How the nodes of a replication group are laid out. */
export interface Topology {
    /** Cluster mode enabled: the key space is split over `shards` node groups. */
    clusterMode: boolean;
    /** Node groups; 1 when cluster mode is disabled. */
    shards: number;
    /** Replicas in each node group. */
    replicasPerShard: number;
}

export interface TopologyArgs {
    numCacheClusters?: number;
    shards?: number;
    replicasPerShard?: number;
    highAvailability: boolean;
}

/** Two nodes without cluster mode; one replica per shard with it: enough for Multi-AZ failover. */
export const TOPOLOGY_DEFAULTS = { numCacheClusters: 2, replicasPerShard: 1 } as const;

/** Checks the node layout: `numCacheClusters` alone, or `shards` with `replicasPerShard`, within ElastiCache's limits. */
export function validateTopologyArgs(check: ArgChecker, args: TopologyArgs): Topology {
    if (args.shards === undefined) {
        if (args.replicasPerShard !== undefined)
            check.fail("replicasPerShard", "is set without shards", "leave it out, or set shards to run in cluster mode");
        const nodes = check.integerInRange(
            "numCacheClusters",
            args.numCacheClusters ?? TOPOLOGY_DEFAULTS.numCacheClusters,
            1,
            MAX_CACHE_CLUSTERS,
        );
        if (args.highAvailability && nodes < 2) {
            check.fail(
                "numCacheClusters",
                `is ${nodes} while highAvailability is on`,
                `2 to ${MAX_CACHE_CLUSTERS}, or 1 with highAvailability: false`,
            );
        }
        return { clusterMode: false, shards: 1, replicasPerShard: nodes - 1 };
    }
    if (args.numCacheClusters !== undefined) {
        check.fail(
            "numCacheClusters",
            "is set together with shards",
            "one of the two: numCacheClusters for one shard without cluster mode, or shards and replicasPerShard for cluster mode",
        );
    }
    const shards = check.integerInRange("shards", args.shards, 1, MAX_SHARDS);
    const replicasPerShard = check.integerInRange(
        "replicasPerShard",
        args.replicasPerShard ?? TOPOLOGY_DEFAULTS.replicasPerShard,
        0,
        MAX_REPLICAS_PER_SHARD,
    );
    if (args.highAvailability && replicasPerShard < 1) {
        check.fail(
            "replicasPerShard",
            "is 0 while highAvailability is on",
            `1 to ${MAX_REPLICAS_PER_SHARD}: Multi-AZ needs a replica in every shard to fail over to; or 0 with highAvailability: false`,
        );
    }
    const nodes = shards * (1 + replicasPerShard);
    if (nodes > MAX_NODES_PER_CLUSTER) {
        check.fail(
            "shards",
            `× (1 + replicasPerShard) is ${nodes} nodes`,
            `at most ${MAX_NODES_PER_CLUSTER} nodes per cluster, ElastiCache's quota`,
        );
    }
    return { clusterMode: true, shards, replicasPerShard };
}

/**
 * Member node ids as ElastiCache names them, which are the `CacheClusterId` of per-node metrics: `<group>-001`,
 * `<group>-002`, ... without cluster mode, and `<group>-<shard, 4 digits>-<node, 3 digits>` with it
 * (`orders-0001-001`, `orders-0001-002`, `orders-0002-001`, ...), in shard order. Source: the
 * `MemberClusters` of a cluster-mode group in "Connecting to nodes in a Valkey or Redis OSS cluster",
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ClientConfig.ReplicationGroup.html
 */
export function memberClusterIds(replicationGroupId: string, topology: Topology): string[] {
    const node = (i: number) => String(i + 1).padStart(3, "0");
    const nodesPerShard = 1 + topology.replicasPerShard;
    if (!topology.clusterMode) return Array.from({ length: nodesPerShard }, (_, i) => `${replicationGroupId}-${node(i)}`);
    return Array.from({ length: topology.shards }, (_, s) =>
        Array.from({ length: nodesPerShard }, (_, i) => `${replicationGroupId}-${String(s + 1).padStart(4, "0")}-${node(i)}`),
    ).flat();
}

/** The shard of a cluster-mode member id, `0002` of `orders-0002-001`. */
export function shardOf(memberId: string): string {
    const shard = /-(\d{4})-\d{3}$/.exec(memberId)?.[1];
    if (shard === undefined) throw new Error(`"${memberId}" is not a cluster-mode member id <group>-<shard>-<node>`);
    return shard;
}
