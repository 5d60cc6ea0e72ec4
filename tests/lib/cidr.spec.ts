// lib/cidr.ts: IPv4 and IPv6 CIDR arithmetic for the config checks, the network's subnet plan and the AWS model's
// addresses.
import * as assert from "node:assert/strict";
import {
    cidrSubnet, formatIpv4Cidr, ipv4At, ipv4Contains, ipv4HasHostBits, ipv4Network, ipv4ToNumber, numberToIpv4, parseIpv4Cidr,
    ipv6HasHostBits, parseIpv6Cidr,
} from "../../lib/cidr";

describe("lib/cidr", () => {
    it("parses IPv4 CIDRs and refuses everything else", () => {
        assert.deepEqual(parseIpv4Cidr("10.20.0.0/16"), { base: ipv4ToNumber("10.20.0.0"), prefix: 16 });
        assert.deepEqual(parseIpv4Cidr("0.0.0.0/0"), { base: 0, prefix: 0 });
        for (const bad of ["10.20.0.0", "10.20.0.0/33", "10.20.0/16", "256.0.0.0/8", "10.0.0.0/-1", "10.0.0.0/ 8", "::/0", ""]) {
            assert.equal(parseIpv4Cidr(bad), undefined, bad);
        }
    });

    it("converts addresses to numbers and back, unsigned", () => {
        assert.equal(ipv4ToNumber("255.255.255.255"), 4294967295);
        assert.equal(numberToIpv4(4294967295), "255.255.255.255");
        assert.equal(numberToIpv4(ipv4ToNumber("10.1.2.3")), "10.1.2.3");
    });

    it("knows host bits, networks and containment", () => {
        const c = parseIpv4Cidr("10.20.0.1/20")!;
        assert.equal(ipv4HasHostBits(c), true);
        assert.equal(formatIpv4Cidr({ base: ipv4Network(c), prefix: c.prefix }), "10.20.0.0/20");
        assert.equal(ipv4HasHostBits(parseIpv4Cidr("10.20.0.0/20")!), false);
        const vpc = parseIpv4Cidr("10.20.0.0/16")!;
        assert.equal(ipv4Contains(vpc, parseIpv4Cidr("10.20.16.0/20")!), true);
        assert.equal(ipv4Contains(vpc, parseIpv4Cidr("10.21.0.0/20")!), false);
        assert.equal(ipv4Contains(vpc, parseIpv4Cidr("10.0.0.0/8")!), false, "a larger block is not inside");
        assert.equal(ipv4Contains(parseIpv4Cidr("0.0.0.0/0")!, vpc), true);
    });

    it("carves subnets as Terraform's cidrsubnet does, and refuses what does not fit", () => {
        assert.equal(cidrSubnet("10.0.0.0/16", 4, 1), "10.0.16.0/20");
        assert.equal(cidrSubnet("10.0.0.0/16", 8, 255), "10.0.255.0/24");
        assert.throws(() => cidrSubnet("10.0.0.0/16", 4, 16), { message: "cannot carve subnet 16 with 4 new bits from 10.0.0.0/16" });
        assert.throws(() => cidrSubnet("10.0.0.0/30", 3, 0), { message: "cannot carve subnet 0 with 3 new bits from 10.0.0.0/30" });
        assert.throws(() => cidrSubnet("10.0.0/16", 4, 0), { message: "not an IPv4 CIDR: 10.0.0/16" });
    });

    it("gives the n-th address of a block", () => {
        assert.equal(ipv4At("10.0.16.0/20", 0), "10.0.16.0");
        assert.equal(ipv4At("10.0.16.0/20", 4095), "10.0.31.255");
        assert.throws(() => ipv4At("10.0.16.0/20", 4096), { message: "offset 4096 is outside 10.0.16.0/20" });
    });

    it("parses IPv6 CIDRs, with :: and an embedded IPv4 tail, and knows their host bits", () => {
        assert.deepEqual(parseIpv6Cidr("::/0"), { base: 0n, prefix: 0 });
        assert.deepEqual(parseIpv6Cidr("2001:db8::/32"), { base: 0x20010db8n << 96n, prefix: 32 });
        assert.deepEqual(parseIpv6Cidr("::ffff:1.2.3.4/128"), { base: (0xffffn << 32n) + 0x01020304n, prefix: 128 });
        for (const bad of ["2001:db8::", "2001:db8::/129", "10.0.0.0/8", "fe80::1%eth0/64", "2001:db8::/x"]) {
            assert.equal(parseIpv6Cidr(bad), undefined, bad);
        }
        assert.equal(ipv6HasHostBits(parseIpv6Cidr("2001:db8::1/64")!), true);
        assert.equal(ipv6HasHostBits(parseIpv6Cidr("2001:db8::/32")!), false);
    });
});
