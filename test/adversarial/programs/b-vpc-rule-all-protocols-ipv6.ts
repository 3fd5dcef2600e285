// class: beyond the issue
// expect: deny redis-port-open-to-internet
// resource: c-world
// why: ipProtocol "-1" (every port) to ::/0 through aws.vpc.SecurityGroupIngressRule.
import * as aws from "@pulumi/aws";
import { privateNetwork, secureGroupArgs } from "../lib/aws";

const net = privateNetwork("c-extra");
new aws.vpc.SecurityGroupIngressRule("c-world", { securityGroupId: net.securityGroup.id, ipProtocol: "-1", cidrIpv6: "::/0" });
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [net.securityGroup.id] });
