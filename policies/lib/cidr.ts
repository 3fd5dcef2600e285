import { BlockList, isIP } from "node:net";

/** Address space that never routes from the internet: RFC 1918, RFC 6598 shared space and IPv6 ULA. */
const PRIVATE_RANGES: [string, number, "ipv4" | "ipv6"][] = [
    ["10.0.0.0", 8, "ipv4"],
    ["172.16.0.0", 12, "ipv4"],
    ["192.168.0.0", 16, "ipv4"],
    ["100.64.0.0", 10, "ipv4"],
    ["fc00::", 7, "ipv6"],
];

/** A VPC's IPv6 allocation is a /56; its addresses are global, so only wider blocks reach beyond one VPC. */
const VPC_IPV6_PREFIX = 56;

export type CidrReach = "internet" | "public" | "private";

/**
 * How far a source CIDR reaches:
 * - `internet`: everyone (`0.0.0.0/0`, `::/0`);
 * - `public`: other internet addresses (public IPv4, or IPv6 wider than one VPC's /56);
 * - `private`: inside private address space or one VPC.
 * Text that is not a CIDR block is treated as `public`, since nothing proves it is private.
 */
export function cidrReach(cidr: string): CidrReach {
    const [address, prefixText] = cidr.trim().split("/");
    const family = isIP(address);
    const prefix = Number(prefixText);
    if (family === 0 || prefixText === undefined || !Number.isInteger(prefix)) return "public";
    if (prefix === 0) return "internet";
    const type = family === 4 ? "ipv4" : "ipv6";
    const inside = PRIVATE_RANGES.some(([network, bits, rangeType]) => {
        if (rangeType !== type || prefix < bits) return false;
        const range = new BlockList();
        range.addSubnet(network, bits, type);
        return range.check(address, type);
    });
    if (inside) return "private";
    return type === "ipv6" && prefix >= VPC_IPV6_PREFIX ? "private" : "public";
}

/**
 * The largest VPC: an IPv4 CIDR block is at most a /16, an IPv6 allocation a /56
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html).
 */
const VPC_LARGEST_PREFIX = { ipv4: 16, ipv6: VPC_IPV6_PREFIX };

/** True for a private block wider than any one VPC, such as 10.0.0.0/8: it reaches peered VPCs, VPNs and offices too. */
export function widerThanVpc(cidr: string): boolean {
    const [address, prefixText] = cidr.trim().split("/");
    const family = isIP(address);
    if (family === 0 || cidrReach(cidr) !== "private") return false;
    return Number(prefixText) < VPC_LARGEST_PREFIX[family === 4 ? "ipv4" : "ipv6"];
}
