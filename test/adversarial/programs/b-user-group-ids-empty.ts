// class: beyond the issue
// expect: deny elasticache-without-authentication
// resource: c
// why: an empty userGroupIds list attaches no user group: no authentication.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [] });
