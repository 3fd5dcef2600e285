// class: 2 effective ACL permissions
// expect: deny elasticache-user-dangerous-commands
// resource: admin
// why: the user id (and the Pulumi name) say admin, but Redis knows the user by its name, reporting, which is not
//      an administrator and holds every command.
import * as aws from "@pulumi/aws";
import { generatedPassword, secureGroupArgs, userGroup } from "../lib/aws";

const user = new aws.elasticache.User("admin", {
    userId: "admin",
    userName: "reporting",
    engine: "redis",
    accessString: "on ~* &* +@all",
    authenticationMode: { type: "password", passwords: [generatedPassword("admin-password")] },
});
const users = userGroup("c-group", [user]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
