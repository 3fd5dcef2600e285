// class: 1 spelling
// expect: deny elasticache-unencrypted-at-rest elasticache-unencrypted-in-transit elasticache-without-authentication
// resource: c
// why: a standalone `aws.elasticache.Cluster` of engine "REDIS" cannot encrypt at rest and has no RBAC.
import * as aws from "@pulumi/aws";
import { privateNetwork } from "../lib/aws";

const network = privateNetwork("c-net");
new aws.elasticache.Cluster("c", {
    engine: "REDIS",
    nodeType: "cache.t4g.small",
    numCacheNodes: 1,
    subnetGroupName: network.subnetGroup.name,
    securityGroupIds: [network.securityGroup.id],
});
