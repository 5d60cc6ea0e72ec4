/**
 * Small, strict CIDR arithmetic for IPv4 and IPv6 (node:net validates the address text).
 * Used by config validation (syntax, alignment, containment), by the network (carving subnets),
 * and by the test model of AWS (addresses inside a subnet).
 */
import * as net from "node:net";

export interface Ipv4Cidr { base: number; prefix: number }

/** Parses `a.b.c.d/n`. Returns undefined when it is not an IPv4 CIDR. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
    const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(text);
    if (!m || !net.isIPv4(m[1])) {
        return undefined;
    }
    const prefix = Number(m[2]);
    if (prefix > 32) {
        return undefined;
    }
    return { base: ipv4ToNumber(m[1]), prefix };
}

export function ipv4ToNumber(address: string): number {
    return address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function numberToIpv4(n: number): string {
    return [24, 16, 8, 0].map(shift => Math.floor(n / 2 ** shift) % 256).join(".");
}

function ipv4Size(prefix: number): number {
    return 2 ** (32 - prefix);
}

/** The network address of a CIDR (host bits cleared). */
export function ipv4Network(c: Ipv4Cidr): number {
    const size = ipv4Size(c.prefix);
    return Math.floor(c.base / size) * size;
}

export function formatIpv4Cidr(c: Ipv4Cidr): string {
    return `${numberToIpv4(c.base)}/${c.prefix}`;
}

/** True when the CIDR has host bits set (e.g. 10.0.0.1/24); AWS normalises such values, which causes perpetual diffs. */
export function ipv4HasHostBits(c: Ipv4Cidr): boolean {
    return ipv4Network(c) !== c.base;
}

export function ipv4Contains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
    return inner.prefix >= outer.prefix && ipv4Network({ base: inner.base, prefix: outer.prefix }) === ipv4Network(outer);
}

/**
 * Terraform's `cidrsubnet`: the `index`-th subnet with `newBits` more prefix bits.
 * cidrSubnet("10.0.0.0/16", 4, 1) === "10.0.16.0/20".
 */
export function cidrSubnet(parent: string, newBits: number, index: number): string {
    const c = parseIpv4Cidr(parent);
    if (!c) {
        throw new Error(`not an IPv4 CIDR: ${parent}`);
    }
    const prefix = c.prefix + newBits;
    if (prefix > 32 || index < 0 || index >= 2 ** newBits) {
        throw new Error(`cannot carve subnet ${index} with ${newBits} new bits from ${parent}`);
    }
    return formatIpv4Cidr({ base: ipv4Network(c) + index * ipv4Size(prefix), prefix });
}

/** The `offset`-th address of a CIDR (0 is the network address). */
export function ipv4At(cidr: string, offset: number): string {
    const c = parseIpv4Cidr(cidr);
    if (!c || offset < 0 || offset >= ipv4Size(c.prefix)) {
        throw new Error(`offset ${offset} is outside ${cidr}`);
    }
    return numberToIpv4(ipv4Network(c) + offset);
}

export interface Ipv6Cidr { base: bigint; prefix: number }

/** Parses an IPv6 CIDR such as `2001:db8::/32`. */
export function parseIpv6Cidr(text: string): Ipv6Cidr | undefined {
    const slash = text.lastIndexOf("/");
    if (slash < 0) {
        return undefined;
    }
    const address = text.slice(0, slash);
    const prefixText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText) || !net.isIPv6(address) || address.includes("%")) {
        return undefined;
    }
    const prefix = Number(prefixText);
    if (prefix > 128) {
        return undefined;
    }
    return { base: ipv6ToBigInt(address), prefix };
}

function ipv6ToBigInt(address: string): bigint {
    let text = address;
    // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
    if (v4) {
        const n = ipv4ToNumber(v4[1]);
        text = text.slice(0, -v4[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
    }
    const [head, tail] = text.split("::");
    const headParts = head ? head.split(":") : [];
    const tailParts = tail !== undefined && tail !== "" ? tail.split(":") : [];
    const missing = 8 - headParts.length - tailParts.length;
    const parts = tail === undefined ? headParts : [...headParts, ...Array(missing).fill("0"), ...tailParts];
    return parts.reduce((acc, h) => (acc << 16n) + BigInt(parseInt(h, 16)), 0n);
}

export function ipv6HasHostBits(c: Ipv6Cidr): boolean {
    const hostBits = BigInt(128 - c.prefix);
    return (c.base & ((1n << hostBits) - 1n)) !== 0n;
}
