// class: beyond the issue
// expect: deny redis-port-open-to-internet
// resource: c-world
// why: ::/0 through an aws.ec2.SecurityGroupRule opens the Redis port to the IPv6 internet.
import * as aws from "@pulumi/aws";
import { privateNetwork, secureGroupArgs } from "../lib/aws";

const net = privateNetwork("c-extra");
new aws.ec2.SecurityGroupRule("c-world", {
    type: "ingress",
    securityGroupId: net.securityGroup.id,
    protocol: "tcp",
    fromPort: 6380,
    toPort: 6380,
    ipv6CidrBlocks: ["::/0"],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [net.securityGroup.id] });
