import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface NetworkArgs {
    replicationGroupId: string;
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<string>[];
    port: number;
    allowedSecurityGroupIds: pulumi.Input<string>[];
    allowedCidrBlocks: pulumi.Input<string>[];
    tags: pulumi.Input<Record<string, string>>;
    region?: pulumi.Input<string>;
}

export interface Network {
    securityGroup: aws.ec2.SecurityGroup;
    subnetGroup: aws.elasticache.SubnetGroup;
}

/**
 * A dedicated security group that admits only the named clients on the Redis port, with no egress
 * (ElastiCache nodes never open connections of their own), and a subnet group of the given subnets.
 */
export function createNetwork(name: string, args: NetworkArgs, parent: pulumi.Resource): Network {
    const opts = { parent };
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-sg`,
        {
            description: `Redis clients of ${args.replicationGroupId}; ingress on port ${args.port} from named sources only`,
            vpcId: args.vpcId,
            revokeRulesOnDelete: true,
            region: args.region,
            tags: args.tags,
        },
        opts,
    );
    const ingress = (suffix: string, source: Partial<aws.vpc.SecurityGroupIngressRuleArgs>, description: string) =>
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-ingress-${suffix}`,
            {
                securityGroupId: securityGroup.id,
                ipProtocol: "tcp",
                fromPort: args.port,
                toPort: args.port,
                description,
                region: args.region,
                tags: args.tags,
                ...source,
            },
            opts,
        );
    args.allowedSecurityGroupIds.forEach((groupId, i) =>
        ingress(`sg-${i}`, { referencedSecurityGroupId: groupId }, "Redis client security group"),
    );
    args.allowedCidrBlocks.forEach((cidr, i) => {
        const block = pulumi.output(cidr);
        const ofFamily = (ipv6: boolean) => block.apply((c) => (c.includes(":") === ipv6 ? c : undefined)) as pulumi.Output<string>;
        ingress(`cidr-${i}`, { cidrIpv4: ofFamily(false), cidrIpv6: ofFamily(true) }, "Redis client network");
    });
    const subnetGroup = new aws.elasticache.SubnetGroup(
        `${name}-subnets`,
        {
            name: `${args.replicationGroupId}-subnets`,
            description: `Private subnets of the ${args.replicationGroupId} Redis cache`,
            subnetIds: args.subnetIds,
            region: args.region,
            tags: args.tags,
        },
        opts,
    );
    return { securityGroup, subnetGroup };
}
