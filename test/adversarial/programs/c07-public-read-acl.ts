// class: 7 export bucket
// expect: deny export-bucket-public
// resource: snapshots snapshots-acl
// why: a public-read canned ACL on the export bucket (ACLs not ignored) lists the snapshots to anyone.
import * as aws from "@pulumi/aws";
import { exportBucket } from "../lib/s3";

const bucket = exportBucket("snapshots");
new aws.s3.BucketPublicAccessBlock("snapshots-block", {
    bucket: bucket.id,
    blockPublicAcls: false,
    blockPublicPolicy: true,
    ignorePublicAcls: false,
    restrictPublicBuckets: true,
});
new aws.s3.BucketAcl("snapshots-acl", { bucket: bucket.id, acl: "public-read" });
