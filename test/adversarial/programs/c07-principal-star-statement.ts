// class: 7 export bucket
// expect: deny export-bucket-public
// resource: snapshots snapshots-policy
// why: a known Principal "*" Allow of s3:GetObject beside the service statement lets anyone read every export
//      (public access blocks are off here, so S3 honours it).
import * as aws from "@pulumi/aws";
import { exportBucket } from "../lib/s3";

const bucket = exportBucket("snapshots", {
    Sid: "Anyone",
    Effect: "Allow",
    Principal: "*",
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
