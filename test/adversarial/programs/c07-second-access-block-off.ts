// class: 7 export bucket
// expect: deny export-bucket-public
// resource: snapshots reopen
// why: a bucket has one public access block; the second resource, with every flag off, replaces the first.
import * as aws from "@pulumi/aws";
import { blockPublicAccess, exportBucket } from "../lib/s3";

const bucket = exportBucket("snapshots");
blockPublicAccess("snapshots-block", bucket.id);
new aws.s3.BucketPublicAccessBlock("reopen", {
    bucket: bucket.id,
    blockPublicAcls: false,
    blockPublicPolicy: false,
    ignorePublicAcls: false,
    restrictPublicBuckets: false,
});
