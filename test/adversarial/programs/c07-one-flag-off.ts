// class: 7 export bucket
// expect: deny export-bucket-public
// resource: snapshots snapshots-block
// why: restrictPublicBuckets off: a public policy added later is honoured for anyone.
import * as aws from "@pulumi/aws";
import { exportBucket } from "../lib/s3";

const bucket = exportBucket("snapshots");
new aws.s3.BucketPublicAccessBlock("snapshots-block", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: false,
});
