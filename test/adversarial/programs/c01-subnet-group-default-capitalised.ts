// class: 1 spelling
// expect: deny elasticache-default-subnet-group
// resource: c
// why: ElastiCache stores subnet group names in lowercase, so "Default" is the default subnet group.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), subnetGroupName: "Default" });
