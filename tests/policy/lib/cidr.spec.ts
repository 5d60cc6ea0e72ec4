// policy/lib/cidr.ts: isWholeInternet, whether a rule's CIDR covers every IPv4 or every IPv6 address (0.0.0.0/0, ::/0
// and the other spellings that parse), the test every "from the internet" policy applies to a rule's sources.
import * as assert from "node:assert/strict";
import { isWholeInternet } from "../../../policy/lib/cidr";

describe("policy/lib/cidr isWholeInternet", () => {
    it("0.0.0.0/0 and ::/0 are the whole internet", () => {
        assert.equal(isWholeInternet("0.0.0.0/0"), true);
        assert.equal(isWholeInternet("::/0"), true);
    });

    it("so are other spellings AWS accepts or a typo that still parses: white space around, a zero-padded prefix, expanded IPv6 zeros", () => {
        for (const cidr of [" 0.0.0.0/0 ", "0.0.0.0/0\n", "\t::/0", "0.0.0.0/00", "::/00", "0::0/0", "::0/0", "0:0:0:0:0:0:0:0/0", "0000::/0"]) {
            assert.equal(isWholeInternet(cidr), true, JSON.stringify(cidr));
        }
    });

    it("any valid address with a prefix length of zero covers every address of its family", () => {
        for (const cidr of ["10.1.2.3/0", "192.168.0.1/0", "2001:db8::/0", "fe80::1/0", "::ffff:0.0.0.0/0"]) {
            assert.equal(isWholeInternet(cidr), true, cidr);
        }
    });

    it("a missing prefix is a single host, not the internet", () => {
        for (const cidr of ["0.0.0.0", "::", "0.0.0.0/", "::/"]) {
            assert.equal(isWholeInternet(cidr), false, cidr);
        }
    });

    it("a non-zero prefix is not the whole internet, however short", () => {
        for (const cidr of ["0.0.0.0/1", "128.0.0.0/1", "0.0.0.0/8", "::/1", "2000::/3", "0.0.0.0/32", "::/128", "10.0.0.0/8"]) {
            assert.equal(isWholeInternet(cidr), false, cidr);
        }
    });

    it("what does not parse as an address and a prefix is not: bad addresses, signs, inner white space, lists, ids", () => {
        for (const cidr of [
            "", " ", "/0", "0/0", "0.0.0/0", "256.0.0.0/0", "00.0.0.0/0", "0.0.0.0/-0", "0.0.0.0/+0", "0.0.0.0/0x0", "0.0.0.0/0.0",
            "0.0.0.0 /0", "0.0.0.0/ 0", "0.0.0.0/0/0", ":::/0", "::g/0", "0.0.0.0/0,::/0", "anywhere", "pl-12345678", "sg-0123456789abcdef0",
        ]) {
            assert.equal(isWholeInternet(cidr), false, JSON.stringify(cidr));
        }
    });
});
