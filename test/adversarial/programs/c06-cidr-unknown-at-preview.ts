// class: 6 security-group sources
// expect: advise not-judged
// resource: c-sg
// why: the CIDR is computed through an apply, so it is unknown at preview (it is the world); the gate cannot
//      judge it, and must say so as a "not judged" advisory instead of passing it silently.
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import { REDIS_PORT, secureGroupArgs, VPC_ID } from "../lib/aws";

const pick = new random.RandomString("cidr-pick", { length: 4, special: false });
const sg = new aws.ec2.SecurityGroup("c-sg", {
    vpcId: VPC_ID,
    description: "redis",
    ingress: [{ protocol: "tcp", fromPort: REDIS_PORT, toPort: REDIS_PORT, cidrBlocks: [pick.result.apply(() => "0.0.0.0/0")] }],
});
new aws.elasticache.ReplicationGroup("c", { ...secureGroupArgs("c"), securityGroupIds: [sg.id] });
