import * as assert from "node:assert/strict";
import { ruleSlug } from "../../lib/rule-names";

describe("lib/rule-names", () => {
    it("names rules after their content", () => {
        assert.equal(ruleSlug({ protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind: "cidrIpv4", value: "203.0.113.10/32" }, description: "" }), "tcp-22-203.0.113.10-32");
        assert.equal(ruleSlug({ protocol: "udp", fromPort: 60000, toPort: 61000, peer: { kind: "securityGroup", value: "sg-0123456789abcdef0" }, description: "" }), "udp-60000-61000-sg-0123456789abcdef0");
        assert.equal(ruleSlug({ protocol: "all", peer: { kind: "cidrIpv6", value: "::/0" }, description: "" }), "all-v6-..-0");
    });
});
