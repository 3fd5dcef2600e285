// class: beyond the issue
// expect: deny redis-port-open-to-internet
// resource: c-wide
// why: the cache has two security groups; the second opens the Redis port to the world (security groups are additive).
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const args = secureGroupArgs("c");
const wide = new aws.ec2.SecurityGroup("c-wide", {
    vpcId: "vpc-0a1b2c3d4e5f60001",
    description: "temp debug",
    ingress: [{ protocol: "tcp", fromPort: 6380, toPort: 6380, cidrBlocks: ["0.0.0.0/0"] }],
});
new aws.elasticache.ReplicationGroup("c", { ...args, securityGroupIds: [...(args.securityGroupIds as any[]), wide.id] });
