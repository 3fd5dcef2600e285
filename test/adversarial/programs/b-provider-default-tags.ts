// class: beyond the issue
// expect: deny elasticache-unencrypted-at-rest
// resource: c
// why: an explicit provider with default tags and another region changes nothing about encryption.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const west = new aws.Provider("west", { region: "us-west-2", defaultTags: { tags: { team: "payments" } } });
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), atRestEncryptionEnabled: false }, { provider: west });
