/** The firewall keys: sshCidrs, ingress and egress rules for a new security group, or existing groups. */
import type { FirewallRule, PeerKind, Protocol } from "../components/security-group";
import { closest } from "../lib/aws-facts";
import { Collector } from "./errors";
import { isObject, port, RawReader, stringList } from "./fields";
import { cidrKind } from "./parsers";
import { existingGroupTakesNoRules, rulesOnce } from "./rules";
import { EGRESS_SG_KEY, FirewallSetting, INGRESS_SG_KEY, PREFIX_LIST_ID, RULE_PEER_KEYS, SG_ID } from "./schema";

const PROTOCOLS: Protocol[] = ["tcp", "udp", "icmp", "icmpv6", "all"];

/** The firewall, and the SSH sources (a rule each, and what sshNeedsKeyPair checks). */
export function firewallSetting(c: Collector, read: RawReader): { firewall: FirewallSetting; sshCidrs: string[] } {
    const sshCidrsRaw = read.json("sshCidrs", "a list of IPv4 or IPv6 CIDRs");
    const ingressRaw = read.json("ingress", "a list of rules");
    const egressRawText = read.str("egress");
    const egressRaw = egressRawText === undefined || egressRawText === "all" ? "all" : read.json("egress", `"all" or a list of rules`);
    const existingSgRaw = read.json("existingSecurityGroupIds", "a list of security group ids");
    const sshCidrs = stringList(c, "sshCidrs", sshCidrsRaw ?? [], undefined, "a list of IPv4 or IPv6 CIDRs", false);
    if (existingSgRaw !== undefined) {
        const ids = stringList(c, "existingSecurityGroupIds", existingSgRaw, SG_ID, "a security group id like sg-0123456789abcdef0", true);
        existingGroupTakesNoRules(c, {
            sshCidrs: sshCidrs.length > 0,
            ingress: Array.isArray(ingressRaw) && ingressRaw.length > 0,
            egress: egressRaw !== "all",
        });
        return { firewall: { kind: "existing", securityGroupIds: ids }, sshCidrs };
    }
    const ingress: FirewallRule[] = [];
    sshCidrs.forEach((cidr, i) => {
        const kind = cidrKind(c, `sshCidrs[${i}]`, cidr);
        if (kind) {
            ingress.push({ protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind, value: cidr }, description: `SSH from ${cidr}` });
        }
    });
    ingress.push(...ruleList(c, "ingress", ingressRaw ?? [], INGRESS_SG_KEY));
    const egress = egressRaw === "all" ? "all" : egressRaw === undefined ? [] : ruleList(c, "egress", egressRaw, EGRESS_SG_KEY);
    rulesOnce(c, "ingress", ingress);
    if (egress !== "all") {
        rulesOnce(c, "egress", egress);
    }
    return { firewall: { kind: "new", ingress, egress }, sshCidrs };
}

