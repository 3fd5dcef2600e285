import { awsConfig, securityHub } from "../lib/controls";
import { Statement, bucketStatements, describeBucket, exportBuckets } from "../lib/s3";
import { objectOf } from "../lib/known-values";
import { stackRule, unknownDuringPreview } from "../lib/rule";

/** A statement that denies every request made without TLS, on the bucket's objects. */
function deniesPlaintext(statement: Statement): boolean {
    const secureTransport = [objectOf(statement.condition.Bool)["aws:SecureTransport"]].flat().map(String);
    return (
        statement.effect === "Deny" &&
        statement.principals.includes("*") &&
        statement.actions.some((action) => action === "s3:*" || action === "*") &&
        statement.resources.some((resource) => resource === "*" || resource.endsWith("/*")) &&
        secureTransport.includes("false")
    );
}

export const exportBucketAllowsPlaintext = stackRule(
    {
        name: "export-bucket-allows-plaintext",
        description: "A bucket that holds ElastiCache exports must have a bucket policy that denies every request made without TLS.",
        enforcementLevel: "mandatory",
        severity: "high",
        controls: [
            securityHub("S3.5", "S3 general purpose buckets should require requests to use SSL"),
            awsConfig("s3-bucket-ssl-requests-only", "S3 buckets require requests to use SSL"),
        ],
        remediation:
            'Add a bucket policy statement { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [bucket ARN, bucket ARN + "/*"], ' +
            'Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
    },
    (stack, report, _, notJudged) => {
        for (const bucket of exportBuckets(stack)) {
            const { statements, unknown } = bucketStatements(stack, bucket);
            if (statements.some(deniesPlaintext)) continue;
            if (unknown) {
                notJudged(unknownDuringPreview(`ElastiCache export ${describeBucket(bucket)}`, "part of its bucket policy"), bucket.urn);
                continue;
            }
            report(
                `ElastiCache export ${describeBucket(bucket)} accepts requests without TLS. Add a bucket policy that denies s3:* when aws:SecureTransport is false.`,
                bucket.urn,
            );
        }
    },
);
