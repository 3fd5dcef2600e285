// class: 6 security-group sources
// expect: deny redis-port-open-to-internet
// resource: c-open
// why: the managed prefix list holds 0.0.0.0/0, so the ingress rule that names it opens the Redis port to the internet.
import * as aws from "@pulumi/aws";
import { REDIS_PORT, secureGroupArgs, VPC_ID } from "../lib/aws";

const everyone = new aws.ec2.ManagedPrefixList("everyone", {
    addressFamily: "IPv4",
    maxEntries: 2,
    entries: [{ cidr: "0.0.0.0/0", description: "all" }],
});
const open = new aws.ec2.SecurityGroup("c-open", {
    vpcId: VPC_ID,
    description: "redis",
    ingress: [{ protocol: "tcp", fromPort: REDIS_PORT, toPort: REDIS_PORT, prefixListIds: [everyone.id] }],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [open.id] });
