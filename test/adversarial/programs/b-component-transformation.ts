// class: beyond the issue
// expect: deny elasticache-unencrypted-in-transit
// resource: orders-group
// why: a transformation on ElastiCacheRedis switches TLS off on the replication group it creates.
import { ElastiCacheRedis } from "hardened-redis";
import { CLIENT_SG_ID, SUBNET_IDS, VPC_ID } from "../lib/aws";

new ElastiCacheRedis(
    "orders",
    { vpcId: VPC_ID, subnetIds: SUBNET_IDS, allowedSecurityGroupIds: [CLIENT_SG_ID] },
    {
        transformations: [
            (r) =>
                r.type === "aws:elasticache/replicationGroup:ReplicationGroup"
                    ? { props: { ...r.props, transitEncryptionEnabled: false, transitEncryptionMode: undefined }, opts: r.opts }
                    : undefined,
        ],
    },
);
