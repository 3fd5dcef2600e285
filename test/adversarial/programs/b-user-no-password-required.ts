// class: beyond the issue
// expect: deny elasticache-user-without-password
// resource: c-ops
// why: authenticationMode no-password-required lets anyone log in as ops.
import * as aws from "@pulumi/aws";
import { secureGroupArgs, userGroup } from "../lib/aws";

const ops = new aws.elasticache.User("c-ops", {
    userId: "c-ops",
    userName: "ops",
    engine: "redis",
    accessString: "on ~ops:* -@all +@read",
    authenticationMode: { type: "no-password-required" },
});
const users = userGroup("c-group", [ops]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
