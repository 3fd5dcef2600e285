import { awsConfig, awsDocs } from "../lib/controls";
import {
    CACHE_CLUSTER,
    GLOBAL_REPLICATION_GROUP,
    REPLICATION_GROUP,
    SERVERLESS_CACHE,
    cacheKind,
    compareVersions,
    describeCache,
    engineOf,
    parseVersion,
} from "../lib/elasticache";
import { isUnknown } from "../lib/known-values";
import { resourceRule, unknownDuringPreview } from "../lib/rule";

export interface EngineVersionSettings {
    minimumRedisVersion: string;
    minimumValkeyVersion: string;
}

const VERSION_PATTERN = "^\\d+(\\.\\d+)*$";

export const elastiCacheOutdatedEngineVersion = resourceRule<EngineVersionSettings>(
    {
        name: "elasticache-outdated-engine-version",
        description:
            "ElastiCache caches must run at least the configured Redis OSS or Valkey version, so that they have RBAC, required TLS and current fixes.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [
            awsConfig(
                "elasticache-supported-engine-version",
                "ElastiCache clusters run a version at or above the recommended engine version",
            ),
            awsDocs(
                "supported-engine-versions",
                "Supported engine versions",
                "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html",
            ),
        ],
        remediation:
            "Set engineVersion (majorEngineVersion on a serverless cache) to the configured minimum or later; Redis OSS 7.0 and Valkey 7.2 are the first with RBAC and in-place required TLS.",
        configSchema: {
            properties: {
                minimumRedisVersion: {
                    type: "string",
                    pattern: VERSION_PATTERN,
                    default: "7.0",
                    description: "The oldest Redis OSS engine version allowed.",
                },
                minimumValkeyVersion: {
                    type: "string",
                    pattern: VERSION_PATTERN,
                    default: "7.2",
                    description: "The oldest Valkey engine version allowed.",
                },
            },
        },
    },
    [REPLICATION_GROUP, CACHE_CLUSTER, SERVERLESS_CACHE, GLOBAL_REPLICATION_GROUP],
    (cache, report, settings, notJudged) => {
        const { props } = cache;
        const kind = cache.type === GLOBAL_REPLICATION_GROUP ? "global" : cacheKind(cache);
        if (kind !== "replication-group" && kind !== "standalone-cluster" && kind !== "serverless" && kind !== "global") return;
        // Unset, ElastiCache runs Redis OSS; unknown, the Redis OSS minimum is the lower one, so what fails it fails either.
        const given = engineOf(props);
        const engine = typeof given === "string" ? given : "redis";
        const minimum = engine === "valkey" ? settings.minimumValkeyVersion : engine === "redis" ? settings.minimumRedisVersion : undefined;
        const field = kind === "serverless" ? "majorEngineVersion" : "engineVersion";
        if (isUnknown(props[field])) {
            notJudged(unknownDuringPreview(describeCache(cache), field));
            return;
        }
        const version = parseVersion(props[field]);
        const floor = parseVersion(minimum);
        if (!version || !floor) return;
        if (compareVersions(version, floor) < 0) {
            report(
                `${describeCache(cache)} runs ${engine} ${props[field]}, older than the minimum ${minimum}. Set ${field} to ${minimum} or later.`,
            );
        }
    },
);
