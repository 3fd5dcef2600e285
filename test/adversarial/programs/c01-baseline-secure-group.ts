// class: 1 spelling (secure baseline)
// expect: allow
// why: the hand-written baseline every class-1 and class-2 program weakens: TLS required, encrypted at rest, RBAC
//      users with generated passwords, default user off, own subnet group and security group.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

new aws.elasticache.ReplicationGroup("c", secureGroupArgs("c"));
