import { createHash } from "node:crypto";

/** How the AWS provider names a resource whose name property the program leaves unset. */
interface AutoName {
    property: string;
    /** The provider's limit on the whole name, suffix included; a longer name fails the preview. */
    maxLength: number;
    lowercase: boolean;
    /** The property that asks the provider for a name with this prefix instead; the name is then chosen on create. */
    prefixProperty: string;
}

const RANDOM_LENGTH = 7;

const named = (property: string, maxLength = 255, lowercase = false): AutoName => ({
    property,
    maxLength,
    lowercase,
    prefixProperty: `${property}Prefix`,
});

/**
 * The auto-named properties of the resource types the policy pack reads, as pulumi-aws's
 * `provider/resources.go` declares them: `tfbridge.AutoNameTransform` for the ElastiCache ids and
 * bucket names (lowercased, with a length limit), and `SetAutonaming(255, "-")` for every other `name`.
 */
const AUTO_NAMES: Record<string, AutoName> = {
    "aws:elasticache/replicationGroup:ReplicationGroup": named("replicationGroupId", 40, true),
    "aws:elasticache/cluster:Cluster": named("clusterId", 50, true),
    "aws:elasticache/serverlessCache:ServerlessCache": named("name"),
    "aws:elasticache/subnetGroup:SubnetGroup": named("name"),
    "aws:elasticache/parameterGroup:ParameterGroup": named("name"),
    "aws:s3/bucket:Bucket": named("bucket", 63, true),
    "aws:s3/bucketV2:BucketV2": named("bucket", 63, true),
    "aws:ec2/securityGroup:SecurityGroup": named("name"),
    "aws:ec2/managedPrefixList:ManagedPrefixList": named("name"),
    "aws:cloudwatch/metricAlarm:MetricAlarm": named("name"),
    "aws:cloudwatch/logGroup:LogGroup": named("name", 512),
    "aws:sns/topic:Topic": named("name", 256),
};

/**
 * The inputs with the name the provider would generate filled in: `<logical name>-<7 hex>`,
 * lowercased where the provider lowercases it. The suffix is derived from the URN, so a run is
 * repeatable. Like the provider, it fails when the logical name leaves no room for the suffix.
 * A property the program set, even to an unknown value, is kept, and so is a name the provider
 * chooses only on create from a prefix (`bucketPrefix`, `namePrefix`).
 */
export function withAutoName(type: string, urn: string, logicalName: string, inputs: Record<string, any>): Record<string, any> {
    const rule = AUTO_NAMES[type];
    if (!rule || inputs[rule.property] !== undefined || inputs[rule.prefixProperty] !== undefined) return inputs;
    const prefix = `${rule.lowercase ? logicalName.toLowerCase() : logicalName}-`;
    if (prefix.length + RANDOM_LENGTH > rule.maxLength) {
        throw new Error(
            `could not make instance of '${type}': name '${prefix}' plus ${RANDOM_LENGTH} random chars is longer than maximum length ${rule.maxLength}`,
        );
    }
    const suffix = createHash("sha256").update(urn).digest("hex").slice(0, RANDOM_LENGTH);
    return { ...inputs, [rule.property]: prefix + suffix };
}
