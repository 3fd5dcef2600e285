// class: beyond the issue
// expect: deny elasticache-default-security-group
// resource: c
// why: no securityGroupIds: the VPC default security group is used, shared with everything else in the VPC.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const { securityGroupIds: _sgs, ...args } = secureGroupArgs("c");
new aws.elasticache.ReplicationGroup("c", args);
