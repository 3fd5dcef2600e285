// class: 1 spelling
// expect: deny elasticache-unencrypted-at-rest elasticache-unencrypted-in-transit
// resource: c
// why: the provider accepts "Redis" in any case; the group stores data unencrypted and serves plaintext.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", {
    ...secureGroupArgs("c"),
    engine: "Redis",
    atRestEncryptionEnabled: false,
    transitEncryptionEnabled: false,
    transitEncryptionMode: undefined,
});
