/**
 * How ElastiCache is allowed to write exports into a bucket, as the ElastiCache User Guide documents it
 * ("Exporting a backup", step 2). ElastiCache checks the bucket's ACL for its own canonical user, with
 * READ (list objects), WRITE (write objects) and READ_ACP (read bucket permissions), and reports
 * "ElastiCache has not been granted ... permissions" when one is missing. So in the regions that were
 * enabled by default the bucket needs ACLs (object ownership "BucketOwnerPreferred"), even though S3
 * otherwise recommends disabling them. Regions launched after 20 March 2019 are opt-in, and there
 * ElastiCache uses a regional service principal named in the bucket policy instead.
 */

/** Regions that were enabled by default; every region launched since is opt-in. */
export const DEFAULT_ENABLED_REGIONS = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "sa-east-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "ap-south-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-southeast-1",
    "ap-southeast-2",
] as const;

/** ElastiCache's canonical user in each partition. */
export const ELASTICACHE_CANONICAL_USER_IDS: Record<string, string> = {
    aws: "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353",
    "aws-us-gov": "40fa568277ad703bd160f66ae4f83fc9dfdfd06c2f1b5060ca22442ac3ef8be6",
    "aws-cn": "b14d6a125bdf69854ed8ef2e71d8a20b7c490f252229b806e514966e490b8d83",
};

/** The bucket permissions that the ACL grant gives ElastiCache: list objects, write objects, read the ACL. */
export const ELASTICACHE_ACL_PERMISSIONS = ["READ", "WRITE", "READ_ACP"] as const;

/** What ElastiCache may do in an opt-in region's bucket, through the bucket policy. */
export const ELASTICACHE_POLICY_ACTIONS = [
    "s3:PutObject",
    "s3:GetObject",
    "s3:ListBucket",
    "s3:GetBucketAcl",
    "s3:ListMultipartUploadParts",
    "s3:ListBucketMultipartUploads",
];

export type ElastiCacheGrant = { kind: "acl"; canonicalUserId: string } | { kind: "bucket-policy"; servicePrincipal: string };

export function elastiCacheGrant(partition: string, region: string): ElastiCacheGrant {
    const canonicalUserId = ELASTICACHE_CANONICAL_USER_IDS[partition];
    if (partition !== "aws" && canonicalUserId) return { kind: "acl", canonicalUserId };
    if ((DEFAULT_ENABLED_REGIONS as readonly string[]).includes(region))
        return { kind: "acl", canonicalUserId: ELASTICACHE_CANONICAL_USER_IDS.aws };
    return { kind: "bucket-policy", servicePrincipal: `${region}.elasticache-snapshot.amazonaws.com` };
}

export interface AclGrant {
    grantee: { type: "CanonicalUser"; id: string };
    permission: string;
}

/** The bucket ACL: the owner keeps full control, and ElastiCache gets its grant where it uses the ACL. */
export function bucketAclGrants(ownerCanonicalUserId: string, grant: ElastiCacheGrant): AclGrant[] {
    const canonical = (id: string, permission: string): AclGrant => ({ grantee: { type: "CanonicalUser", id }, permission });
    const elastiCache = grant.kind === "acl" ? ELASTICACHE_ACL_PERMISSIONS.map((p) => canonical(grant.canonicalUserId, p)) : [];
    return [canonical(ownerCanonicalUserId, "FULL_CONTROL"), ...elastiCache];
}

export interface PolicyStatement {
    Sid: string;
    Effect: "Allow" | "Deny";
    Principal?: "*" | Record<string, string | string[]>;
    Action: string | string[];
    /** Absent in trust policies, which apply to the role itself. */
    Resource?: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** Refuses every request that does not use TLS. */
export function denyInsecureTransport(resources: string[]): PolicyStatement {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: resources,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/**
 * The backup bucket's policy: TLS only, plus ElastiCache's service principal in opt-in regions. That
 * principal gets no source-account condition: the documented policy has none, and ElastiCache itself
 * refuses to export into a bucket that the caller's account does not own.
 */
export function backupBucketPolicy(bucketArn: string, grant: ElastiCacheGrant): PolicyDocument {
    const resources = [bucketArn, `${bucketArn}/*`];
    const elastiCache: PolicyStatement[] =
        grant.kind === "bucket-policy"
            ? [
                  {
                      Sid: "ElastiCacheSnapshotExport",
                      Effect: "Allow",
                      Principal: { Service: grant.servicePrincipal },
                      Action: ELASTICACHE_POLICY_ACTIONS,
                      Resource: resources,
                  },
              ]
            : [];
    return { Version: "2012-10-17", Statement: [denyInsecureTransport(resources), ...elastiCache] };
}
