import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BACKUP_DEFAULTS, LifecycleSettings, ObjectLockSettings } from "./settings";
import { backupBucketPolicy, bucketAclGrants, elastiCacheGrant } from "./grants";
import { s3BucketArn } from "./policies";

export interface BackupBucketResourceArgs {
    /** The start of the generated bucket name, lowercase, at most 37 characters. */
    bucketPrefix: string;
    /** The account's canonical user, which keeps full control in the bucket ACL. */
    ownerCanonicalUserId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** The bucket's region, resolved: it decides whether ElastiCache is granted by ACL or by bucket policy. */
    resolvedRegion: pulumi.Input<string>;
    lifecycle: LifecycleSettings;
    objectLock?: ObjectLockSettings;
    /** Publish the bucket's events to EventBridge, where the export function hears of finished exports. */
    eventBridge: boolean;
    tags: pulumi.Input<Record<string, string>>;
    region?: pulumi.Input<string>;
}

export interface BackupBucket {
    bucket: aws.s3.Bucket;
    name: pulumi.Output<string>;
    arn: pulumi.Output<string>;
    /** S3 replicates only between versioned buckets, so replication waits for this. */
    versioning: aws.s3.BucketVersioning;
}

/**
 * A bucket that ElastiCache can export to and that keeps the exports safe: no public access, SSE-S3
 * (exports cannot use a customer-managed key), versioning, TLS only, a transition then an expiry, and
 * optionally Object Lock. ElastiCache's write access follows the ElastiCache User Guide: a canonical-user
 * ACL grant in default regions, hence object ownership `BucketOwnerPreferred`, which keeps ACLs working
 * while the owner owns what is uploaded with `bucket-owner-full-control`; a bucket policy in opt-in regions.
 */
export function createBackupBucket(name: string, args: BackupBucketResourceArgs, parent: pulumi.Resource): BackupBucket {
    const opts = { parent };
    const { region } = args;
    const bucket = new aws.s3.Bucket(
        name,
        { bucketPrefix: args.bucketPrefix, objectLockEnabled: args.objectLock !== undefined, forceDestroy: false, region, tags: args.tags },
        opts,
    );
    const bucketName = bucket.id;
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access`,
        { bucket: bucketName, blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true, region },
        opts,
    );
    const ownership = new aws.s3.BucketOwnershipControls(
        `${name}-ownership`,
        { bucket: bucketName, rule: { objectOwnership: "BucketOwnerPreferred" }, region },
        opts,
    );
    const grant = pulumi
        .all([args.partition, args.resolvedRegion])
        .apply(([partition, resolvedRegion]) => elastiCacheGrant(partition, resolvedRegion));
    new aws.s3.BucketAcl(
        `${name}-acl`,
        {
            bucket: bucketName,
            accessControlPolicy: {
                owner: { id: args.ownerCanonicalUserId },
                grants: pulumi.all([args.ownerCanonicalUserId, grant]).apply(([owner, g]) => bucketAclGrants(owner, g)),
            },
            region,
        },
        { parent, dependsOn: [ownership, publicAccess] },
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
        `${name}-encryption`,
        { bucket: bucketName, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }], region },
        opts,
    );
    const versioning = new aws.s3.BucketVersioning(
        `${name}-versioning`,
        { bucket: bucketName, versioningConfiguration: { status: "Enabled" }, region },
        opts,
    );
    const arn = pulumi.all([args.partition, bucketName]).apply(([partition, n]) => s3BucketArn(partition, n));
    new aws.s3.BucketPolicy(
        `${name}-policy`,
        {
            bucket: bucketName,
            policy: pulumi.all([arn, grant]).apply(([bucketArn, g]) => JSON.stringify(backupBucketPolicy(bucketArn, g))),
            region,
        },
        { parent, dependsOn: [publicAccess] },
    );
    new aws.s3.BucketLifecycleConfiguration(
        `${name}-lifecycle`,
        {
            bucket: bucketName,
            rules: [
                {
                    id: "exports",
                    status: "Enabled",
                    filter: {},
                    transitions: [{ days: args.lifecycle.transitionAfterDays, storageClass: args.lifecycle.storageClass }],
                    expiration: { days: args.lifecycle.expireAfterDays },
                    noncurrentVersionExpiration: { noncurrentDays: BACKUP_DEFAULTS.noncurrentVersionDays },
                    abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                },
            ],
            region,
        },
        { parent, dependsOn: [versioning] },
    );
    if (args.objectLock) {
        new aws.s3.BucketObjectLockConfiguration(
            `${name}-object-lock`,
            { bucket: bucketName, rule: { defaultRetention: { mode: args.objectLock.mode, days: args.objectLock.retentionDays } }, region },
            { parent, dependsOn: [versioning] },
        );
    }
    if (args.eventBridge) {
        new aws.s3.BucketNotification(`${name}-events`, { bucket: bucketName, eventbridge: true, region }, opts);
    }
    return { bucket, name: bucketName, arn, versioning };
}
