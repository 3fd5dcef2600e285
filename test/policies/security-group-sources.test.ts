import { widerThanVpc } from "../../policies/lib/cidr";
import { elastiCacheDefaultSecurityGroup } from "../../policies/rules/elasticache-default-security-group";
import { redisPortOpenToInternet } from "../../policies/rules/redis-port-open-to-internet";
import { redisPortOpenToWidePrivateRange } from "../../policies/rules/redis-port-open-to-wide-private-range";
import { UNKNOWN_VALUE, describeRule, fedBy, notJudgedBy, planned } from "../support/policy-fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const PREFIX_LIST_ENTRY = "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry";
const EIP = "aws:ec2/eip:Eip";
const RG = "aws:elasticache/replicationGroup:ReplicationGroup";

const prefixList = (name: string, ...cidrs: string[]) =>
    planned(PREFIX_LIST, name, { addressFamily: "IPv4", maxEntries: 5, entries: cidrs.map((cidr) => ({ cidr })) });
const world = prefixList("world", "0.0.0.0/0");
const office = prefixList("office", "10.20.0.0/16");
const computedList = planned(PREFIX_LIST, "computed", { addressFamily: "IPv4", maxEntries: 5, entries: UNKNOWN_VALUE });
const eip = planned(EIP, "bastion", { domain: "vpc" });
const defaultGroup = planned(DEFAULT_SG, "default", { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] });
const group = planned(SG, "cache", { vpcId: "vpc-1" });
const cacheIn = (...groups: (typeof group)[]) =>
    fedBy(
        planned(RG, "cache", {
            description: "c",
            nodeType: "cache.t4g.small",
            port: 6380,
            subnetGroupName: "cache",
            securityGroupIds: groups.map(() => UNKNOWN_VALUE),
        }),
        "securityGroupIds",
        ...groups,
    );
const redisRule = (name: string, source: Record<string, unknown>) =>
    planned(INGRESS, name, { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 6379, toPort: 6379, ...source });

describeRule(redisPortOpenToInternet, [
    {
        title: "a managed prefix list holding 0.0.0.0/0, through prefixListIds on an inline rule",
        resources: [
            world,
            fedBy(
                planned(SG, "redis", {
                    vpcId: "vpc-1",
                    ingress: [{ protocol: "tcp", fromPort: 6379, toPort: 6379, prefixListIds: [UNKNOWN_VALUE] }],
                }),
                "ingress",
                world,
            ),
        ],
        messages: [
            /^SecurityGroup "redis" \(ingress\[0\]\) opens Redis port 6379 to 0\.0\.0\.0\/0 \(an entry of ManagedPrefixList "world"\), the whole internet/,
        ],
    },
    {
        title: "a public entry added by aws.ec2.ManagedPrefixListEntry, through prefixListId",
        resources: [
            office,
            fedBy(planned(PREFIX_LIST_ENTRY, "partner", { prefixListId: UNKNOWN_VALUE, cidr: "203.0.113.0/24" }), "prefixListId", office),
            fedBy(redisRule("via-list", { prefixListId: UNKNOWN_VALUE }), "prefixListId", office),
        ],
        messages: [/opens Redis port 6379 to 203\.0\.113\.0\/24 \(an entry of ManagedPrefixList "office"\), a public address range/],
    },
    {
        title: "a prefix list of private ranges only",
        resources: [
            office,
            fedBy(
                planned(SG_RULE, "office", {
                    type: "ingress",
                    securityGroupId: "sg-1",
                    protocol: "tcp",
                    fromPort: 6379,
                    toPort: 6379,
                    prefixListIds: [UNKNOWN_VALUE],
                }),
                "prefixListIds",
                office,
            ),
        ],
        messages: [],
    },
    {
        title: "an Elastic IP's public address, unknown during preview",
        resources: [eip, fedBy(redisRule("bastion", { cidrIpv4: UNKNOWN_VALUE }), "cidrIpv4", eip)],
        messages: [/^SecurityGroupIngressRule "bastion" \(the rule\) opens Redis port 6379 to the public address of Eip "bastion"/],
    },
    {
        title: "the VPC's default security group opened to the world",
        resources: [
            planned(DEFAULT_SG, "default", {
                vpcId: "vpc-1",
                ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
            }),
        ],
        messages: [/^DefaultSecurityGroup "default" \(ingress\[0\]\) opens Redis port 6379, 6380 to 0\.0\.0\.0\/0/],
    },
]);

