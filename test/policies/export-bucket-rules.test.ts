import { PlannedResource } from "hardened-redis-gate";
import { exportBucketAllowsPlaintext } from "../../policies/rules/export-bucket-allows-plaintext";
import { exportBucketPublic } from "../../policies/rules/export-bucket-public";
import { exportBucketReplicatedToAnotherAccount } from "../../policies/rules/export-bucket-replicated-to-another-account";
import { exportBucketUnencrypted } from "../../policies/rules/export-bucket-unencrypted";
import { exportBucketUnversioned } from "../../policies/rules/export-bucket-unversioned";
import { UNKNOWN_VALUE, describeRule, fedBy, messagesOf, notJudgedBy, planned } from "../support/policy-fixtures";

const ELASTICACHE_CANONICAL_ID = "540804c33a284a299d2547575ce1010f2312ef3da9b3a053c8bc45bf233e4353";

const bucket = planned("aws:s3/bucket:Bucket", "exports", { bucketPrefix: "orders-exports-" });
const attached = (type: string, name: string, props: Record<string, unknown>, target: PlannedResource = bucket) =>
    fedBy(planned(type, name, { bucket: "exports-id", ...props }), "bucket", target);

const elastiCacheGrant = attached("aws:s3/bucketAcl:BucketAcl", "exports-acl", {
    accessControlPolicy: {
        owner: { id: "owner-canonical-id" },
        grants: [
            { grantee: { type: "CanonicalUser", id: "owner-canonical-id" }, permission: "FULL_CONTROL" },
            ...["READ", "WRITE", "READ_ACP"].map((permission) => ({
                grantee: { type: "CanonicalUser", id: ELASTICACHE_CANONICAL_ID },
                permission,
            })),
        ],
    },
});
const accessBlock = (flags: Record<string, boolean> = {}) =>
    attached("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "exports-block", {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
        ...flags,
    });
