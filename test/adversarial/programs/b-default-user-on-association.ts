// class: beyond the issue
// expect: deny elasticache-default-user-enabled
// resource: c-default-on c-users c-assoc
// why: a UserGroupAssociation adds a switched-on default user (the one every unauthenticated connection is) to the group.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { generatedPassword, secureGroupArgs } from "../lib/aws";

const open = new aws.elasticache.User("c-default-on", {
    userId: "c-default-on",
    userName: "default",
    engine: "redis",
    accessString: "on ~* +@all",
    authenticationMode: { type: "password", passwords: [generatedPassword("c-default-on-password")] },
});
const args = secureGroupArgs("c");
new aws.elasticache.ReplicationGroup("c", args);
new aws.elasticache.UserGroupAssociation("c-assoc", {
    userGroupId: pulumi.output(args.userGroupIds!).apply((ids) => ids![0]),
    userId: open.userId,
});
