// class: 1 spelling (secure look-alike)
// expect: allow
// why: a Memcached cluster is not Redis: the Redis rules about AUTH, RBAC and at-rest encryption do not apply,
//      and it sits in its own private subnet group and security group.
import * as aws from "@pulumi/aws";
import { privateNetwork } from "../lib/aws";

const network = privateNetwork("c-net");
new aws.elasticache.Cluster("c", {
    engine: "memcached",
    nodeType: "cache.t4g.small",
    numCacheNodes: 2,
    port: 11211,
    transitEncryptionEnabled: true,
    subnetGroupName: network.subnetGroup.name,
    securityGroupIds: [network.securityGroup.id],
});
