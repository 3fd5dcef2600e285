// class: beyond the issue
// expect: deny elasticache-unencrypted-at-rest elasticache-unencrypted-in-transit
// resource: c
// why: a raw pulumi.CustomResource with the aws type token is an ElastiCache replication group to the engine and the provider.
import * as pulumi from "@pulumi/pulumi";
import { secureGroupArgs } from "../lib/aws";

/** Any custom resource, registered by its type token alone. */
class RawResource extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs) {
        super(type, name, props);
    }
}

new RawResource("aws:elasticache/replicationGroup:ReplicationGroup", "c", {
    ...secureGroupArgs("c"),
    atRestEncryptionEnabled: false,
    transitEncryptionEnabled: false,
    transitEncryptionMode: undefined,
});
