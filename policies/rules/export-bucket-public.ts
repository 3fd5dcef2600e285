import { checkov, securityHub } from "../lib/controls";
import { booleanOf, isUnknown, listOf, objectOf, stringOf } from "../lib/known-values";
import { StackResourceView, StackView, stackRule, unknownDuringPreview } from "../lib/rule";
import {
    BUCKET_ACL_TYPES,
    BUCKET_POLICY,
    BUCKET_TYPES,
    PUBLIC_ACCESS_BLOCK,
    Statement,
    attachmentsOf,
    bucketStatements,
    bucketsOf,
    describeBucket,
    exportBuckets,
    statementsOf,
} from "../lib/s3";

const ACCOUNT_PUBLIC_ACCESS_BLOCK = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock";
const BLOCK_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);
const PUBLIC_GROUPS = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

/** The flags an access block leaves off, and those unknown during preview. */
function flagsOf(block: StackResourceView): { off: string[]; unknown: string[] } {
    return {
        off: BLOCK_FLAGS.filter((flag) => !isUnknown(block.props[flag]) && booleanOf(block.props[flag]) !== true),
        unknown: BLOCK_FLAGS.filter((flag) => isUnknown(block.props[flag])),
    };
}

/** A statement that allows everyone: `Principal: "*"` (or `{ AWS: "*" }`), or an Allow with `NotPrincipal`, without a condition. */
function allowsEveryone(statement: Statement): boolean {
    return (
        statement.effect === "Allow" &&
        (statement.principals.includes("*") || statement.notPrincipals.length > 0) &&
        Object.keys(statement.condition).length === 0
    );
}

/** Whether the account blocks all public access, and whether it or every access block of the bucket does. */
function blockedOf(stack: StackView, bucket: StackResourceView): { accountBlocked: boolean; allBlocked: boolean } {
    const accountBlocks = stack.ofType(ACCOUNT_PUBLIC_ACCESS_BLOCK).map(flagsOf);
    // S3 applies the most restrictive of the account's and the bucket's settings.
    const accountBlocked = accountBlocks.some((flags) => flags.off.length === 0 && flags.unknown.length === 0);
    const blocks = attachmentsOf(stack, bucket, [PUBLIC_ACCESS_BLOCK]);
    return {
        accountBlocked,
        allBlocked:
            accountBlocked ||
            (blocks.length > 0 && blocks.every((block) => flagsOf(block).off.length === 0 && flagsOf(block).unknown.length === 0)),
    };
}

function publicAccessProblems(stack: StackView, bucket: StackResourceView, notJudged: (what: string) => void): string[] {
    const { accountBlocked, allBlocked } = blockedOf(stack, bucket);
    const blocks = attachmentsOf(stack, bucket, [PUBLIC_ACCESS_BLOCK]);
    const problems: string[] = [];
    if (!accountBlocked) {
        if (blocks.length === 0) problems.push("it has no aws.s3.BucketPublicAccessBlock");
        // A bucket has one access block configuration; whichever resource writes it last decides, so every one must block all.
        for (const block of blocks) {
            const { off, unknown } = flagsOf(block);
            if (off.length > 0) problems.push(`its public access block "${block.name}" leaves ${off.join(", ")} off`);
            else if (unknown.length > 0) notJudged(`${unknown.join(", ")} of public access block "${block.name}"`);
        }
    }
    const acls = attachmentsOf(stack, bucket, BUCKET_ACL_TYPES);
    const canned = [bucket.props.acl, ...acls.map((a) => a.props.acl)]
        .map(stringOf)
        .filter((acl): acl is string => acl !== undefined && PUBLIC_CANNED_ACLS.has(acl));
    canned.forEach((acl) => problems.push(`it has the canned ACL "${acl}"`));
    const grantees = [
        ...listOf(bucket.props.grants).map((g) => objectOf(g).uri),
        ...acls.flatMap((a) => listOf(objectOf(a.props.accessControlPolicy).grants).map((g) => objectOf(objectOf(g).grantee).uri)),
    ];
    grantees
        .filter((uri) => typeof uri === "string" && PUBLIC_GROUPS.test(uri))
        .forEach((uri) => problems.push(`it grants access to ${String(uri).split("/").pop()}`));
    const { statements, unknown } = bucketStatements(stack, bucket);
    if (statements.some(allowsEveryone))
        problems.push('its bucket policy allows everyone (Principal "*" or NotPrincipal) without a condition');
    // With BlockPublicPolicy and RestrictPublicBuckets on, S3 refuses a public policy, so an unknown one cannot open the bucket.
    else if (unknown && !allBlocked) notJudged("part of its bucket policy");
    return problems;
}

/**
 * Judges a BucketPolicy that allows everyone but whose bucket is unknown at preview (attached to no bucket
 * of the program) on what it is: denied when its bucket comes from one component all of whose buckets are
 * export buckets it would open, otherwise not judged on it and on each export bucket it may open (one
 * whose public access block S3 would refuse the policy for is not).
 */
function judgeUnattachedPolicy(
    stack: StackView,
    policy: StackResourceView,
    report: (message: string, urn?: string) => void,
    notJudged: (message: string, urn?: string) => void,
): void {
    if (
        !isUnknown(policy.props.bucket) ||
        bucketsOf(stack, policy).length > 0 ||
        !statementsOf(policy.props.policy).statements.some(allowsEveryone)
    )
        return;
    const exports = exportBuckets(stack).filter((bucket) => !blockedOf(stack, bucket).allBlocked);
    const owner = stack.ownerOfValue(policy, "bucket");
    const candidates = owner ? stack.resources.filter((r) => stack.topLevelOf(r) === owner && BUCKET_TYPES.includes(r.type)) : [];
    if (candidates.length > 0 && candidates.every((bucket) => exports.includes(bucket))) {
        const names = candidates.map((bucket) => `"${bucket.name}"`).join(", ");
        report(
            `BucketPolicy "${policy.name}" allows everyone (Principal "*" or NotPrincipal) without a condition on a bucket unknown at preview, from ${owner!.type.split(":").pop()} "${owner!.name}", whose every bucket (${names}) holds ElastiCache exports. Remove the statement.`,
            policy.urn,
        );
        return;
    }
    const message = `BucketPolicy "${policy.name}" allows everyone without a condition on a bucket unknown at preview, which may be an ElastiCache export bucket, so it was not judged.`;
    [policy, ...exports].forEach((resource) => notJudged(message, resource.urn));
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
    (stack, report, _, notJudged) => {
        for (const bucket of exportBuckets(stack)) {
            const subject = `ElastiCache export ${describeBucket(bucket)}`;
            for (const problem of publicAccessProblems(stack, bucket, (what) =>
                notJudged(unknownDuringPreview(subject, what), bucket.urn),
            )) {
                report(
                    `ElastiCache export ${describeBucket(bucket)} may be public: ${problem}. Block all public access to the bucket.`,
                    bucket.urn,
                );
            }
        }
        for (const policy of stack.ofType(BUCKET_POLICY)) judgeUnattachedPolicy(stack, policy, report, notJudged);
    },
);
