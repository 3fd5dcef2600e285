// class: 7 export bucket
// expect: deny export-bucket-public
// gap: a second BucketPolicy on the component's bucket is linked to it only through an output unknown at preview, so its known public statement is not attributed to the export bucket yet.
// resource: leak
// why: a second BucketPolicy on the component's export bucket with Principal {AWS: "*"}; the component's own policy
//      is unknown at preview, this one is known and public.
import * as aws from "@pulumi/aws";
import { ElastiCacheRedis } from "hardened-redis";
import { CLIENT_SG_ID, SUBNET_IDS, VPC_ID } from "../lib/aws";

const cache = new ElastiCacheRedis("orders", { vpcId: VPC_ID, subnetIds: SUBNET_IDS, allowedSecurityGroupIds: [CLIENT_SG_ID] });
new aws.s3.BucketPolicy("leak", {
    bucket: cache.backupBucketName.apply((b) => b!),
    policy: cache.backupBucketName.apply((b) => JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${b}/*` }],
    })),
});
