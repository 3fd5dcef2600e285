// class: 1 spelling
// expect: deny elasticache-unencrypted-at-rest elasticache-unencrypted-in-transit
// resource: c
// why: with no `engine`, the provider creates a Redis group (its default); nothing is encrypted.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const { engine: _engine, transitEncryptionMode: _mode, ...args } = secureGroupArgs("c");
new aws.elasticache.ReplicationGroup("c", { ...args, atRestEncryptionEnabled: false, transitEncryptionEnabled: false });
