// class: beyond the issue
// expect: deny elasticache-unencrypted-in-transit
// resource: c
// why: an apply on a known value is known at preview: TLS is off.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", {
    ...secureGroupArgs("c"),
    transitEncryptionEnabled: pulumi.output("tls").apply((t) => t === "plaintext"),
    transitEncryptionMode: undefined,
});
