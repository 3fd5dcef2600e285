// class: 7 export bucket
// expect: advise not-judged
// resource: orders-backups leak
// why: a second BucketPolicy on the component's export bucket with Principal {AWS: "*"}. Its whole document is
//      built from the bucket's generated name, so it is unknown at preview (as under pulumi preview): the gate
//      cannot see the public statement, and reports the bucket's policy as not judged. Deployed, S3 would refuse
//      it anyway: the component's public access block sets BlockPublicPolicy (a known public statement is denied
//      by export-bucket-public whatever the block says, and one on a bucket unknown at preview is judged on the
//      buckets it may open).
import * as aws from "@pulumi/aws";
import { ElastiCacheRedis } from "hardened-redis";
import { CLIENT_SG_ID, SUBNET_IDS, VPC_ID } from "../lib/aws";

const cache = new ElastiCacheRedis("orders", { vpcId: VPC_ID, subnetIds: SUBNET_IDS, allowedSecurityGroupIds: [CLIENT_SG_ID] });
new aws.s3.BucketPolicy("leak", {
    bucket: cache.backupBucketName.apply((b) => b!),
    policy: cache.backupBucketName.apply((b) =>
        JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${b}/*` }],
        }),
    ),
});
