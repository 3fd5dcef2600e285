// class: preview semantics (the gate must see what a preview sees)
// config: {"elasticache-without-alarms": "mandatory"}
// expect: deny elasticache-without-alarms
// resource: c
// why: the same group with its id set by the program: no alarm watches its nodes c-001 and c-002.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", secureGroupArgs("c"));
