// class: 1 spelling (secure look-alike)
// expect: allow
// why: a serverless Memcached cache (spelt "Memcached") has no RBAC to ask for; it is private and always encrypted.
import * as aws from "@pulumi/aws";
import { privateNetwork, SUBNET_IDS } from "../lib/aws";

const network = privateNetwork("c-net");
new aws.elasticache.ServerlessCache("c", {
    engine: "Memcached",
    majorEngineVersion: "1.6",
    subnetIds: SUBNET_IDS,
    securityGroupIds: [network.securityGroup.id],
});
