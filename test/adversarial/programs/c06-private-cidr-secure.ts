// class: 6 security-group sources (secure look-alike)
// expect: allow
// why: one private /16 of the VPC on the Redis port.
import * as aws from "@pulumi/aws";
import { REDIS_PORT, secureGroupArgs, VPC_ID } from "../lib/aws";

const sg = new aws.ec2.SecurityGroup("c-sg", {
    vpcId: VPC_ID,
    description: "redis",
    ingress: [{ protocol: "tcp", fromPort: REDIS_PORT, toPort: REDIS_PORT, cidrBlocks: ["10.20.0.0/16"] }],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [sg.id] });
