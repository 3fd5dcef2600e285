import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { NetworkConfig } from "./config";

/** Where the cache goes and who may reach it. */
export interface CacheNetwork {
    vpcId: pulumi.Input<string>;
    subnetIds: pulumi.Input<string>[];
    allowedSecurityGroupIds: pulumi.Input<string>[];
    allowedCidrBlocks: string[];
}

/**
 * The network of one region: an existing VPC from config, or a VPC created here with private subnets
 * only (no internet gateway, no NAT, no public IPs, the default security group stripped of its rules)
 * and a security group for the cache's clients.
 */
export function cacheNetwork(name: string, config: NetworkConfig, region: string, tags: Record<string, string>): CacheNetwork {
    if (config.mode === "existing") {
        return {
            vpcId: config.vpcId,
            subnetIds: config.subnetIds,
            allowedSecurityGroupIds: config.clients.securityGroupIds,
            allowedCidrBlocks: config.clients.cidrBlocks,
        };
    }
    const vpc = new aws.ec2.Vpc(`${name}-vpc`, {
        cidrBlock: config.cidrBlock,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        region,
        tags: { ...tags, Name: `${name}-private` },
    });
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg-locked`, { vpcId: vpc.id, region, tags });
    const routeTable = new aws.ec2.RouteTable(`${name}-private-routes`, { vpcId: vpc.id, region, tags });
    const zones = aws.getAvailabilityZonesOutput({ state: "available", region });
    const subnets = Array.from({ length: config.availabilityZones }, (_, i) => {
        const subnet = new aws.ec2.Subnet(`${name}-private-${i}`, {
            vpcId: vpc.id,
            cidrBlock: vpc.cidrBlock.apply((block) => subnetCidr(block, i)),
            availabilityZone: zones.names[i],
            mapPublicIpOnLaunch: false,
            region,
            tags: { ...tags, Name: `${name}-private-${i}`, tier: "private" },
        });
        new aws.ec2.RouteTableAssociation(`${name}-private-${i}`, { subnetId: subnet.id, routeTableId: routeTable.id, region });
        return subnet;
    });
    const clients = new aws.ec2.SecurityGroup(`${name}-clients`, {
        vpcId: vpc.id,
        description: "Application servers that may reach Redis",
        region,
        tags,
    });
    return { vpcId: vpc.id, subnetIds: subnets.map((s) => s.id), allowedSecurityGroupIds: [clients.id], allowedCidrBlocks: [] };
}

/** The i-th /20 (or the whole block's 16th part) of the VPC block, for one private subnet per zone. */
export function subnetCidr(vpcBlock: string, index: number): string {
    const [address, prefix] = vpcBlock.split("/");
    const subnetPrefix = Number(prefix) + 4;
    const base = address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
    const start = base + index * 2 ** (32 - subnetPrefix);
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
    return `${octets.join(".")}/${subnetPrefix}`;
}
