// class: false positive (secure look-alike)
// expect: allow
// why: the user's password is read from an existing Secrets Manager secret at deployment (a lookup): nothing is
//      literal in the program. The gate answers no such lookup offline and must not turn it into a failure.
import * as aws from "@pulumi/aws";
import { secureGroupArgs, userGroup } from "../lib/aws";

const existing = aws.secretsmanager.getSecretVersionOutput({ secretId: "platform/redis/ops" });
const ops = new aws.elasticache.User("c-ops", {
    userId: "c-ops",
    userName: "ops",
    engine: "redis",
    accessString: "on ~ops:* -@all +@read -@dangerous",
    authenticationMode: { type: "password", passwords: [existing.secretString] },
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), userGroupIds: [userGroup("c-group", [ops]).userGroupId] });
