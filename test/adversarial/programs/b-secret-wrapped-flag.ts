// class: beyond the issue
// expect: deny elasticache-unencrypted-at-rest
// resource: c
// why: a flag wrapped in pulumi.secret is still false.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), atRestEncryptionEnabled: pulumi.secret(false) });
