// class: 2 effective ACL permissions (secure look-alike)
// expect: allow
// why: a user named admin is the configured administrator (adminUserNames) and may hold every command.
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const user = rbacUser("c-user", "admin", "on ~* &* +@all");
const users = userGroup("c-group", [user]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
