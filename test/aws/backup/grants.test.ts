import {
    DEFAULT_ENABLED_REGIONS,
    ELASTICACHE_CANONICAL_USER_IDS,
    backupBucketPolicy,
    bucketAclGrants,
    elastiCacheGrant,
} from "../../../components/aws/backup/grants";

describe("how ElastiCache is granted access to an export bucket", () => {
    it.each(DEFAULT_ENABLED_REGIONS.map((r) => [r]))("uses the ACL grant to the standard canonical user in %s", (region) => {
        expect(elastiCacheGrant("aws", region)).toEqual({
            kind: "acl",
            canonicalUserId: "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353",
        });
    });

    it.each([
        "af-south-1",
        "ap-east-1",
        "ap-south-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ca-west-1",
        "eu-central-2",
        "eu-south-1",
        "eu-south-2",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "mx-central-1",
    ])("uses the bucket policy for the regional service principal in the opt-in region %s", (region) => {
        expect(elastiCacheGrant("aws", region)).toEqual({
            kind: "bucket-policy",
            servicePrincipal: `${region}.elasticache-snapshot.amazonaws.com`,
        });
    });

    it("treats a region launched after this list as opt-in, as every region since March 2019 is", () => {
        expect(elastiCacheGrant("aws", "xx-newregion-1").kind).toBe("bucket-policy");
    });

    it("uses the partition's own canonical user in GovCloud and China", () => {
        expect(elastiCacheGrant("aws-us-gov", "us-gov-west-1")).toEqual({
            kind: "acl",
            canonicalUserId: "40fa568277ad703bd160f66ae4f83fc9dfdfd06c2f1b5060ca22442ac3ef8be6",
        });
        expect(elastiCacheGrant("aws-cn", "cn-north-1")).toEqual({
            kind: "acl",
            canonicalUserId: "b14d6a125bdf69854ed8ef2e71d8a20b7c490f252229b806e514966e490b8d83",
        });
    });
});

describe("the bucket ACL and policy", () => {
    const acl = elastiCacheGrant("aws", "us-east-1");
    const policy = elastiCacheGrant("aws", "me-south-1");

    it("keeps the owner's full control, and adds list, write and read-ACL for ElastiCache", () => {
        expect(bucketAclGrants("owner-id", acl).map((g) => `${g.grantee.id}:${g.permission}`)).toEqual([
            "owner-id:FULL_CONTROL",
            `${ELASTICACHE_CANONICAL_USER_IDS.aws}:READ`,
            `${ELASTICACHE_CANONICAL_USER_IDS.aws}:WRITE`,
            `${ELASTICACHE_CANONICAL_USER_IDS.aws}:READ_ACP`,
        ]);
        expect(bucketAclGrants("owner-id", policy)).toEqual([
            { grantee: { type: "CanonicalUser", id: "owner-id" }, permission: "FULL_CONTROL" },
        ]);
    });

    it("denies requests without TLS in every region and admits the service principal only where it is the grant", () => {
        expect(backupBucketPolicy("arn:aws:s3:::b", acl).Statement.map((s) => s.Sid)).toEqual(["DenyInsecureTransport"]);
        const optIn = backupBucketPolicy("arn:aws:s3:::b", policy).Statement;
        expect(optIn.map((s) => s.Sid)).toEqual(["DenyInsecureTransport", "ElastiCacheSnapshotExport"]);
        expect(optIn[1].Principal).toEqual({ Service: "me-south-1.elasticache-snapshot.amazonaws.com" });
        expect(optIn[1].Resource).toEqual(["arn:aws:s3:::b", "arn:aws:s3:::b/*"]);
    });
});
