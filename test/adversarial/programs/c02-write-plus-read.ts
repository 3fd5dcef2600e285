// class: 2 effective ACL permissions
// expect: deny elasticache-user-dangerous-commands
// resource: c-user
// why: on Redis 7, @write and @read hold FLUSHALL, FLUSHDB, KEYS, SWAPDB, MIGRATE, RESTORE and SORT.
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const user = rbacUser("c-user", "app", "on ~* &* +@write +@read");
const users = userGroup("c-group", [user]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
