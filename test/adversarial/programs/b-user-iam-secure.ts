// class: beyond the issue (secure look-alike)
// expect: allow
// why: an IAM-authenticated user has no password to leak; ElastiCache checks the IAM token. (+@read alone
//   would grant KEYS and SORT_RO, so -@dangerous follows it.)
import * as aws from "@pulumi/aws";
import { secureGroupArgs, userGroup } from "../lib/aws";

const ops = new aws.elasticache.User("c-ops", {
    userId: "c-ops",
    userName: "c-ops",
    engine: "redis",
    accessString: "on ~ops:* -@all +@read -@dangerous",
    authenticationMode: { type: "iam" },
});
const users = userGroup("c-group", [ops]);
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [users.userGroupId] });
