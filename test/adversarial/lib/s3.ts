// A hand-written ElastiCache export bucket for the corpus: the service may write to it, and it is private,
// TLS-only, encrypted and versioned. Programs weaken one of these.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** A bucket policy document: ElastiCache's service principal may write exports, plaintext requests are denied. */
export function exportPolicy(bucketArn: pulumi.Input<string>, ...extra: object[]): pulumi.Output<string> {
    return pulumi.output(bucketArn).apply((arn) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "ElastiCacheExports",
                    Effect: "Allow",
                    Principal: { Service: "elasticache.amazonaws.com" },
                    Action: [
                        "s3:PutObject",
                        "s3:GetObject",
                        "s3:ListBucket",
                        "s3:GetBucketAcl",
                        "s3:ListMultipartUploadParts",
                        "s3:ListBucketMultipartUploads",
                    ],
                    Resource: [arn, `${arn}/*`],
                },
                {
                    Sid: "TlsOnly",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: [arn, `${arn}/*`],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
                ...extra,
            ],
        }),
    );
}

/**
 * The export bucket `<name>-exports` with its policy, versioning and default encryption; the public access
 * block is the caller's. The policy names the bucket's ARN literally, so it is known at preview.
 */
export function exportBucket(name: string, ...extraStatements: object[]): aws.s3.Bucket {
    const bucket = new aws.s3.Bucket(name, { bucket: `${name}-exports` });
    new aws.s3.BucketPolicy(`${name}-policy`, {
        bucket: bucket.id,
        policy: exportPolicy(`arn:aws:s3:::${name}-exports`, ...extraStatements),
    });
    new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, {
        bucket: bucket.id,
        rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    return bucket;
}

/** Every public access block flag on. */
export function blockPublicAccess(name: string, bucket: pulumi.Input<string>): aws.s3.BucketPublicAccessBlock {
    return new aws.s3.BucketPublicAccessBlock(name, {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
    });
}
