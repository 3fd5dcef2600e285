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
