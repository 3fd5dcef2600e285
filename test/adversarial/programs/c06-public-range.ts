// class: 6 security-group sources
// expect: deny redis-port-open-to-internet
// resource: c-sg
// why: 8.0.0.0/8 is a public range: millions of internet hosts.
import * as aws from "@pulumi/aws";
import { REDIS_PORT, secureGroupArgs, VPC_ID } from "../lib/aws";

const sg = new aws.ec2.SecurityGroup("c-sg", {
    vpcId: VPC_ID,
    description: "redis",
    ingress: [{ protocol: "tcp", fromPort: REDIS_PORT, toPort: REDIS_PORT, cidrBlocks: ["8.0.0.0/8"] }],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [sg.id] });
