// class: 6 security-group sources (secure look-alike)
// expect: allow
// why: HTTPS open to the world on a group the cache also uses does not reach Redis on 6380.
import * as aws from "@pulumi/aws";
import { secureGroupArgs, VPC_ID } from "../lib/aws";

const sg = new aws.ec2.SecurityGroup("c-sg", {
    vpcId: VPC_ID,
    description: "redis",
    ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [sg.id] });
