import * as pulumi from "@pulumi/pulumi";
import { ElastiCacheRedis } from "../components";

const config = new pulumi.Config();

const cache = new ElastiCacheRedis("cache", {
    vpcId: config.require("vpcId"),
    subnetIds: config.requireObject<string[]>("subnetIds"),
    allowedSecurityGroupIds: config.requireObject<string[]>("allowedSecurityGroupIds"),
});

export const primaryEndpoint = cache.primaryEndpointAddress;
export const userSecretArns = cache.userSecretArns;
