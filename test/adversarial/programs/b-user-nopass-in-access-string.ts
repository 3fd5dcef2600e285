// class: beyond the issue
// expect: deny elasticache-user-without-password
// resource: c-ops
// why: nopass in the access string overrides the passwords ElastiCache stores.
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const ops = rbacUser("c-ops", "ops", "on nopass ~ops:* -@all +@read");
const users = userGroup("c-group", [ops]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
