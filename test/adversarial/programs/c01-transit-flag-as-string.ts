// class: 1 spelling
// expect: deny elasticache-unencrypted-in-transit
// resource: c
// why: "false" (a non-empty string) turns TLS off once the provider converts it to a boolean.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", {
    ...secureGroupArgs("c"),
    transitEncryptionEnabled: "false" as unknown as boolean,
    transitEncryptionMode: undefined,
});
