// class: beyond the issue
// expect: deny elasticache-unencrypted-at-rest
// resource: c
// why: a stack transformation (registerStackTransformation, run by the SDK in the root stack), far from the
//      resource, turns encryption at rest off for every replication group.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { secureGroupArgs } from "../lib/aws";
import { atRestEncryptionOff } from "../lib/transforms";

pulumi.runtime.registerStackTransformation(atRestEncryptionOff);
new aws.elasticache.ReplicationGroup("c", secureGroupArgs("c"));
