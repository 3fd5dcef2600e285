// class: 2 effective ACL permissions
// expect: deny elasticache-user-dangerous-commands
// resource: c-user
// why: @slow holds KEYS, FLUSHALL, DEBUG, CONFIG, MONITOR, SHUTDOWN and most admin commands.
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const user = rbacUser("c-user", "app", "on ~* +@slow");
const users = userGroup("c-group", [user]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
