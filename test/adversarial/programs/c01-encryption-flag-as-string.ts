// class: 1 spelling
// expect: deny elasticache-unencrypted-at-rest
// resource: c
// why: the string "false" is a truthy JavaScript value, but the provider reads it as the boolean false.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), atRestEncryptionEnabled: "false" as unknown as boolean });
