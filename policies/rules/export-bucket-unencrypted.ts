import { awsConfig, checkov } from "../lib/controls";
import { isUnknown, listOf, objectOf } from "../lib/known-values";
import { StackResourceView, StackView, stackRule, unknownDuringPreview } from "../lib/rule";
import { ENCRYPTION_TYPES, attachmentsOf, describeBucket, exportBuckets } from "../lib/s3";

const ALGORITHMS = new Set(["AES256", "aws:kms", "aws:kms:dsse"]);

/** Whether the bucket has default encryption configured: true, false, or undefined while unknown. */
function encrypted(stack: StackView, bucket: StackResourceView): boolean | undefined {
    const rules = [
        objectOf(bucket.props.serverSideEncryptionConfiguration).rule,
        ...attachmentsOf(stack, bucket, ENCRYPTION_TYPES).flatMap((config) =>
            isUnknown(config.props.rules) ? [config.props.rules] : listOf(config.props.rules),
        ),
    ].filter((rule) => rule !== undefined);
    const algorithms = rules.map((rule) =>
        isUnknown(rule) ? rule : objectOf(objectOf(rule).applyServerSideEncryptionByDefault).sseAlgorithm,
    );
    if (algorithms.some((a) => typeof a === "string" && ALGORITHMS.has(a))) return true;
    return algorithms.some(isUnknown) ? undefined : false;
}

export const exportBucketUnencrypted = stackRule(
    {
        name: "export-bucket-unencrypted",
        description:
            "A bucket that holds ElastiCache exports should configure default encryption explicitly (SSE-S3; ElastiCache exports cannot use a customer-managed key).",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [
            awsConfig("s3-bucket-server-side-encryption-enabled", "S3 buckets have server-side encryption enabled"),
            checkov("CKV_AWS_19", "Ensure all data stored in the S3 bucket is securely encrypted at rest"),
        ],
        remediation:
            'Attach an aws.s3.BucketServerSideEncryptionConfiguration with applyServerSideEncryptionByDefault { sseAlgorithm: "AES256" }.',
    },
    (stack, report, _, notJudged) => {
        for (const bucket of exportBuckets(stack)) {
            const state = encrypted(stack, bucket);
            if (state === undefined)
                notJudged(unknownDuringPreview(`ElastiCache export ${describeBucket(bucket)}`, "its default encryption"), bucket.urn);
            if (state === false) {
                report(
                    `ElastiCache export ${describeBucket(bucket)} has no explicit default encryption. Attach an aws.s3.BucketServerSideEncryptionConfiguration with sseAlgorithm "AES256".`,
                    bucket.urn,
                );
            }
        }
    },
);
