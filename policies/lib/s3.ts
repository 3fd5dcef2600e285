import { isUnknown, listOf, objectOf, stringOf } from "./known-values";
import { StackResourceView, StackView } from "./rule";

export const BUCKET_TYPES = ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"];
export const PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
export const BUCKET_ACL_TYPES = ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"];
export const ENCRYPTION_TYPES = [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
export const VERSIONING_TYPES = ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"];
export const REPLICATION_CONFIG = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";

/** The canonical user ids through which ElastiCache writes exports: standard regions, then AWS GovCloud (US). */
export const ELASTICACHE_CANONICAL_IDS = [
    "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353",
    "40fa568277ad703bd160f66ae4f83fc9dfdfd06c2f1b5060ca22442ac3ef8be6",
];

/** A bucket policy statement, with list-or-single fields normalised to lists. */
export interface Statement {
    effect: string;
    principals: string[];
    /** `NotPrincipal`: an Allow with it admits everyone but these. */
    notPrincipals: string[];
    actions: string[];
    resources: string[];
    condition: Record<string, any>;
}

/** What a policy document is known to say: its statements, and whether any part of it is unknown during preview. */
export interface KnownStatements {
    statements: Statement[];
    unknown: boolean;
}

const STATEMENT_FIELDS = ["Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"];

/** Whether a value holds an unknown anywhere inside it. */
function holdsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    return value !== null && typeof value === "object" && Object.values(value).some(holdsUnknown);
}

/**
 * The statements of a policy document that are known; a statement with an unknown part is left out and
 * marks the document unknown. A document that is not JSON has no statements.
 */
export function statementsOf(policy: unknown): KnownStatements {
    if (isUnknown(policy)) return { statements: [], unknown: true };
    let document: unknown = policy;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy);
        } catch {
            return { statements: [], unknown: false };
        }
    }
    const raw = objectOf(document).Statement;
    if (isUnknown(raw)) return { statements: [], unknown: true };
    const all = listOf([raw].flat().filter(Boolean)).map(objectOf);
    const known = all.filter((statement) => !STATEMENT_FIELDS.some((field) => holdsUnknown(statement[field])));
    const statements = known.map((statement) => {
        const principals = (value: unknown) =>
            value === "*"
                ? ["*"]
                : Object.values(objectOf(value))
                      .flat()
                      .filter((p): p is string => typeof p === "string");
        const strings = (value: unknown) => [value].flat().filter((v): v is string => typeof v === "string");
        return {
            effect: String(statement.Effect),
            principals: principals(statement.Principal),
            notPrincipals: principals(statement.NotPrincipal),
            actions: strings(statement.Action),
            resources: strings(statement.Resource),
            condition: objectOf(statement.Condition),
        };
    });
    return { statements, unknown: known.length < all.length };
}

/** The buckets a bucket-level resource (policy, ACL, access block ...) applies to. */
export function bucketsOf(stack: StackView, attachment: StackResourceView): StackResourceView[] {
    return stack.referencedBy(attachment, "bucket", BUCKET_TYPES, (bucket) => [bucket.props.bucket]);
}

/** Every resource of the given types that applies to the bucket. */
export function attachmentsOf(stack: StackView, bucket: StackResourceView, types: readonly string[]): StackResourceView[] {
    return stack.ofType(...types).filter((attachment) => bucketsOf(stack, attachment).includes(bucket));
}

/** The bucket's policy statements that are known, inline and attached, and whether any policy is partly unknown. */
export function bucketStatements(stack: StackView, bucket: StackResourceView): KnownStatements {
    const documents = [
        ...(bucket.props.policy !== undefined ? [bucket.props.policy] : []),
        ...attachmentsOf(stack, bucket, [BUCKET_POLICY]).map((p) => p.props.policy),
    ];
    const parsed = documents.map(statementsOf);
    return { statements: parsed.flatMap((p) => p.statements), unknown: parsed.some((p) => p.unknown) };
}

function grantsElastiCache(grants: unknown[]): boolean {
    return grants.some((grant) => {
        const entry = objectOf(grant);
        const grantee = objectOf(entry.grantee ?? entry);
        return ELASTICACHE_CANONICAL_IDS.includes(stringOf(grantee.id) ?? "");
    });
}

/**
 * Buckets that hold ElastiCache exports: ElastiCache is granted write access by ACL (standard
 * regions) or by a bucket policy naming an ElastiCache service principal (opt-in regions). Buckets
 * that an export bucket replicates to hold the same backups and count too.
 */
export function exportBuckets(stack: StackView): StackResourceView[] {
    const found = new Set<StackResourceView>();
    for (const bucket of stack.ofType(...BUCKET_TYPES)) {
        if (grantsElastiCache(listOf(bucket.props.grants))) found.add(bucket);
        const { statements } = bucketStatements(stack, bucket);
        if (statements.some((s) => s.effect === "Allow" && s.principals.some((p) => /elasticache/i.test(p)))) found.add(bucket);
    }
    for (const acl of stack.ofType(...BUCKET_ACL_TYPES)) {
        if (grantsElastiCache(listOf(objectOf(acl.props.accessControlPolicy).grants))) bucketsOf(stack, acl).forEach((b) => found.add(b));
    }
    let grew = true;
    while (grew) {
        grew = false;
        for (const replication of stack.ofType(REPLICATION_CONFIG)) {
            if (!bucketsOf(stack, replication).some((b) => found.has(b))) continue;
            for (const destination of replicationDestinations(stack, replication)) {
                if (!found.has(destination)) {
                    found.add(destination);
                    grew = true;
                }
            }
        }
    }
    return [...found];
}

function replicationDestinations(stack: StackView, replication: StackResourceView): StackResourceView[] {
    const arns = listOf(replication.props.rules).map((rule) => stringOf(objectOf(objectOf(rule).destination).bucket));
    const byArn = stack.ofType(...BUCKET_TYPES).filter((bucket) => arns.some((arn) => isArnOf(arn, bucket)));
    return [...new Set([...stack.sourcesOf(replication, "rules", BUCKET_TYPES), ...byArn])];
}

/** True when the ARN is the bucket's, in any partition (`arn:aws:s3:::name`, `arn:aws-us-gov:s3:::name`). */
export function isArnOf(arn: unknown, bucket: StackResourceView): boolean {
    return (
        typeof arn === "string" &&
        typeof bucket.props.bucket === "string" &&
        /^arn:[\w-]+:s3:::/.test(arn) &&
        arn.split(":::")[1] === bucket.props.bucket
    );
}

/** A short name of a bucket for messages. */
export function describeBucket(bucket: StackResourceView): string {
    return `bucket "${bucket.name}"`;
}
