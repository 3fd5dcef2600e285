import { isUnknown, listOf, objectOf, stringOf } from "./read";
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
    actions: string[];
    resources: string[];
    condition: Record<string, any>;
}

/** The statements of a policy document; undefined when the document is unknown or not JSON. */
export function statementsOf(policy: unknown): Statement[] | undefined {
    if (isUnknown(policy)) return undefined;
    let document: unknown = policy;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy);
        } catch {
            return undefined;
        }
    }
    return listOf([objectOf(document).Statement].flat().filter(Boolean)).map((raw) => {
        const statement = objectOf(raw);
        const principal = statement.Principal;
        const principals = principal === "*" ? ["*"] : Object.values(objectOf(principal)).flat().filter((p): p is string => typeof p === "string");
        const strings = (value: unknown) => [value].flat().filter((v): v is string => typeof v === "string");
        return { effect: String(statement.Effect), principals, actions: strings(statement.Action), resources: strings(statement.Resource), condition: objectOf(statement.Condition) };
    });
}

/** The buckets a bucket-level resource (policy, ACL, access block ...) applies to. */
export function bucketsOf(stack: StackView, attachment: StackResourceView): StackResourceView[] {
    return stack.referencedBy(attachment, "bucket", BUCKET_TYPES, (bucket) => [bucket.props.bucket]);
}

/** Every resource of the given types that applies to the bucket. */
export function attachmentsOf(stack: StackView, bucket: StackResourceView, types: readonly string[]): StackResourceView[] {
    return stack.ofType(...types).filter((attachment) => bucketsOf(stack, attachment).includes(bucket));
}

/** The bucket's policy statements, inline and attached; undefined when any policy is not known yet. */
export function bucketStatements(stack: StackView, bucket: StackResourceView): Statement[] | undefined {
    const documents = [...(bucket.props.policy !== undefined ? [bucket.props.policy] : []), ...attachmentsOf(stack, bucket, [BUCKET_POLICY]).map((p) => p.props.policy)];
    const parsed = documents.map(statementsOf);
    return parsed.some((s) => s === undefined) ? undefined : parsed.flat() as Statement[];
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
        const statements = bucketStatements(stack, bucket) ?? [];
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
    const byArn = stack.ofType(...BUCKET_TYPES).filter((bucket) => typeof bucket.props.bucket === "string" && arns.includes(`arn:aws:s3:::${bucket.props.bucket}`));
    return [...new Set([...stack.sourcesOf(replication, "rules", BUCKET_TYPES), ...byArn])];
}

/** A short name of a bucket for messages. */
export function describeBucket(bucket: StackResourceView): string {
    return `bucket "${bucket.name}"`;
}
