// class: beyond the issue
// expect: deny elasticache-default-subnet-group
// resource: c
// why: subnetGroupName "default" names the default subnet group.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), subnetGroupName: "default" });
