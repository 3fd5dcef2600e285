// class: 2 effective ACL permissions
// expect: deny elasticache-user-dangerous-commands
// resource: c-user
// why: a hand-picked deny list misses SHUTDOWN, DEBUG, SWAPDB, MIGRATE, RESTORE and MONITOR (ACL DRYRUN on redis-server 7.0 allows SHUTDOWN and DEBUG).
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const users = userGroup("c-group", [rbacUser("c-user", "app", "on ~* &* +@all -flushall -flushdb -keys -config")]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
