// "Is this CIDR the whole internet?"
import { isIP } from "node:net";

/**
 * True when `cidr` covers every IPv4 or every IPv6 address: any valid address with a prefix length of
 * zero, in any spelling AWS accepts or a typo that still parses: "0.0.0.0/0", " 0.0.0.0/0 ", "0.0.0.0/00",
 * "::/0", "0::0/0", "0:0:0:0:0:0:0:0/0". A missing prefix ("0.0.0.0") is a single host, not the internet.
 */
export function isWholeInternet(cidr: string): boolean {
    const match = /^([^/\s]+)\/(\d+)$/.exec(cidr.trim());
    return match !== null && Number(match[2]) === 0 && isIP(match[1]) !== 0;
}
