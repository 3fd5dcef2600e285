// class: beyond the issue
// expect: deny elasticache-default-user-enabled
// resource: c-group
// why: the built-in user id "default" (on, nopass, +@all) put in the user group.
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs } from "../lib/aws";

const users = new aws.elasticache.UserGroup("c-group", {
    userGroupId: "c-group",
    engine: "redis",
    userIds: ["default", rbacUser("c-ops", "ops", "on ~ops:* -@all +@read").userId],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
