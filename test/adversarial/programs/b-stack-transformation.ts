// class: beyond the issue
// expect: deny elasticache-unencrypted-at-rest
// gap: registerStackTransformation fails under the gate's mocks (the root stack resource is not initialised yet), so the gate exits 2.
// resource: c
// why: a stack transformation, far from the resource, turns encryption at rest off for every replication group.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { secureGroupArgs } from "../lib/aws";

pulumi.runtime.registerStackTransformation((r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup"
    ? { props: { ...r.props, atRestEncryptionEnabled: false }, opts: r.opts }
    : undefined);
new aws.elasticache.ReplicationGroup("c", secureGroupArgs("c"));
