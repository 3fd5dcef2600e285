// class: 7 export bucket
// expect: deny export-bucket-allows-plaintext
// resource: snapshots
// why: the bucket policy grants ElastiCache but never denies requests without TLS.
import * as aws from "@pulumi/aws";
import { blockPublicAccess } from "../lib/s3";

const bucket = new aws.s3.Bucket("snapshots", { bucket: "snapshots-exports" });
blockPublicAccess("snapshots-block", bucket.id);
new aws.s3.BucketPolicy("snapshots-policy", {
    bucket: bucket.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: "elasticache.amazonaws.com" },
                Action: ["s3:PutObject", "s3:GetObject"],
                Resource: "arn:aws:s3:::snapshots-exports/*",
            },
        ],
    }),
});
