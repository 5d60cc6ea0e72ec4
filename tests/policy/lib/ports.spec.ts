// policy/lib/ports.ts: protocol and port-range normalisation for the security group and network ACL policies
// (normalizeProtocol, toPort, portsFor, includesPort, isAllPorts, formatPorts): "-1"/"all" is every port of every
// protocol, IANA numbers are their names, and an unknown (preview) protocol or port opens nothing.
import * as assert from "node:assert/strict";
import { formatPorts, includesPort, isAllPorts, MAX_PORT, normalizeProtocol, portsFor, toPort } from "../../../policy/lib/ports";
import { UNKNOWN } from "../../../policy/lib/unknown";
import { UNKNOWN as ENGINE_UNKNOWN } from "../helpers";

describe("policy/lib/ports", () => {
    it("MAX_PORT is 65535", () => {
        assert.equal(MAX_PORT, 65535);
    });

    describe("normalizeProtocol", () => {
        it('"-1", -1 and "all" are every protocol, in any case and with white space', () => {
            for (const p of ["-1", -1, "all", "ALL", " All ", " -1 "]) {
                assert.equal(normalizeProtocol(p), "all", JSON.stringify(p));
            }
        });
        it("IANA numbers, as strings or numbers, are the names AWS also accepts; names in any case", () => {
            const cases: [unknown, string][] = [
                ["6", "tcp"], [6, "tcp"], ["tcp", "tcp"], ["TCP", "tcp"], [" Tcp ", "tcp"],
                ["17", "udp"], [17, "udp"], ["UDP", "udp"],
                ["1", "icmp"], [1, "icmp"], ["ICMP", "icmp"],
                ["58", "icmpv6"], [58, "icmpv6"], ["ICMPv6", "icmpv6"],
            ];
            for (const [value, expected] of cases) {
                assert.equal(normalizeProtocol(value), expected, JSON.stringify(value));
            }
        });
        it("other protocols come back as written, trimmed and in lower case", () => {
            assert.equal(normalizeProtocol("132"), "132");
            assert.equal(normalizeProtocol(50), "50");
            assert.equal(normalizeProtocol(" ESP "), "esp");
            assert.equal(normalizeProtocol(""), "");
        });
        it("an unknown protocol (the engine's sentinel or UNKNOWN) is UNKNOWN; what is no string or number is undefined", () => {
            assert.equal(normalizeProtocol(ENGINE_UNKNOWN), UNKNOWN);
            assert.equal(normalizeProtocol(UNKNOWN), UNKNOWN);
            for (const value of [undefined, null, true, {}, ["tcp"]]) {
                assert.equal(normalizeProtocol(value), undefined, JSON.stringify(value));
            }
        });
    });

    describe("toPort", () => {
        it("integers and numeric strings, white space and a sign allowed", () => {
            const cases: [unknown, number][] = [[22, 22], [0, 0], [-1, -1], [65535, 65535], ["22", 22], [" 22 ", 22], ["-1", -1], ["3389\n", 3389]];
            for (const [value, expected] of cases) {
                assert.equal(toPort(value), expected, JSON.stringify(value));
            }
        });
        it("undefined for fractions, NaN, hex, exponents, empty strings and other types", () => {
            for (const value of [22.5, Number.NaN, Number.POSITIVE_INFINITY, "22.0", "0x16", "1e3", "", " ", "22-30", "ssh", undefined, null, true, [22]]) {
                assert.equal(toPort(value), undefined, String(value));
            }
        });
        it("an unknown port is UNKNOWN", () => {
            assert.equal(toPort(ENGINE_UNKNOWN), UNKNOWN);
            assert.equal(toPort(UNKNOWN), UNKNOWN);
        });
    });

    describe("portsFor", () => {
        it('protocol "all" opens every port of both transports, whatever fromPort/toPort say (AWS ignores them)', () => {
            for (const transport of ["tcp", "udp"] as const) {
                assert.deepEqual(portsFor(transport, "all", 0, 0), { from: 0, to: 65535 });
                assert.deepEqual(portsFor(transport, "all", UNKNOWN, UNKNOWN), { from: 0, to: 65535 });
                assert.deepEqual(portsFor(transport, "all", undefined, undefined), { from: 0, to: 65535 });
            }
        });
        it("the rule's range for its own transport only", () => {
            assert.deepEqual(portsFor("tcp", "tcp", 20, 30), { from: 20, to: 30 });
            assert.deepEqual(portsFor("udp", "udp", 53, 53), { from: 53, to: 53 });
            assert.equal(portsFor("udp", "tcp", 20, 30), null);
            assert.equal(portsFor("tcp", "udp", 53, 53), null);
        });
        it("null for ICMP and other protocols, which open no ports, and for a range that is not given", () => {
            assert.equal(portsFor("tcp", "icmp", -1, -1), null);
            assert.equal(portsFor("tcp", "icmpv6", -1, -1), null);
            assert.equal(portsFor("tcp", "50", 0, 65535), null);
            assert.equal(portsFor("tcp", undefined, 22, 22), null);
            assert.equal(portsFor("tcp", "tcp", undefined, 22), null);
            assert.equal(portsFor("tcp", "tcp", 22, undefined), null);
        });
        it("UNKNOWN when the protocol, or a port of the rule's own transport, is unknown", () => {
            assert.equal(portsFor("tcp", UNKNOWN, 22, 22), UNKNOWN);
            assert.equal(portsFor("tcp", "tcp", UNKNOWN, 22), UNKNOWN);
            assert.equal(portsFor("tcp", "tcp", 22, UNKNOWN), UNKNOWN);
            // An unknown port of another transport does not matter: the rule opens nothing of this one.
            assert.equal(portsFor("udp", "tcp", UNKNOWN, UNKNOWN), null);
        });
    });

    describe("includesPort", () => {
        it("an inclusive range: 20-30 contains 20, 22 and 30, not 19 or 31", () => {
            const range = { from: 20, to: 30 };
            assert.deepEqual([19, 20, 22, 30, 31].map(p => includesPort(range, p)), [false, true, true, true, false]);
            assert.equal(includesPort({ from: 22, to: 22 }, 22), true);
            assert.equal(includesPort({ from: 3389, to: 3389 }, 22), false);
            assert.equal(includesPort({ from: 0, to: 65535 }, 3389), true);
        });
        it("a reversed range contains nothing", () => {
            assert.equal(includesPort({ from: 30, to: 20 }, 22), false);
        });
        it("no range (null) and an unknown range contain nothing", () => {
            assert.equal(includesPort(null, 22), false);
            assert.equal(includesPort(UNKNOWN, 22), false);
        });
    });

    describe("isAllPorts", () => {
        it("0-65535 and 1-65535 are every port (port 0 is reserved); anything narrower is not", () => {
            assert.equal(isAllPorts({ from: 0, to: 65535 }), true);
            assert.equal(isAllPorts({ from: 1, to: 65535 }), true);
            assert.equal(isAllPorts({ from: 2, to: 65535 }), false);
            assert.equal(isAllPorts({ from: 0, to: 65534 }), false);
            assert.equal(isAllPorts({ from: 22, to: 22 }), false);
            assert.equal(isAllPorts({ from: -1, to: -1 }), false);
        });
        it("no range and an unknown range are not every port", () => {
            assert.equal(isAllPorts(null), false);
            assert.equal(isAllPorts(UNKNOWN), false);
        });
        it('every port of protocol "all", through portsFor', () => {
            assert.equal(isAllPorts(portsFor("tcp", normalizeProtocol("-1"), 0, 0)), true);
            assert.equal(isAllPorts(portsFor("udp", normalizeProtocol(-1), UNKNOWN, UNKNOWN)), true);
        });
    });

    describe("formatPorts", () => {
        it('"all" for protocol all, whatever the ports', () => {
            assert.equal(formatPorts("all", 0, 0), "all");
            assert.equal(formatPorts("all", UNKNOWN, undefined), "all");
        });
        it("one port, a range, and unknown or unset ends", () => {
            assert.equal(formatPorts("tcp", 22, 22), "22");
            assert.equal(formatPorts("tcp", 20, 30), "20-30");
            assert.equal(formatPorts("icmp", -1, -1), "-1");
            assert.equal(formatPorts("tcp", UNKNOWN, UNKNOWN), "(unknown)");
            assert.equal(formatPorts("tcp", UNKNOWN, 22), "(unknown)-22");
            assert.equal(formatPorts("tcp", undefined, undefined), "(not set)");
            assert.equal(formatPorts("tcp", 22, undefined), "22-(not set)");
        });
        it("an unknown or unset protocol still shows its ports", () => {
            assert.equal(formatPorts(UNKNOWN, 22, 22), "22");
            assert.equal(formatPorts(undefined, 20, 30), "20-30");
        });
    });
});
