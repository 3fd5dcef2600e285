// class: 6 security-group sources
// expect: deny redis-port-open-to-internet elasticache-default-security-group
// resource: default
// why: the VPC's default security group, adopted and opened to the world on the Redis port, is attached to the cache.
import * as aws from "@pulumi/aws";
import { REDIS_PORT, secureGroupArgs, VPC_ID } from "../lib/aws";

const fallback = new aws.ec2.DefaultSecurityGroup("default", {
    vpcId: VPC_ID,
    ingress: [{ protocol: "tcp", fromPort: REDIS_PORT, toPort: REDIS_PORT, cidrBlocks: ["0.0.0.0/0"] }],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [fallback.id] });
