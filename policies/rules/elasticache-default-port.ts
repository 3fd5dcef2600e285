import { conformity } from "../lib/controls";
import { CACHE_CLUSTER, REDIS_DEFAULT_PORT, REPLICATION_GROUP, cacheKind, cachePort, describeCache } from "../lib/elasticache";
import { isUnknown } from "../lib/known-values";
import { resourceRule, unknownFields } from "../lib/rule";

export interface PortSettings {
    allowedPorts: number[];
}

export const elastiCacheDefaultPort = resourceRule<PortSettings>(
    {
        name: "elasticache-default-port",
        description:
            "ElastiCache caches should listen on a port from the allowed list; with no list, on any port but Redis's well-known 6379, which every scanner probes first.",
        enforcementLevel: "advisory",
        severity: "low",
        controls: [
            conformity(
                "EC-012",
                "ElastiCache Cluster Default Port",
                "https://www.trendmicro.com/cloudoneconformity/knowledge-base/aws/ElastiCache/default-port.html",
            ),
        ],
        remediation:
            "Set port to one of the allowed ports (or, with no list configured, to any port other than 6379) and open only that port in the cache's security group.",
        configSchema: {
            properties: {
                allowedPorts: {
                    type: "array",
                    items: { type: "integer", minimum: 1024, maximum: 65535 },
                    uniqueItems: true,
                    default: [],
                    description: "The ports caches may listen on. Empty: any port except 6379.",
                },
            },
        },
    },
    [REPLICATION_GROUP, CACHE_CLUSTER],
    (cache, report, { allowedPorts }, notJudged) => {
        // A Global Datastore secondary listens on its primary's port, which is judged on the primary.
        const kind = cacheKind(cache);
        if (kind !== "replication-group" && kind !== "standalone-cluster") return;
        if (unknownFields(notJudged, describeCache(cache), cache.props, ["port"])) return;
        const port = cachePort(cache);
        if (isUnknown(port)) return;
        const allowed = allowedPorts.length > 0 ? allowedPorts.includes(port) : port !== REDIS_DEFAULT_PORT;
        if (!allowed) {
            const rule =
                allowedPorts.length > 0
                    ? `is not one of the allowed ports ${allowedPorts.join(", ")}`
                    : `is Redis's well-known default port`;
            report(
                `${describeCache(cache)} listens on port ${port}, which ${rule}. Set port to ${allowedPorts.length > 0 ? "an allowed port" : "another port, such as 6380"}.`,
            );
        }
    },
);
