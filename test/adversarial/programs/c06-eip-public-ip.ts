// class: 6 security-group sources
// expect: deny redis-port-open-to-internet
// resource: c-sg
// why: an Elastic IP's publicIp is a public address; the group admits it (a NAT gateway's egress, so the whole
//      internet behind it) on the Redis port.
import * as aws from "@pulumi/aws";
import { REDIS_PORT, secureGroupArgs, VPC_ID } from "../lib/aws";

const ip = new aws.ec2.Eip("partner", { domain: "vpc" });
const sg = new aws.ec2.SecurityGroup("c-sg", {
    vpcId: VPC_ID,
    description: "redis",
    ingress: [{ protocol: "tcp", fromPort: REDIS_PORT, toPort: REDIS_PORT, cidrBlocks: [ip.publicIp.apply((a) => `${a}/32`)] }],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [sg.id] });
