// class: 2 effective ACL permissions
// expect: deny elasticache-user-dangerous-commands
// resource: c-user
// why: -@admin leaves FLUSHALL, FLUSHDB, KEYS, SWAPDB, MIGRATE and RESTORE, which are not admin commands (ACL DRYRUN on redis-server 7.0 allows FLUSHALL).
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const users = userGroup("c-group", [rbacUser("c-user", "app", "on ~* &* +@all -@admin")]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
