// class: 6 security-group sources
// expect: deny redis-port-open-to-internet
// resource: c-sg
// why: a range 6000-7000 contains the cache's port 6380.
import * as aws from "@pulumi/aws";
import { secureGroupArgs, VPC_ID } from "../lib/aws";

const sg = new aws.ec2.SecurityGroup("c-sg", {
    vpcId: VPC_ID,
    description: "redis",
    ingress: [{ protocol: "tcp", fromPort: 6000, toPort: 7000, cidrBlocks: ["0.0.0.0/0"] }],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [sg.id] });
