// class: 1 spelling
// expect: deny elasticache-unencrypted-in-transit
// resource: c
// why: "VALKEY" is Valkey to ElastiCache; the group accepts plaintext connections.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", {
    ...secureGroupArgs("c", "valkey"),
    engine: "VALKEY",
    transitEncryptionEnabled: false,
    transitEncryptionMode: undefined,
});
