import * as ipaddr from "ipaddr.js";

/** IPv4 blocks that never route from the internet: RFC 1918 and the RFC 6598 shared range. */
const PRIVATE_IPV4_BLOCKS: [string, number][] = [
    ["10.0.0.0", 8],
    ["172.16.0.0", 12],
    ["192.168.0.0", 16],
    ["100.64.0.0", 10],
];

/** A VPC's IPv6 allocation is a /56; anything wider reaches beyond one VPC. */
export const MIN_IPV6_PREFIX = 56;

export const ALLOWED_CIDR_DESCRIPTION =
    "an IPv4 block inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10, or an IPv6 block of /56 or narrower";

/** Returns why a client CIDR may not reach Redis, or undefined when it is private and narrow enough. */
export function cidrProblem(cidr: string): string | undefined {
    if (!ipaddr.isValidCIDR(cidr)) {
        return "is not a CIDR block";
    }
    const [address, prefix] = ipaddr.parseCIDR(cidr);
    if (address.kind() === "ipv4") {
        const inside = PRIVATE_IPV4_BLOCKS.some(
            ([block, bits]) => prefix >= bits && (address as ipaddr.IPv4).match(ipaddr.IPv4.parse(block), bits),
        );
        return inside ? undefined : "is public or wider than a private range";
    }
    return prefix >= MIN_IPV6_PREFIX ? undefined : `is wider than /${MIN_IPV6_PREFIX}`;
}
