// class: beyond the issue
// expect: deny elasticache-literal-password
// resource: c-ops
// why: an RBAC user whose password is written in the program.
import * as aws from "@pulumi/aws";
import { secureGroupArgs, userGroup } from "../lib/aws";

const ops = new aws.elasticache.User("c-ops", {
    userId: "c-ops",
    userName: "ops",
    engine: "redis",
    accessString: "on ~ops:* -@all +@read",
    authenticationMode: { type: "password", passwords: ["correct-horse-battery-staple-42"] },
});
const users = userGroup("c-group", [ops]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
