import { ResourceView } from "./rule";
import { UNKNOWN, isUnknown, stringOf } from "./known-values";

export const REPLICATION_GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
export const CACHE_CLUSTER = "aws:elasticache/cluster:Cluster";
export const SERVERLESS_CACHE = "aws:elasticache/serverlessCache:ServerlessCache";
export const GLOBAL_REPLICATION_GROUP = "aws:elasticache/globalReplicationGroup:GlobalReplicationGroup";
export const ELASTICACHE_USER = "aws:elasticache/user:User";
export const USER_GROUP = "aws:elasticache/userGroup:UserGroup";
export const USER_GROUP_ASSOCIATION = "aws:elasticache/userGroupAssociation:UserGroupAssociation";

/** Redis's well-known port, and the one ElastiCache uses when none is given. */
export const REDIS_DEFAULT_PORT = 6379;

/**
 * How a cache resource holds its data, which decides the settings it owns:
 * - `replication-group`: a node-based group that owns its encryption, auth and backups;
 * - `global-secondary`: a replication group in a Global Datastore, which inherits engine and encryption from the primary;
 * - `standalone-cluster`: an `aws.elasticache.Cluster` outside any group, which can neither encrypt nor authenticate;
 * - `group-member`: an `aws.elasticache.Cluster` inside a replication group, which inherits everything;
 * - `serverless`: a serverless cache, always encrypted, with its own access control and backups;
 * - `other-engine`: Memcached, which this pack does not judge.
 */
export type CacheKind = "replication-group" | "global-secondary" | "standalone-cluster" | "group-member" | "serverless" | "other-engine";

/**
 * The engine as ElastiCache reads it: the provider accepts any case ("Redis", "VALKEY") and stores it
 * lowercased, so it is compared lowercased. UNKNOWN while unknown, undefined when unset.
 */
export function engineOf(props: Record<string, any>): string | typeof UNKNOWN | undefined {
    const engine = props.engine;
    if (isUnknown(engine)) return UNKNOWN;
    return typeof engine === "string" ? engine.trim().toLowerCase() : undefined;
}

/**
 * How the cache holds its data. It fails closed: a replication group or serverless cache is judged as
 * Redis/Valkey unless its engine is provably Memcached. So is a standalone `aws.elasticache.Cluster`
 * whose engine is unknown during preview or unset (the provider requires it outside a group), since a
 * computed engine would otherwise hide a Redis cluster from every rule; a Memcached cluster sets it literally.
 */
export function cacheKind(resource: ResourceView): CacheKind {
    const { props } = resource;
    const isMemcached = engineOf(props) === "memcached";
    switch (resource.type) {
        case REPLICATION_GROUP:
            if (isMemcached) return "other-engine";
            return props.globalReplicationGroupId === undefined || props.globalReplicationGroupId === ""
                ? "replication-group"
                : "global-secondary";
        case CACHE_CLUSTER:
            if (props.replicationGroupId !== undefined && props.replicationGroupId !== "") return "group-member";
            return isMemcached ? "other-engine" : "standalone-cluster";
        case SERVERLESS_CACHE:
            return isMemcached ? "other-engine" : "serverless";
        default:
            return "other-engine";
    }
}

/** A short, user-facing name of the cache resource for messages. */
export function describeCache(resource: ResourceView): string {
    const kind = resource.type.split(":").pop();
    return `${kind} "${resource.name}"`;
}

/** The port a node-based cache listens on: the given one, ElastiCache's default 6379, or UNKNOWN. */
export function cachePort(resource: ResourceView): number | typeof UNKNOWN {
    const port = resource.props.port;
    if (isUnknown(port)) return UNKNOWN;
    return typeof port === "number" ? port : REDIS_DEFAULT_PORT;
}

/** Parses "7.1", "6.x", "5.0.6" or "8" into numeric parts; "x" counts as 0. Undefined when not a version. */
export function parseVersion(version: unknown): number[] | undefined {
    const text = stringOf(version);
    if (!text || !/^\d+(\.(\d+|x))*$/.test(text)) return undefined;
    return text.split(".").map((part) => (part === "x" ? 0 : Number(part)));
}

/** Negative when a < b, zero when equal, positive when a > b; missing parts count as 0. */
export function compareVersions(a: number[], b: number[]): number {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const diff = (a[i] ?? 0) - (b[i] ?? 0);
        if (diff !== 0) return diff;
    }
    return 0;
}
