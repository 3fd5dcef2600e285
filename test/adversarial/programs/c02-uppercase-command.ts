// class: 2 effective ACL permissions
// expect: deny elasticache-user-dangerous-commands
// resource: c-user
// why: command names are case-insensitive: +KEYS grants KEYS, which blocks the server on a large keyspace.
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const user = rbacUser("c-user", "app", "on ~app:* +@read -@dangerous +KEYS");
const users = userGroup("c-group", [user]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
