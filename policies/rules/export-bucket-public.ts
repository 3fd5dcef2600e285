import { checkov, securityHub } from "../lib/controls";
import { booleanOf, isUnknown, listOf, objectOf, stringOf } from "../lib/read";
import { StackResourceView, StackView, stackRule } from "../lib/rule";
import { BUCKET_ACL_TYPES, PUBLIC_ACCESS_BLOCK, attachmentsOf, bucketStatements, describeBucket, exportBuckets } from "../lib/s3";

const ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/** The flags an access block leaves off; unknown flags count as on, since they may well be. */
function flagsOff(block: StackResourceView): string[] {
    return BLOCK_FLAGS.filter((flag) => !isUnknown(block.props[flag]) && booleanOf(block.props[flag]) !== true);
}

function publicAccessProblems(stack: StackView, bucket: StackResourceView): string[] {
    const accountBlocked = stack.ofType(ACCOUNT_PUBLIC_ACCESS_BLOCK).some((block) => flagsOff(block).length === 0);
    const blocks = attachmentsOf(stack, bucket, [PUBLIC_ACCESS_BLOCK]);
    const problems: string[] = [];
    if (!accountBlocked && blocks.length === 0) problems.push("it has no aws.s3.BucketPublicAccessBlock");
    if (!accountBlocked && blocks.length > 0 && blocks.every((b) => flagsOff(b).length > 0)) {
        problems.push(`its public access block leaves ${flagsOff(blocks[0]).join(", ")} off`);
    }
    const acls = attachmentsOf(stack, bucket, BUCKET_ACL_TYPES);
    const canned = [bucket.props.acl, ...acls.map((a) => a.props.acl)].map(stringOf).filter((acl): acl is string => acl !== undefined && PUBLIC_CANNED_ACLS.has(acl));
    canned.forEach((acl) => problems.push(`it has the canned ACL "${acl}"`));
    const grantees = [
        ...listOf(bucket.props.grants).map((g) => objectOf(g).uri),
        ...acls.flatMap((a) => listOf(objectOf(a.props.accessControlPolicy).grants).map((g) => objectOf(objectOf(g).grantee).uri)),
    ];
    grantees.filter((uri) => typeof uri === "string" && PUBLIC_GROUPS.test(uri)).forEach((uri) => problems.push(`it grants access to ${String(uri).split("/").pop()}`));
    const statements = bucketStatements(stack, bucket) ?? [];
    if (statements.some((s) => s.effect === "Allow" && s.principals.includes("*") && Object.keys(s.condition).length === 0)) {
        problems.push('its bucket policy allows Principal "*" without a condition');
    }
    return problems;
}

export const exportBucketPublic = stackRule(
    {
        name: "export-bucket-public",
        description:
            "A bucket that holds ElastiCache exports (or their replicas) must block all public access: all four public access block settings on, no public ACL or grant, no policy open to everyone.",
        enforcementLevel: "mandatory",
        severity: "critical",
        controls: [
            securityHub("S3.8", "S3 general purpose buckets should block public access"),
            checkov("CKV2_AWS_6", "Ensure that S3 bucket has a Public Access block"),
        ],
        remediation:
            "Attach an aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets all true. " +
            "The ACL grant to ElastiCache's canonical user that exports need is not public and keeps working.",
    },
    (stack, report) => {
        for (const bucket of exportBuckets(stack)) {
            for (const problem of publicAccessProblems(stack, bucket)) {
                report(`ElastiCache export ${describeBucket(bucket)} may be public: ${problem}. Block all public access to the bucket.`, bucket.urn);
            }
        }
    },
);
