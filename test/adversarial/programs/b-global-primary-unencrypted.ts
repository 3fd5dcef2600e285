// class: beyond the issue
// expect: deny global-datastore-primary-unencrypted elasticache-unencrypted-at-rest
// resource: primary
// why: the Global Datastore is formed on a primary that stores data unencrypted; every secondary inherits that.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const primary = new aws.elasticache.ReplicationGroup("primary", { ...secureGroupArgs("primary"), atRestEncryptionEnabled: false });
new aws.elasticache.GlobalReplicationGroup("global", { globalReplicationGroupIdSuffix: "orders", primaryReplicationGroupId: primary.id });
