// class: 7 export bucket
// expect: deny export-bucket-public
// resource: snapshots leak
// why: a BucketPolicy open to everyone (Principal "*", no condition) on a bucket found by a lookup, which has no
//      offline answer: the bucket is unknown at preview and may be the program's export bucket, whose access block
//      leaves public policies allowed. The export bucket is denied for that block; the policy, whose bucket the
//      gate cannot tell, is reported not judged on itself and on the export bucket it may open, never passed.
import * as aws from "@pulumi/aws";
import { exportBucket } from "../lib/s3";

const bucket = exportBucket("snapshots");
new aws.s3.BucketPublicAccessBlock("snapshots-block", {
    bucket: bucket.id,
    blockPublicAcls: true,
    ignorePublicAcls: true,
    blockPublicPolicy: false,
    restrictPublicBuckets: true,
});
new aws.s3.BucketPolicy("leak", {
    bucket: aws.s3.getBucketOutput({ bucket: "team-shared-exports" }).id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::team-shared-exports/*" }],
    }),
});
