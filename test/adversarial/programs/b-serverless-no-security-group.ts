// class: beyond the issue
// expect: deny elasticache-default-security-group
// resource: c
// why: a serverless cache without securityGroupIds gets the VPC default group.
import * as aws from "@pulumi/aws";
import { rbacUser, SUBNET_IDS, userGroup } from "../lib/aws";

const users = userGroup("c-group", [rbacUser("c-ops", "ops", "on ~ops:* -@all +@read")]);
new aws.elasticache.ServerlessCache("c", {
    engine: "valkey",
    majorEngineVersion: "8",
    subnetIds: SUBNET_IDS,
    userGroupId: users.userGroupId,
});
