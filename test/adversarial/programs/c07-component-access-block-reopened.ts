// class: 7 export bucket
// expect: deny export-bucket-public
// resource: reopen orders-backups
// why: a second BucketPublicAccessBlock on the component's export bucket with every flag off replaces the
//      component's own block.
import * as aws from "@pulumi/aws";
import { ElastiCacheRedis } from "hardened-redis";
import { CLIENT_SG_ID, SUBNET_IDS, VPC_ID } from "../lib/aws";

const cache = new ElastiCacheRedis("orders", { vpcId: VPC_ID, subnetIds: SUBNET_IDS, allowedSecurityGroupIds: [CLIENT_SG_ID] });
new aws.s3.BucketPublicAccessBlock("reopen", {
    bucket: cache.backupBucketName.apply((b) => b!),
    blockPublicAcls: false,
    blockPublicPolicy: false,
    ignorePublicAcls: false,
    restrictPublicBuckets: false,
});
