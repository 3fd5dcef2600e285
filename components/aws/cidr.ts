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

/** IPv6 ranges that carry IPv4 addresses, so that their width says nothing of the IPv4 space they admit. */
const IPV4_CARRYING_RANGES: Record<string, string> = {
    ipv4Mapped: "IPv4-mapped",
    rfc6145: "IPv4-translated, RFC 6145",
    rfc6052: "NAT64, RFC 6052",
    "6to4": "6to4",
    teredo: "Teredo",
};

/** Returns why a client CIDR may not reach Redis, or undefined when it is private and narrow enough. */
export function cidrProblem(cidr: string): string | undefined {
    if (!ipaddr.isValidCIDR(cidr)) {
        return "is not a CIDR block";
    }
    const [address, prefix] = ipaddr.parseCIDR(cidr);
    if (address.kind() === "ipv4") {
        // ipaddr.js, like inet_aton, reads 012 as octal, 0x0a as hexadecimal and 10.1 as 10.0.0.1.
        if (!ipaddr.IPv4.isValidFourPartDecimal(cidr.split("/")[0])) return "is not written in dotted decimal without leading zeros";
    } else {
        const carried = IPV4_CARRYING_RANGES[address.range()];
        if (carried) return `embeds IPv4 addresses (${carried}); write the IPv4 block itself`;
    }
    const network = (address.kind() === "ipv4" ? ipaddr.IPv4 : ipaddr.IPv6).networkAddressFromCIDR(cidr);
    if (network.toString() !== address.toString()) {
        return `has bits set beyond its /${prefix} prefix; the block is ${network.toString()}/${prefix}`;
    }
    if (address.kind() === "ipv4") {
        const inside = PRIVATE_IPV4_BLOCKS.some(
            ([block, bits]) => prefix >= bits && (address as ipaddr.IPv4).match(ipaddr.IPv4.parse(block), bits),
        );
        return inside ? undefined : "is public or wider than a private range";
    }
    return prefix >= MIN_IPV6_PREFIX ? undefined : `is wider than /${MIN_IPV6_PREFIX}`;
}
