// class: 6 security-group sources
// expect: deny redis-port-open-to-internet
// resource: c-sg
// why: protocol "-1" opens every port, the Redis port included, to the world.
import * as aws from "@pulumi/aws";
import { secureGroupArgs, VPC_ID } from "../lib/aws";

const sg = new aws.ec2.SecurityGroup("c-sg", {
    vpcId: VPC_ID,
    description: "redis",
    ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [sg.id] });
