// class: beyond the issue
// expect: deny elasticache-literal-password
// resource: c
// why: pulumi.secret("...") hides the token in state, but it is still a literal in the program.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { secureGroupArgs } from "../lib/aws";

const { userGroupIds: _users, ...args } = secureGroupArgs("c");
new aws.elasticache.ReplicationGroup("c", { ...args, authToken: pulumi.secret("correct-horse-battery-staple-42") });
