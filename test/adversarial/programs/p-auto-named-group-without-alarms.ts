// class: preview semantics (the gate must see what a preview sees)
// config: {"elasticache-without-alarms": "mandatory"}
// expect: deny elasticache-without-alarms
// resource: c
// why: the group has no replicationGroupId, so Pulumi auto-names it (c-<random suffix>) and a preview knows that
//      name; no alarm watches any of its nodes.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const { replicationGroupId: _id, ...args } = secureGroupArgs("c");
new aws.elasticache.ReplicationGroup("c", args);