/** Parses a list of ingress/egress rules; one FirewallRule per source. */
function ruleList(c: Collector, key: string, value: unknown, sgKey: string): FirewallRule[] {
    const allowedKeys = ["protocol", "port", "fromPort", "toPort", "icmpType", "icmpCode", ...RULE_PEER_KEYS, sgKey, "description"];
    const shape = `{protocol, port or fromPort/toPort, ${[...RULE_PEER_KEYS, sgKey].join(" / ")}, description}`;
    if (!Array.isArray(value)) {
        c.bad(key, value, `a list of rules ${shape}`);
        return [];
    }
    const rules: FirewallRule[] = [];
    value.forEach((r, i) => {
        const at = `${key}[${i}]`;
        if (!isObject(r)) {
            c.bad(at, r, `a rule ${shape}`);
            return;
        }
        const unknownKeys = Object.keys(r).filter(k => !allowedKeys.includes(k));
        for (const k of unknownKeys) {
            const s = closest(k, allowedKeys, 3);
            c.bad(`${at}.${k}`, r[k], `only the rule keys ${allowedKeys.join(", ")}`, s ? `unknown rule key; did you mean "${s}"?` : "unknown rule key");
        }
        const protocol = typeof r.protocol === "string" ? r.protocol.toLowerCase() : r.protocol;
        if (!PROTOCOLS.includes(protocol as Protocol)) {
            c.bad(`${at}.protocol`, r.protocol, `one of ${PROTOCOLS.join(", ")}`);
            return;
        }
        const p = protocol as Protocol;
        let fromPort: number | undefined;
        let toPort: number | undefined;
        if (p === "tcp" || p === "udp") {
            for (const k of ["icmpType", "icmpCode"]) {
                if (r[k] !== undefined) {
                    c.bad(`${at}.${k}`, r[k], `no ${k} for ${p}; use port or fromPort/toPort`);
                }
            }
            if (r.port !== undefined && (r.fromPort !== undefined || r.toPort !== undefined)) {
                c.bad(`${at}.port`, r.port, "either port or fromPort/toPort, not both");
            } else if (r.port !== undefined) {
                fromPort = toPort = port(c, `${at}.port`, r.port, 0, 65535, "an integer port");
            } else if (r.fromPort !== undefined && r.toPort !== undefined) {
                fromPort = port(c, `${at}.fromPort`, r.fromPort, 0, 65535, "an integer port");
                toPort = port(c, `${at}.toPort`, r.toPort, 0, 65535, "an integer port");
                if (fromPort !== undefined && toPort !== undefined && fromPort > toPort) {
                    c.bad(`${at}.toPort`, r.toPort, `a port from fromPort (${fromPort}) to 65535`);
                }
            } else {
                c.bad(at, r, `a ${p} rule with port, or with both fromPort and toPort`);
            }
        } else if (p === "icmp" || p === "icmpv6") {
            for (const k of ["port", "fromPort", "toPort"]) {
                if (r[k] !== undefined) {
                    c.bad(`${at}.${k}`, r[k], `no ports for ${p}; use icmpType/icmpCode (default -1, all)`);
                }
            }
            fromPort = r.icmpType === undefined ? -1 : port(c, `${at}.icmpType`, r.icmpType, -1, 255, "an ICMP type");
            toPort = r.icmpCode === undefined ? -1 : port(c, `${at}.icmpCode`, r.icmpCode, -1, 255, "an ICMP code");
            // EC2 API IpPermission: "For the ICMP/ICMPv6 type number, you can use -1 to specify all ICMP/ICMPv6
            // types. If you specify all ICMP/ICMPv6 types, you must specify all ICMP/ICMPv6 codes."
            if (fromPort === -1 && toPort !== undefined && toPort !== -1) {
                c.bad(`${at}.icmpCode`, r.icmpCode, "-1 or no icmpCode while icmpType is -1 or absent (all ICMP types)",
                    "AWS requires code -1 with type -1; set icmpType to the type this code belongs to");
            }
        } else {
            for (const k of ["port", "fromPort", "toPort", "icmpType", "icmpCode"]) {
                if (r[k] !== undefined) {
                    c.bad(`${at}.${k}`, r[k], "no ports for protocol all (it means every protocol and port)");
                }
            }
        }
        if (typeof r.description !== "string" || r.description.trim() === "" || r.description.length > 255 || !/^[a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]*$/.test(r.description)) {
            c.bad(`${at}.description`, r.description, "a non-empty description of up to 255 characters from AWS's allowed set (letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*)");
        }
        const peers: FirewallRule["peer"][] = [];
        const collect = (k: string, kind: (v: unknown, at: string) => PeerKind | undefined) => {
            const v = r[k];
            if (v === undefined) {
                return;
            }
            const list = Array.isArray(v) ? v : [v];
            if (list.length === 0) {
                c.bad(`${at}.${k}`, v, "a value or a non-empty list");
            }
            list.forEach((item, j) => {
                const itemAt = Array.isArray(v) ? `${at}.${k}[${j}]` : `${at}.${k}`;
                const kd = kind(item, itemAt);
                if (kd) {
                    peers.push({ kind: kd, value: String(item) });
                }
            });
        };
        collect("cidr", (v, a) => {
            const kd = cidrKind(c, a, v);
            if (kd === "cidrIpv6") {
                c.bad(a, v, "an IPv4 CIDR (put IPv6 CIDRs under ipv6Cidr)");
                return undefined;
            }
            return kd;
        });
        collect("ipv6Cidr", (v, a) => {
            const kd = cidrKind(c, a, v);
            if (kd === "cidrIpv4") {
                c.bad(a, v, "an IPv6 CIDR (put IPv4 CIDRs under cidr)");
                return undefined;
            }
            return kd;
        });
        collect(sgKey, (v, a) => {
            if (typeof v !== "string" || !SG_ID.test(v)) {
                c.bad(a, v, "a security group id like sg-0123456789abcdef0");
                return undefined;
            }
            return "securityGroup";
        });
        collect("prefixListId", (v, a) => {
            if (typeof v !== "string" || !PREFIX_LIST_ID.test(v)) {
                c.bad(a, v, "a managed prefix list id like pl-0123456789abcdef0");
                return undefined;
            }
            return "prefixList";
        });
        const hasPeerKey = [...RULE_PEER_KEYS, sgKey].some(k => r[k] !== undefined);
        if (!hasPeerKey && unknownKeys.length === 0) {
            c.bad(at, r, `a rule with at least one of ${[...RULE_PEER_KEYS, sgKey].join(", ")}`);
        }
        if (p === "icmpv6" && peers.some(x => x.kind === "cidrIpv4")) {
            c.bad(`${at}.cidr`, r.cidr, "an IPv6 source for icmpv6 (use ipv6Cidr)");
        }
        if (p === "icmp" && peers.some(x => x.kind === "cidrIpv6")) {
            c.bad(`${at}.ipv6Cidr`, r.ipv6Cidr, "an IPv4 source for icmp (use icmpv6 for IPv6)");
        }
        for (const peer of peers) {
            rules.push({ protocol: p, fromPort, toPort, peer, description: String(r.description ?? "") });
        }
    });
    return rules;
}
