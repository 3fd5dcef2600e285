// class: 2 effective ACL permissions
// expect: deny elasticache-user-dangerous-commands
// resource: c-user
// why: a selector grants +@all on every key besides the root permissions.
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const user = rbacUser("c-user", "app", "on ~app:* +get (~* +@all)");
const users = userGroup("c-group", [user]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
