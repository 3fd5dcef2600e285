// class: 1 spelling
// expect: deny elasticache-without-authentication
// resource: c
// why: a serverless "Valkey" cache with no user group lets any client in its network run every command.
import * as aws from "@pulumi/aws";
import { privateNetwork, SUBNET_IDS } from "../lib/aws";

const network = privateNetwork("c-net");
new aws.elasticache.ServerlessCache("c", {
    engine: "Valkey",
    majorEngineVersion: "8",
    subnetIds: SUBNET_IDS,
    securityGroupIds: [network.securityGroup.id],
});
