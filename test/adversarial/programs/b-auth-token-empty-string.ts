// class: beyond the issue
// expect: deny elasticache-without-authentication
// resource: c
// why: an empty authToken is no token: with no user group either, every client is the default user.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const { userGroupIds: _users, ...args } = secureGroupArgs("c");
new aws.elasticache.ReplicationGroup("c", { ...args, authToken: "" });
