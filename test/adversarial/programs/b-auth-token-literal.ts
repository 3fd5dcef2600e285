// class: beyond the issue
// expect: deny elasticache-literal-password
// resource: c
// why: a literal AUTH token in the program is in source control and in plain state.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const { userGroupIds: _users, ...args } = secureGroupArgs("c");
new aws.elasticache.ReplicationGroup("c", { ...args, authToken: "correct-horse-battery-staple-42" });
