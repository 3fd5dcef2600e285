import { awsDocs } from "../lib/controls";
import { CACHE_CLUSTER, REPLICATION_GROUP, cacheKind, describeCache } from "../lib/elasticache";
import { isUnknown, listOf, objectOf } from "../lib/known-values";
import { resourceRule, unknownDuringPreview } from "../lib/rule";

export interface LogSettings {
    requiredLogTypes: string[];
}

export const elastiCacheLogsNotDelivered = resourceRule<LogSettings>(
    {
        name: "elasticache-logs-not-delivered",
        description:
            "ElastiCache caches should deliver their slow log and engine log to CloudWatch Logs or Kinesis Data Firehose, so that incidents can be investigated.",
        enforcementLevel: "advisory",
        severity: "low",
        controls: [awsDocs("Log_Delivery", "Log delivery", "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Log_Delivery.html")],
        remediation:
            "Add a logDeliveryConfigurations entry for each required log type, to an encrypted CloudWatch Logs group with a retention period.",
        configSchema: {
            properties: {
                requiredLogTypes: {
                    type: "array",
                    items: { type: "string", enum: ["slow-log", "engine-log"] },
                    uniqueItems: true,
                    default: ["slow-log", "engine-log"],
                    description: "The log types every cache must deliver.",
                },
            },
        },
    },
    [REPLICATION_GROUP, CACHE_CLUSTER],
    (cache, report, { requiredLogTypes }, notJudged) => {
        const kind = cacheKind(cache);
        if (kind !== "replication-group" && kind !== "global-secondary" && kind !== "standalone-cluster") return;
        const deliveries = cache.props.logDeliveryConfigurations;
        const types = listOf(deliveries).map((d) => objectOf(d).logType);
        if (isUnknown(deliveries) || types.some(isUnknown)) {
            notJudged(unknownDuringPreview(describeCache(cache), "logDeliveryConfigurations"));
            return;
        }
        const missing = requiredLogTypes.filter((type) => !types.includes(type));
        if (missing.length > 0) {
            report(
                `${describeCache(cache)} does not deliver its ${missing.join(" and ")}. Add logDeliveryConfigurations for ${missing.map((t) => `"${t}"`).join(" and ")}.`,
            );
        }
    },
);
