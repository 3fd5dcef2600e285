// class: 1 spelling (fail closed)
// expect: deny elasticache-unencrypted-at-rest elasticache-unencrypted-in-transit
// resource: c
// why: the engine is computed by another resource, so it is unknown at preview; a group that is not provably
//      Memcached is Redis or Valkey, and this one encrypts nothing.
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { secureGroupArgs } from "../lib/aws";

const suffix = new random.RandomString("engine-pick", { length: 4, special: false });
new aws.elasticache.ReplicationGroup("c", {
    ...secureGroupArgs("c"),
    engine: suffix.result.apply(() => "redis"),
    atRestEncryptionEnabled: false,
    transitEncryptionEnabled: false,
    transitEncryptionMode: undefined,
});
