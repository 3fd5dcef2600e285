// class: 6 security-group sources
// expect: deny redis-port-open-to-internet
// resource: c-world
// why: the separate aws.vpc.SecurityGroupIngressRule resource opens the Redis port to 0.0.0.0/0.
import * as aws from "@pulumi/aws";
import { REDIS_PORT, secureGroupArgs, VPC_ID } from "../lib/aws";

const sg = new aws.ec2.SecurityGroup("c-sg", { vpcId: VPC_ID, description: "redis" });
new aws.vpc.SecurityGroupIngressRule("c-world", {
    securityGroupId: sg.id,
    ipProtocol: "tcp",
    fromPort: REDIS_PORT,
    toPort: REDIS_PORT,
    cidrIpv4: "0.0.0.0/0",
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [sg.id] });
