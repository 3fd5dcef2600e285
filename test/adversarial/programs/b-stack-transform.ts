// class: beyond the issue
// expect: deny elasticache-unencrypted-at-rest
// resource: c
// why: a stack transform (registerResourceTransform, run by the engine through a callback), far from the
//      resource, turns encryption at rest off for every replication group.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { secureGroupArgs } from "../lib/aws";
import { atRestEncryptionOff } from "../lib/transforms";

pulumi.runtime.registerResourceTransform(atRestEncryptionOff);
new aws.elasticache.ReplicationGroup("c", secureGroupArgs("c"));