describe("redis-port-open-to-internet reports what it cannot see as not judged", () => {
    it.each([
        [
            "a CIDR unknown during preview",
            [redisRule("computed", { cidrIpv4: UNKNOWN_VALUE })],
            /\(the rule\): a source CIDR block is unknown during preview/,
        ],
        [
            "a prefix list the program does not define",
            [redisRule("aws-managed", { prefixListId: "pl-63a5400a" })],
            /prefix list pl-63a5400a, which the program does not define/,
        ],
        [
            "a prefix list whose entries are unknown",
            [computedList, fedBy(redisRule("computed-list", { prefixListId: UNKNOWN_VALUE }), "prefixListId", computedList)],
            /the entries of ManagedPrefixList "computed"/,
        ],
        [
            "a public CIDR on an unknown port range",
            [
                planned(INGRESS, "ports", {
                    securityGroupId: "sg-1",
                    ipProtocol: "tcp",
                    fromPort: UNKNOWN_VALUE,
                    toPort: UNKNOWN_VALUE,
                    cidrIpv4: "0.0.0.0/0",
                }),
            ],
            /the protocol or port range is unknown/,
        ],
    ])("%s", async (_, resources, expected) => {
        const notes = await notJudgedBy(redisPortOpenToInternet, resources);
        expect(notes).toHaveLength(1);
        expect(notes[0]).toMatch(expected);
        expect(await notJudgedBy(redisPortOpenToInternet, [redisRule("known", { cidrIpv4: "10.0.0.0/16" })])).toEqual([]);
    });
});

describeRule(elastiCacheDefaultSecurityGroup, [
    { title: "a cache in its own group", resources: [group, cacheIn(group)], messages: [] },
    {
        title: "a cache placed in the aws.ec2.DefaultSecurityGroup",
        resources: [defaultGroup, cacheIn(defaultGroup)],
        messages: [/^ReplicationGroup "cache" is placed in the VPC's default security group \(DefaultSecurityGroup "default"\)/],
    },
    {
        title: "a cache whose group admits the default security group on the cache port",
        resources: [
            defaultGroup,
            group,
            cacheIn(group),
            fedBy(
                fedBy(
                    planned(INGRESS, "from-default", {
                        securityGroupId: UNKNOWN_VALUE,
                        ipProtocol: "tcp",
                        fromPort: 6380,
                        toPort: 6380,
                        referencedSecurityGroupId: UNKNOWN_VALUE,
                    }),
                    "securityGroupId",
                    group,
                ),
                "referencedSecurityGroupId",
                defaultGroup,
            ),
        ],
        messages: [
            /^ReplicationGroup "cache" admits the VPC's default security group \(DefaultSecurityGroup "default"\) through SecurityGroupIngressRule "from-default"/,
        ],
    },
    {
        title: "the default security group admitted on another port only",
        resources: [
            defaultGroup,
            group,
            cacheIn(group),
            fedBy(
                fedBy(
                    planned(INGRESS, "https", {
                        securityGroupId: UNKNOWN_VALUE,
                        ipProtocol: "tcp",
                        fromPort: 443,
                        toPort: 443,
                        referencedSecurityGroupId: UNKNOWN_VALUE,
                    }),
                    "securityGroupId",
                    group,
                ),
                "referencedSecurityGroupId",
                defaultGroup,
            ),
        ],
        messages: [],
    },
]);

describe("wide private sources", () => {
    it.each([
        ["10.0.0.0/8", true],
        ["172.16.0.0/12", true],
        ["10.20.0.0/16", false],
        ["10.20.30.0/24", false],
        ["fc00::/7", true],
        ["fd00:1234:5678::/56", false],
        ["0.0.0.0/0", false],
        ["203.0.113.0/24", false],
    ])("%s is wider than one VPC: %s", (cidr, wide) => {
        expect(widerThanVpc(cidr)).toBe(wide);
    });
});

describeRule(redisPortOpenToWidePrivateRange, [
    {
        title: "every port open to a whole private /8",
        resources: [
            planned(SG, "flat", { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }] }),
        ],
        messages: [
            /^SecurityGroup "flat" \(ingress\[0\]\) opens Redis port 6379, 6380 to 10\.0\.0\.0\/8, a private range wider than any one VPC/,
        ],
    },
    { title: "a VPC-sized block on the Redis port", resources: [redisRule("vpc", { cidrIpv4: "10.20.0.0/16" })], messages: [] },
    {
        title: "a /8 on another port",
        resources: [
            planned(INGRESS, "https", { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/8" }),
        ],
        messages: [],
    },
]);
