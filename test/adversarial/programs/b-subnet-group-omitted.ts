// class: beyond the issue
// expect: deny elasticache-default-subnet-group
// resource: c
// why: with no subnetGroupName, ElastiCache places the group in the default subnet group (the default VPC, often with public subnets).
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const { subnetGroupName: _subnets, ...args } = secureGroupArgs("c");
new aws.elasticache.ReplicationGroup("c", args);
