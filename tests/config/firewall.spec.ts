import * as assert from "node:assert/strict";
import { parseConfig } from "../../config";
import { FIREWALL_CASES } from "./cases/firewall";
import { rejectsEach } from "./helpers";

describe("config/firewall", () => {
    rejectsEach(FIREWALL_CASES);

    it("normalises rules: one rule per source, protocols lower-cased, icmp type/code, all without ports", () => {
        const cfg = parseConfig({
            sshCidrs: '["203.0.113.10/32", "2001:db8::/64"]',
            ingress: JSON.stringify([
                { protocol: "TCP", fromPort: 8000, toPort: 8080, cidr: ["198.51.100.0/24", "192.0.2.0/24"], description: "app" },
                { protocol: "icmp", icmpType: 8, cidr: "10.0.0.0/8", description: "ping" },
                { protocol: "udp", port: "53", sourceSecurityGroupId: "sg-0123456789abcdef0", description: "dns" },
                { protocol: "tcp", port: 443, prefixListId: "pl-0123456789abcdef0", ipv6Cidr: "::/0", description: "https" },
            ]),
            egress: JSON.stringify([{ protocol: "all", cidr: "10.0.0.0/16", description: "inside the VPC" }]),
        });
        assert.deepEqual(cfg.firewall, {
            kind: "new",
            ingress: [
                { protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind: "cidrIpv4", value: "203.0.113.10/32" }, description: "SSH from 203.0.113.10/32" },
                { protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind: "cidrIpv6", value: "2001:db8::/64" }, description: "SSH from 2001:db8::/64" },
                { protocol: "tcp", fromPort: 8000, toPort: 8080, peer: { kind: "cidrIpv4", value: "198.51.100.0/24" }, description: "app" },
                { protocol: "tcp", fromPort: 8000, toPort: 8080, peer: { kind: "cidrIpv4", value: "192.0.2.0/24" }, description: "app" },
                { protocol: "icmp", fromPort: 8, toPort: -1, peer: { kind: "cidrIpv4", value: "10.0.0.0/8" }, description: "ping" },
                { protocol: "udp", fromPort: 53, toPort: 53, peer: { kind: "securityGroup", value: "sg-0123456789abcdef0" }, description: "dns" },
                { protocol: "tcp", fromPort: 443, toPort: 443, peer: { kind: "cidrIpv6", value: "::/0" }, description: "https" },
                { protocol: "tcp", fromPort: 443, toPort: 443, peer: { kind: "prefixList", value: "pl-0123456789abcdef0" }, description: "https" },
            ],
            egress: [{ protocol: "all", fromPort: undefined, toPort: undefined, peer: { kind: "cidrIpv4", value: "10.0.0.0/16" }, description: "inside the VPC" }],
        });
    });
});