const tlsOnly = {
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: ["arn:aws:s3:::exports-id", "arn:aws:s3:::exports-id/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const policy = (...statements: object[]) =>
    attached("aws:s3/bucketPolicy:BucketPolicy", "exports-policy", {
        policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
    });
const encryption = attached("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "exports-sse", {
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
});
const versioning = attached("aws:s3/bucketVersioning:BucketVersioning", "exports-versioning", {
    versioningConfiguration: { status: "Enabled" },
});

/** The export bucket as the backup module builds it: every protection on. */
const secureExportBucket = [bucket, elastiCacheGrant, accessBlock(), policy(tlsOnly), encryption, versioning];
const without = (...removed: PlannedResource[]) => secureExportBucket.filter((r) => !removed.includes(r));

/** An unrelated bucket that ElastiCache never writes to is not this pack's business. */
const unrelated = planned("aws:s3/bucket:Bucket", "website", { bucket: "www.example.com", acl: "public-read" });

/** An opt-in-region export bucket, which ElastiCache reaches through a bucket policy instead of an ACL. */
const optInPolicy = {
    Effect: "Allow",
    Principal: { Service: "ap-east-1.elasticache-snapshot.amazonaws.com" },
    Action: [
        "s3:PutObject",
        "s3:GetObject",
        "s3:ListBucket",
        "s3:GetBucketAcl",
        "s3:ListMultipartUploadParts",
        "s3:ListBucketMultipartUploads",
    ],
    Resource: ["arn:aws:s3:::exports-id", "arn:aws:s3:::exports-id/*"],
};

describeRule(exportBucketPublic, [
    { title: "the secure export bucket, and an unrelated public bucket", resources: [...secureExportBucket, unrelated], messages: [] },
    {
        title: "no public access block",
        resources: without(secureExportBucket[2]),
        messages: [/^ElastiCache export bucket "exports" may be public: it has no aws\.s3\.BucketPublicAccessBlock/],
    },
    {
        title: "a public access block with two settings off",
        resources: [...without(secureExportBucket[2]), accessBlock({ blockPublicPolicy: false, restrictPublicBuckets: false })],
        messages: [/its public access block "exports-block" leaves blockPublicPolicy, restrictPublicBuckets off/],
    },
    {
        title: "an account-wide public access block instead of the bucket's",
        resources: [
            ...without(secureExportBucket[2]),
            planned("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock", "account", {
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            }),
        ],
        messages: [],
    },
    {
        title: "a grant to AllUsers and a policy open to everyone",
        resources: [
            ...without(secureExportBucket[1], secureExportBucket[3]),
            attached("aws:s3/bucketAcl:BucketAcl", "exports-acl", {
                accessControlPolicy: {
                    owner: { id: "o" },
                    grants: [
                        { grantee: { type: "CanonicalUser", id: ELASTICACHE_CANONICAL_ID }, permission: "WRITE" },
                        { grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" },
                    ],
                },
            }),
            policy(tlsOnly, { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::exports-id/*" }),
        ],
        messages: [
            /may be public: it grants access to AllUsers/,
            /may be public: its bucket policy allows everyone \(Principal "\*" or NotPrincipal\) without a condition/,
        ],
    },
    {
        title: "an opt-in-region export bucket without an access block",
        resources: [bucket, policy(tlsOnly, optInPolicy)],
        messages: [/^ElastiCache export bucket "exports" may be public: it has no aws\.s3\.BucketPublicAccessBlock/],
    },
    {
        title: "the replica of an export bucket in another region",
        resources: (() => {
            const replica = planned("aws:s3/bucket:Bucket", "exports-replica", { bucket: "exports-replica", region: "us-west-2" });
            const replication = fedBy(
                attached("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "exports-replication", {
                    role: "arn:aws:iam::123456789012:role/replication",
                    rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::exports-replica" } }],
                }),
                "rules",
                replica,
            );
            return [...secureExportBucket, replica, replication];
        })(),
        messages: [/^ElastiCache export bucket "exports-replica" may be public: it has no aws\.s3\.BucketPublicAccessBlock/],
    },
]);

describeRule(exportBucketAllowsPlaintext, [
    { title: "a policy that denies requests without TLS", resources: secureExportBucket, messages: [] },
    {
        title: "no bucket policy",
        resources: without(secureExportBucket[3]),
        messages: [/^ElastiCache export bucket "exports" accepts requests without TLS/],
    },
    {
        title: "a policy with the condition the wrong way round",
        resources: [...without(secureExportBucket[3]), policy({ ...tlsOnly, Condition: { Bool: { "aws:SecureTransport": "true" } } })],
        messages: [/accepts requests without TLS/],
    },
    {
        title: "an inline policy on the bucket itself",
        resources: [
            { ...bucket, props: { ...bucket.props, policy: JSON.stringify({ Statement: [tlsOnly] }) } },
            ...without(bucket, secureExportBucket[3]),
        ],
        messages: [],
    },
]);

describeRule(exportBucketUnencrypted, [
    { title: "SSE-S3 by default", resources: secureExportBucket, messages: [] },
    {
        title: "no encryption configuration",
        resources: without(encryption),
        messages: [/^ElastiCache export bucket "exports" has no explicit default encryption/],
    },
    {
        title: "inline encryption on the bucket",
        resources: [
            {
                ...bucket,
                props: {
                    ...bucket.props,
                    serverSideEncryptionConfiguration: { rule: { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } } },
                },
            },
            ...without(bucket, encryption),
        ],
        messages: [],
    },
]);

describeRule(exportBucketUnversioned, [
    { title: "versioning enabled", resources: secureExportBucket, messages: [] },
    {
        title: "no versioning",
        resources: without(versioning),
        messages: [/^ElastiCache export bucket "exports" does not keep object versions/],
    },
    {
        title: "versioning suspended",
        resources: [
            ...without(versioning),
            attached("aws:s3/bucketVersioning:BucketVersioning", "v", { versioningConfiguration: { status: "Suspended" } }),
        ],
        messages: [/does not keep object versions/],
    },
]);

/** The component's own policy, unknown during preview because it names the bucket's generated ARN. */
const computedPolicy = attached("aws:s3/bucketPolicy:BucketPolicy", "exports-computed-policy", { policy: UNKNOWN_VALUE });
const openToEveryone = { Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::exports-id/*" };
const secondPolicy = (...statements: object[]) =>
    attached("aws:s3/bucketPolicy:BucketPolicy", "exports-second-policy", { policy: JSON.stringify({ Statement: statements }) });

describeRule(exportBucketPublic, [
    {
        title: "a second access block with every flag off beside the secure one",
        resources: [
            ...secureExportBucket,
            attached("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "exports-open", {
                blockPublicAcls: false,
                blockPublicPolicy: false,
                ignorePublicAcls: false,
                restrictPublicBuckets: false,
            }),
        ],
        messages: [
            /its public access block "exports-open" leaves blockPublicAcls, blockPublicPolicy, ignorePublicAcls, restrictPublicBuckets off/,
        ],
    },
    {
        title: 'a known Principal { AWS: "*" } statement beside a policy unknown during preview',
        resources: [...without(secureExportBucket[3]), computedPolicy, secondPolicy(openToEveryone)],
        messages: [/its bucket policy allows everyone/],
    },
    {
        title: "an Allow with NotPrincipal",
        resources: [
            ...without(secureExportBucket[3]),
            policy(tlsOnly, {
                Effect: "Allow",
                NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" },
                Action: "s3:GetObject",
                Resource: "arn:aws:s3:::exports-id/*",
            }),
        ],
        messages: [/its bucket policy allows everyone/],
    },
]);

describe("export bucket rules report what they cannot see as not judged", () => {
    it("a policy unknown during preview, with no known statement deciding", async () => {
        const resources = [...without(secureExportBucket[3]), computedPolicy];
        expect(await notJudgedBy(exportBucketAllowsPlaintext, resources)).toEqual([
            expect.stringMatching(/^ElastiCache export bucket "exports": part of its bucket policy is unknown during preview/),
        ]);
        // S3 refuses a public policy on a bucket that blocks public policies, so only an open bucket's unknown policy is not judged.
        expect(await notJudgedBy(exportBucketPublic, resources)).toEqual([]);
        const open = [...without(secureExportBucket[2], secureExportBucket[3]), accessBlock({ blockPublicPolicy: false }), computedPolicy];
        expect(await notJudgedBy(exportBucketPublic, open)).toEqual([
            expect.stringMatching(/part of its bucket policy is unknown during preview/),
        ]);
    });

    it("a known TLS-only statement decides the plaintext rule even beside an unknown policy", async () => {
        expect(await notJudgedBy(exportBucketAllowsPlaintext, [...secureExportBucket, computedPolicy])).toEqual([]);
    });

    it("access block flags unknown during preview", async () => {
        const resources = [...without(secureExportBucket[2]), accessBlock({ blockPublicPolicy: UNKNOWN_VALUE as unknown as boolean })];
        expect(await messagesOf(exportBucketPublic, resources)).toEqual([]);
        expect(await notJudgedBy(exportBucketPublic, resources)).toEqual([
            expect.stringMatching(/blockPublicPolicy of public access block "exports-block" is unknown during preview/),
        ]);
    });
});

const replicationTo = (
    destination: Record<string, unknown>,
    role: unknown = "arn:aws:iam::123456789012:role/replication",
    ...targets: PlannedResource[]
) =>
    fedBy(
        attached("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "exports-replication", {
            role,
            rules: [{ id: "all", status: "Enabled", destination }],
        }),
        "rules",
        ...targets,
    );
const replica = planned("aws:s3/bucket:Bucket", "exports-replica", { bucket: "exports-replica", region: "us-west-2" });

describeRule(exportBucketReplicatedToAnotherAccount, [
    {
        title: "replication to a bucket of the program in the same account",
        resources: [...secureExportBucket, replica, replicationTo({ bucket: "arn:aws:s3:::exports-replica" })],
        messages: [],
    },
    {
        title: "replication to another account through destination.account",
        resources: [
            ...secureExportBucket,
            replicationTo({
                bucket: "arn:aws:s3:::someone-elses-bucket",
                account: "999999999999",
                accessControlTranslation: { owner: "Destination" },
            }),
        ],
        messages: [/replicates exports \(rules\[0\]\) to account 999999999999, not the program's account 123456789012/],
    },
    {
        title: "replication to a destination ARN that names another account",
        resources: [...secureExportBucket, replicationTo({ bucket: "arn:aws:s3:us-east-1:999999999999:accesspoint/exports" })],
        messages: [/to account 999999999999/],
    },
    {
        title: "replication from a bucket that holds no exports",
        resources: [
            unrelated,
            fedBy(
                planned("aws:s3/bucketReplicationConfig:BucketReplicationConfig", "www", {
                    bucket: "www",
                    role: "arn:aws:iam::123456789012:role/r",
                    rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::x", account: "999999999999" } }],
                }),
                "bucket",
                unrelated,
            ),
        ],
        messages: [],
    },
]);

describe("export-bucket-replicated-to-another-account knows the program's account from the provider's allowedAccountIds", () => {
    const provider = (allowedAccountIds: string[]) =>
        planned("pulumi:providers:aws", "default", { region: "us-east-1", allowedAccountIds });
    const onProvider = (replication: PlannedResource, allowed: string[]) => {
        const aws = provider(allowed);
        return [aws, { ...replication, provider: `${aws.urn}::id` }];
    };
    const unknownRole = replicationTo({ bucket: "arn:aws:s3:::elsewhere", account: "999999999999" }, UNKNOWN_VALUE);

    it("judges a destination account against the one allowed account when the role's ARN is unknown", async () => {
        const resources = [...secureExportBucket, ...onProvider(unknownRole, ["123456789012"])];
        expect(await messagesOf(exportBucketReplicatedToAnotherAccount, resources)).toEqual([
            expect.stringMatching(/to account 999999999999, not the program's account 123456789012/),
        ]);
    });

    it("judges an account the provider may not deploy to as another one, among several allowed", async () => {
        const resources = [...secureExportBucket, ...onProvider(unknownRole, ["123456789012", "210987654321"])];
        expect(await messagesOf(exportBucketReplicatedToAnotherAccount, resources)).toEqual([
            expect.stringMatching(/to account 999999999999, not one of the accounts its provider allows \(123456789012, 210987654321\)/),
        ]);
    });

    it("does not judge an allowed account among several, since the program's own is one of them", async () => {
        const toAllowed = replicationTo({ bucket: "arn:aws:s3:::elsewhere", account: "210987654321" }, UNKNOWN_VALUE);
        const resources = [...secureExportBucket, ...onProvider(toAllowed, ["123456789012", "210987654321"])];
        expect(await messagesOf(exportBucketReplicatedToAnotherAccount, resources)).toEqual([]);
        expect(await notJudgedBy(exportBucketReplicatedToAnotherAccount, resources)).toEqual([
            expect.stringMatching(/the destination account of rules\[0\] or the program's account .* is unknown/),
        ]);
    });

    it("passes replication to the allowed account itself", async () => {
        const toOwn = replicationTo({ bucket: "arn:aws:s3:::exports-replica", account: "123456789012" }, UNKNOWN_VALUE, replica);
        expect(
            await messagesOf(exportBucketReplicatedToAnotherAccount, [
                ...secureExportBucket,
                replica,
                ...onProvider(toOwn, ["123456789012"]),
            ]),
        ).toEqual([]);
    });
});

describe("export-bucket-replicated-to-another-account reports what it cannot see as not judged", () => {
    it.each([
        [
            "a destination bucket the program does not define",
            replicationTo({ bucket: "arn:aws:s3:::elsewhere" }),
            /rules\[0\] replicates exports to a bucket the program does not define/,
        ],
        [
            "a destination account with a role unknown during preview",
            replicationTo({ bucket: "arn:aws:s3:::elsewhere", account: "999999999999" }, UNKNOWN_VALUE),
            /the destination account of rules\[0\] or the program's account \(.*\) is unknown/,
        ],
    ])("%s", async (_, replication, expected) => {
        const resources = [...secureExportBucket, replication];
        expect(await messagesOf(exportBucketReplicatedToAnotherAccount, resources)).toEqual([]);
        expect(await notJudgedBy(exportBucketReplicatedToAnotherAccount, resources)).toEqual([expect.stringMatching(expected)]);
    });
});

describe("export-bucket-public on a public BucketPolicy whose bucket is unknown at preview", () => {
    const owner = planned("test:index:Backups", "backups", {});
    const inOwner = (resource: PlannedResource): PlannedResource => ({ ...resource, parent: owner.urn });
    const everyone = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::*" }],
    });
    const leak = (...nameFrom: PlannedResource[]) =>
        planned(
            "aws:s3/bucketPolicy:BucketPolicy",
            "leak",
            { bucket: UNKNOWN_VALUE, policy: everyone },
            { propertyDependencies: { bucket: nameFrom.map((r) => r.urn) } },
        );
    const other = planned("aws:s3/bucket:Bucket", "www", { bucketPrefix: "www-" });
    /** An export bucket whose access block leaves public policies allowed (itself a finding). */
    const openExportBucket = [...without(secureExportBucket[2]), accessBlock({ blockPublicPolicy: false })];
    const BLOCK_OFF =
        /^ElastiCache export bucket "exports" may be public: its public access block "exports-block" leaves blockPublicPolicy off/;

    it("denies it when its bucket comes from a component whose every bucket holds exports it would open", async () => {
        const helper = inOwner(planned("aws:iam/role:Role", "helper", {}));
        expect(await messagesOf(exportBucketPublic, [owner, ...openExportBucket.map(inOwner), helper, leak(helper)])).toEqual([
            expect.stringMatching(BLOCK_OFF),
            expect.stringMatching(
                /^BucketPolicy "leak" allows everyone .* on a bucket unknown at preview, from Backups "backups", whose every bucket \("exports"\) holds ElastiCache exports/,
            ),
        ]);
    });

    it("does not judge it, on the policy and each export bucket it may open, when its bucket may be another one", async () => {
        const resources = [...openExportBucket, other, leak()];
        expect(await messagesOf(exportBucketPublic, resources)).toEqual([expect.stringMatching(BLOCK_OFF)]);
        const notJudged = await notJudgedBy(exportBucketPublic, resources);
        expect(notJudged).toEqual([
            expect.stringMatching(/^BucketPolicy "leak" allows everyone without a condition on a bucket unknown at preview/),
            expect.anything(),
        ]);
        expect(notJudged[1]).toBe(notJudged[0]);
    });

    it("leaves alone an export bucket whose public access block makes S3 refuse the policy", async () => {
        expect(await notJudgedBy(exportBucketPublic, [...secureExportBucket, other, leak()])).toEqual([
            expect.stringMatching(/^BucketPolicy "leak"/),
        ]);
        expect(await messagesOf(exportBucketPublic, [owner, ...secureExportBucket.map(inOwner), leak(owner)])).toEqual([]);
    });

    it("leaves a policy that opens nothing to everyone alone", async () => {
        const private_ = {
            ...leak(),
            props: {
                bucket: UNKNOWN_VALUE,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Effect: "Allow",
                            Principal: { AWS: "arn:aws:iam::123456789012:root" },
                            Action: "s3:GetObject",
                            Resource: "arn:aws:s3:::*",
                        },
                    ],
                }),
            },
        };
        expect(await notJudgedBy(exportBucketPublic, [...openExportBucket, private_])).toEqual([]);
    });
});
