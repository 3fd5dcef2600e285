// class: beyond the issue
// expect: deny elasticache-default-user-enabled
// resource: c-group c-default-on
// why: the serverless cache's user group holds a default user that is switched on with every command: every
//      connection that does not authenticate is that user.
import * as aws from "@pulumi/aws";
import { generatedPassword, privateNetwork, SUBNET_IDS } from "../lib/aws";

const open = new aws.elasticache.User("c-default-on", {
    userId: "c-default-on",
    userName: "default",
    engine: "valkey",
    accessString: "on ~* &* +@all",
    authenticationMode: { type: "password", passwords: [generatedPassword("c-default-on-password")] },
});
const users = new aws.elasticache.UserGroup("c-group", { userGroupId: "c-group", engine: "valkey", userIds: [open.userId] });
const network = privateNetwork("c-net");
new aws.elasticache.ServerlessCache("c", {
    engine: "valkey",
    majorEngineVersion: "8",
    subnetIds: SUBNET_IDS,
    securityGroupIds: [network.securityGroup.id],
    userGroupId: users.userGroupId,
});
