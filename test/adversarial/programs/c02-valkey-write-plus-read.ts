// class: 2 effective ACL permissions
// expect: deny elasticache-user-dangerous-commands
// resource: c-user
// why: Valkey has the same category membership as Redis 7: FLUSHALL, SWAPDB, MIGRATE are in @write.
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const user = rbacUser("c-user", "app", "on ~* &* +@write +@read", "valkey");
const users = userGroup("c-group", [user], "valkey");
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c", "valkey"), userGroupIds: [users.userGroupId] });
