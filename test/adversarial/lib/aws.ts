// Secure building blocks for hand-written ElastiCache programs of the corpus. Each program weakens exactly
// one thing, so that a verdict is about that thing and not about a baseline left insecure.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";

export const VPC_ID = "vpc-0a1b2c3d4e5f60001";
export const SUBNET_IDS = ["subnet-0a1b2c3d4e5f60011", "subnet-0a1b2c3d4e5f60012"];
export const CLIENT_SG_ID = "sg-0a1b2c3d4e5f60021";
export const REDIS_PORT = 6380;

/** A generated password, secret end to end. */
export function generatedPassword(name: string): pulumi.Output<string> {
    return new random.RandomPassword(name, { length: 32, special: false }).result;
}

/** An RBAC user whose password comes from a RandomPassword. */
export function rbacUser(name: string, userName: string, accessString: string, engine = "redis"): aws.elasticache.User {
    return new aws.elasticache.User(name, {
        userId: name,
        userName,
        engine,
        accessString,
        authenticationMode: { type: "password", passwords: [generatedPassword(`${name}-password`)] },
    });
}

/** The mandatory `default` user, switched off, and a user group with it and the given users. */
export function userGroup(name: string, users: aws.elasticache.User[], engine = "redis"): aws.elasticache.UserGroup {
    const off = rbacUser(`${name}-default`, "default", "off -@all", engine);
    return new aws.elasticache.UserGroup(name, { userGroupId: name, engine, userIds: [off.userId, ...users.map((u) => u.userId)] });
}

/** A subnet group of private subnets and a security group open to one client group on the Redis port. */
export function privateNetwork(name: string): { subnetGroup: aws.elasticache.SubnetGroup; securityGroup: aws.ec2.SecurityGroup } {
    const subnetGroup = new aws.elasticache.SubnetGroup(name, { subnetIds: SUBNET_IDS });
    const securityGroup = new aws.ec2.SecurityGroup(name, {
        vpcId: VPC_ID,
        description: "redis clients",
        ingress: [{ protocol: "tcp", fromPort: REDIS_PORT, toPort: REDIS_PORT, securityGroups: [CLIENT_SG_ID] }],
    });
    return { subnetGroup, securityGroup };
}

/** Arguments of a replication group that passes every mandatory rule: TLS required, encrypted, RBAC, own network. */
export function secureGroupArgs(name: string, engine = "redis"): aws.elasticache.ReplicationGroupArgs {
    const network = privateNetwork(`${name}-net`);
    const users = userGroup(`${name}-users`, [rbacUser(`${name}-app`, "app", "on ~app:* &* +@all -@dangerous", engine)], engine);
    return {
        replicationGroupId: name,
        description: "hand-written cache",
        engine,
        engineVersion: engine === "valkey" ? "8.1" : "7.1",
        nodeType: "cache.r7g.large",
        numCacheClusters: 2,
        port: REDIS_PORT,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        atRestEncryptionEnabled: true,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        userGroupIds: [users.userGroupId],
        subnetGroupName: network.subnetGroup.name,
        securityGroupIds: [network.securityGroup.id],
        snapshotRetentionLimit: 7,
    };
}
