// class: 7 export bucket
// expect: deny export-bucket-public
// resource: snapshots snapshots-policy
// why: Allow with NotPrincipal (everyone but the account root) is a public grant of s3:GetObject to every other
//      principal on the internet.
import * as aws from "@pulumi/aws";
import { exportBucket } from "../lib/s3";

const bucket = exportBucket("snapshots", {
    Sid: "AllButRoot",
    Effect: "Allow",
    NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" },
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::snapshots-exports/*",
});
new aws.s3.BucketPublicAccessBlock("snapshots-block", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: false,
    ignorePublicAcls: true,
    restrictPublicBuckets: false,
});
