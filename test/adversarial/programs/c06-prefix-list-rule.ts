// class: 6 security-group sources
// expect: deny redis-port-open-to-internet
// resource: c-world
// why: a SecurityGroupIngressRule with prefixListId of a list holding two halves of the internet.
import * as aws from "@pulumi/aws";
import { REDIS_PORT, secureGroupArgs, VPC_ID } from "../lib/aws";

const halves = new aws.ec2.ManagedPrefixList("halves", {
    addressFamily: "IPv4",
    maxEntries: 2,
    entries: [{ cidr: "0.0.0.0/1" }, { cidr: "128.0.0.0/1" }],
});
const sg = new aws.ec2.SecurityGroup("c-sg", { vpcId: VPC_ID, description: "redis" });
new aws.vpc.SecurityGroupIngressRule("c-world", {
    securityGroupId: sg.id,
    ipProtocol: "tcp",
    fromPort: REDIS_PORT,
    toPort: REDIS_PORT,
    prefixListId: halves.id,
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [sg.id] });
