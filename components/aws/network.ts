import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface SecurityGroupResourceArgs {
    /** The cache's id: a replication group id or a serverless cache name. */
    replicationGroupId: string;
    vpcId: pulumi.Input<string>;
    port: number;
    /** Further ports on the same clients, such as a serverless cache's reader port. */
    extraPorts?: number[];
    allowedSecurityGroupIds: pulumi.Input<string>[];
    allowedCidrBlocks: pulumi.Input<string>[];
    tags: pulumi.Input<Record<string, string>>;
    region?: pulumi.Input<string>;
}

export interface NetworkResourceArgs extends SecurityGroupResourceArgs {
    subnetIds: pulumi.Input<string>[];
}

export interface Network {
    securityGroup: aws.ec2.SecurityGroup;
    subnetGroup: aws.elasticache.SubnetGroup;
}

/** Where a client connects from: a security group, or an IPv4 or IPv6 block. */
export type IngressSource = Pick<aws.vpc.SecurityGroupIngressRuleArgs, "referencedSecurityGroupId" | "cidrIpv4" | "cidrIpv6">;

/** One named source admitted on one Redis port of the cache's security group. */
export function redisIngressRule(
    name: string,
    target: {
        securityGroupId: pulumi.Input<string>;
        port: number;
        tags: pulumi.Input<Record<string, string>>;
        region?: pulumi.Input<string>;
    },
    source: IngressSource,
    description: string,
    parent: pulumi.Resource,
): aws.vpc.SecurityGroupIngressRule {
    return new aws.vpc.SecurityGroupIngressRule(
        name,
        {
            securityGroupId: target.securityGroupId,
            ipProtocol: "tcp",
            fromPort: target.port,
            toPort: target.port,
            description,
            region: target.region,
            tags: target.tags,
            ...source,
        },
        { parent },
    );
}

/** A dedicated security group for the cache and a subnet group of the given subnets. */
export function createNetwork(name: string, args: NetworkResourceArgs, parent: pulumi.Resource): Network {
    const securityGroup = createSecurityGroup(name, args, parent);
    const subnetGroup = new aws.elasticache.SubnetGroup(
        `${name}-subnets`,
        {
            name: `${args.replicationGroupId}-subnets`,
            description: `Private subnets of the ${args.replicationGroupId} Redis cache`,
            subnetIds: args.subnetIds,
            region: args.region,
            tags: args.tags,
        },
        { parent },
    );
    return { securityGroup, subnetGroup };
}

/**
 * A dedicated security group that admits only the named clients on the Redis port (and `extraPorts`), with
 * no egress: ElastiCache nodes and serverless endpoints never open connections of their own.
 */
export function createSecurityGroup(name: string, args: SecurityGroupResourceArgs, parent: pulumi.Resource): aws.ec2.SecurityGroup {
    const opts = { parent };
    const ports = [args.port, ...(args.extraPorts ?? [])];
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-sg`,
        {
            description: `Redis clients of ${args.replicationGroupId}; ingress on port ${ports.join(" and ")} from named sources only`,
            vpcId: args.vpcId,
            revokeRulesOnDelete: true,
            region: args.region,
            tags: args.tags,
        },
        opts,
    );
    // The first port keeps the rule names of a single-port cache; further ports add their number.
    const ingress = (suffix: string, source: IngressSource, description: string) =>
        ports.map((port, p) =>
            redisIngressRule(
                `${name}-ingress-${suffix}${p === 0 ? "" : `-${port}`}`,
                { securityGroupId: securityGroup.id, port, tags: args.tags, region: args.region },
                source,
                description,
                parent,
            ),
        );
    args.allowedSecurityGroupIds.forEach((groupId, i) =>
        ingress(`sg-${i}`, { referencedSecurityGroupId: groupId }, "Redis client security group"),
    );
    args.allowedCidrBlocks.forEach((cidr, i) => {
        const block = pulumi.output(cidr);
        const ofFamily = (ipv6: boolean) => block.apply((c) => (c.includes(":") === ipv6 ? c : undefined)) as pulumi.Output<string>;
        ingress(`cidr-${i}`, { cidrIpv4: ofFamily(false), cidrIpv6: ofFamily(true) }, "Redis client network");
    });
    return securityGroup;
}
