// class: false positive (secure look-alike)
// expect: allow
// why: an aws.elasticache.Cluster with replicationGroupId is a read replica added to the encrypted, authenticated
//      group; it inherits the group's engine, encryption and users and is not a standalone Redis cluster.
import * as aws from "@pulumi/aws";
import { secureGroupArgs } from "../lib/aws";

const group = new aws.elasticache.ReplicationGroup("c", secureGroupArgs("c"));
new aws.elasticache.Cluster("c-replica", { clusterId: "c-replica", replicationGroupId: group.id });
