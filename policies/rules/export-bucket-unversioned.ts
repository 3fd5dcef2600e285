import { checkov, securityHub } from "../lib/controls";
import { booleanOf, isUnknown, objectOf } from "../lib/known-values";
import { StackResourceView, StackView, stackRule, unknownDuringPreview } from "../lib/rule";
import { VERSIONING_TYPES, attachmentsOf, describeBucket, exportBuckets } from "../lib/s3";

/** Whether versioning is on: true, false, or undefined while unknown. */
function versioned(stack: StackView, bucket: StackResourceView): boolean | undefined {
    const states = [
        booleanOf(objectOf(bucket.props.versioning).enabled) === true ? "Enabled" : undefined,
        ...attachmentsOf(stack, bucket, VERSIONING_TYPES).map((v) =>
            isUnknown(v.props.versioningConfiguration) ? v.props.versioningConfiguration : objectOf(v.props.versioningConfiguration).status,
        ),
    ];
    if (states.includes("Enabled")) return true;
    return states.some(isUnknown) ? undefined : false;
}

export const exportBucketUnversioned = stackRule(
    {
        name: "export-bucket-unversioned",
        description:
            "A bucket that holds ElastiCache exports should keep object versions, so that an overwritten or deleted backup can be recovered.",
        enforcementLevel: "advisory",
        severity: "medium",
        controls: [
            securityHub("S3.14", "S3 general purpose buckets should have versioning enabled"),
            checkov("CKV_AWS_21", "Ensure all data stored in the S3 bucket have versioning enabled"),
        ],
        remediation:
            'Attach an aws.s3.BucketVersioning with versioningConfiguration { status: "Enabled" }, and a lifecycle rule that expires noncurrent versions.',
    },
    (stack, report, _, notJudged) => {
        for (const bucket of exportBuckets(stack)) {
            const state = versioned(stack, bucket);
            if (state === undefined)
                notJudged(unknownDuringPreview(`ElastiCache export ${describeBucket(bucket)}`, "its versioning status"), bucket.urn);
            if (state === false) {
                report(
                    `ElastiCache export ${describeBucket(bucket)} does not keep object versions. Attach an aws.s3.BucketVersioning with status "Enabled".`,
                    bucket.urn,
                );
            }
        }
    },
);
