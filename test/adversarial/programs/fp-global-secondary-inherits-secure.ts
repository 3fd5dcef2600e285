// class: false positive (secure look-alike)
// expect: allow
// why: a Global Datastore secondary inherits encryption and TLS from its encrypted primary; it sets none itself.
import * as aws from "@pulumi/aws";
import { privateNetwork, secureGroupArgs } from "../lib/aws";

const primary = new aws.elasticache.ReplicationGroup("primary", secureGroupArgs("primary"));
const global = new aws.elasticache.GlobalReplicationGroup("global", {
    globalReplicationGroupIdSuffix: "orders",
    primaryReplicationGroupId: primary.id,
});
const net = privateNetwork("secondary-net");
new aws.elasticache.ReplicationGroup("secondary", {
    replicationGroupId: "secondary",
    description: "eu copy",
    region: "eu-west-1",
    globalReplicationGroupId: global.globalReplicationGroupId,
    numCacheClusters: 2,
    automaticFailoverEnabled: true,
    multiAzEnabled: true,
    subnetGroupName: net.subnetGroup.name,
    securityGroupIds: [net.securityGroup.id],
    snapshotRetentionLimit: 7,
});
