/** The firewall keys: sshCidrs, ingress and egress rules for a new security group, or existing groups. */
import type * as v from "valibot";
import type { FirewallRule, PeerKind } from "../components/security-group";
import { Collector } from "./errors";
import { check, keysOf, readStringList, unknownKeys } from "./fields";
import { isRecord } from "../lib/values";
import { cidrKind } from "./parsers";
import { RawReader } from "./raw";
import { existingGroupTakesNoRules, rulesOnce } from "./rules";
import { CONFIG, EGRESS_RULE, FirewallSetting, INGRESS_RULE, PREFIX_LIST_ITEM, SECURITY_GROUP_ITEM } from "./schema";

/** The keys of a rule that name its sources (or destinations), besides the security group key of its direction. */
const PEER_KEYS = ["cidr", "ipv6Cidr", "prefixListId"];

/** The firewall, and the SSH sources (a rule each, and what sshNeedsKeyPair checks). */
export function firewallSetting(c: Collector, read: RawReader): { firewall: FirewallSetting; sshCidrs: string[] } {
    const sshCidrsRaw = read.decoded("sshCidrs");
    const ingressRaw = read.decoded("ingress");
    const egressRaw = read.has("egress") ? read.decoded("egress") : "all";
    const existingSgRaw = read.decoded("existingSecurityGroupIds");
    const sshCidrs = readStringList(c, "sshCidrs", sshCidrsRaw ?? [], CONFIG.entries.sshCidrs);
    if (existingSgRaw !== undefined) {
        const ids = readStringList(c, "existingSecurityGroupIds", existingSgRaw, CONFIG.entries.existingSecurityGroupIds);
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
    ingress.push(...ruleList(c, "ingress", ingressRaw ?? [], INGRESS_RULE, "sourceSecurityGroupId"));
    const egress = egressRaw === "all" ? "all" : egressRaw === undefined ? [] : ruleList(c, "egress", egressRaw, EGRESS_RULE, "destinationSecurityGroupId");
    rulesOnce(c, "ingress", ingress);
    if (egress !== "all") {
        rulesOnce(c, "egress", egress);
    }
    return { firewall: { kind: "new", ingress, egress }, sshCidrs };
}

/** Parses a list of ingress/egress rules; one FirewallRule per source. */
function ruleList(c: Collector, key: string, value: unknown, schema: typeof INGRESS_RULE | typeof EGRESS_RULE, sgKey: string): FirewallRule[] {
    const fields = schema.entries as Record<string, v.GenericSchema>;
    const peerKeys = [...PEER_KEYS, sgKey];
    const shape = `{protocol, port or fromPort/toPort, ${peerKeys.join(" / ")}, description}`;
    if (!Array.isArray(value)) {
        c.bad(key, value, `a list of rules ${shape}`);
        return [];
    }
    const rules: FirewallRule[] = [];
    value.forEach((r, i) => {
        const at = `${key}[${i}]`;
        if (!isRecord(r)) {
            c.bad(at, r, `a rule ${shape}`);
            return;
        }
        const unknown = unknownKeys(c, at, r, keysOf(schema), "only the rule keys", "unknown rule key");
        const p = check(c, `${at}.protocol`, schema.entries.protocol, r.protocol);
        if (p === undefined) {
            return;
        }
        const number = (k: string) => check(c, `${at}.${k}`, fields[k], r[k]) as number | undefined;
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
                fromPort = toPort = number("port");
            } else if (r.fromPort !== undefined && r.toPort !== undefined) {
                fromPort = number("fromPort");
                toPort = number("toPort");
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
            fromPort = r.icmpType === undefined ? -1 : number("icmpType");
            toPort = r.icmpCode === undefined ? -1 : number("icmpCode");
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
        check(c, `${at}.description`, schema.entries.description, r.description);
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
        collect(sgKey, (v, a) => check(c, a, SECURITY_GROUP_ITEM, v) === undefined ? undefined : "securityGroup");
        collect("prefixListId", (v, a) => check(c, a, PREFIX_LIST_ITEM, v) === undefined ? undefined : "prefixList");
        const hasPeerKey = peerKeys.some(k => r[k] !== undefined);
        if (!hasPeerKey && unknown.length === 0) {
            c.bad(at, r, `a rule with at least one of ${peerKeys.join(", ")}`);
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
