// class: 2 effective ACL permissions (secure look-alike)
// expect: allow
// why: the component's readonly mapping: read commands only, KEYS and the other dangerous reads removed.
import * as aws from "@pulumi/aws";
import { rbacUser, secureGroupArgs, userGroup } from "../lib/aws";

const user = rbacUser("c-user", "app", "on ~app:* -@all +@read +@connection -@dangerous");
const users = userGroup("c-group", [user]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
