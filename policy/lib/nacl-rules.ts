// Network ACL ingress rules, normalised from both forms:
//   1. inline `ingress` on aws:ec2/networkAcl:NetworkAcl and aws:ec2/defaultNetworkAcl:DefaultNetworkAcl:
//      action/protocol/fromPort/toPort/cidrBlock/ipv6CidrBlock/ruleNo
//   2. aws:ec2/networkAclRule:NetworkAclRule with egress false (the default):
//      ruleAction/protocol/fromPort/toPort/cidrBlock/ipv6CidrBlock/ruleNumber
import { formatPorts, normalizeProtocol, Protocol, toPort } from "./ports";
import { T } from "./types";
import { bool, get, list, show, str, UNKNOWN, Unknown } from "./unknown";

export const NACL_TYPES: readonly string[] = [T.NetworkAcl, T.DefaultNetworkAcl, T.NetworkAclRule];

export interface NaclRule {
    /** "ingress rule 100" (inline) or "Rule 100" (NetworkAclRule). */
    label: string;
    /** "allow" or "deny" (lower case), as written otherwise. */
    action: string | Unknown | undefined;
    rawProtocol: unknown;
    protocol: Protocol | Unknown | undefined;
    fromPort: number | Unknown | undefined;
    toPort: number | Unknown | undefined;
    cidrs: (string | Unknown)[];
}

function naclRule(label: string, props: unknown, actionKey: string): NaclRule {
    const action = str(get(props, actionKey));
    const rawProtocol = get(props, "protocol");
    return {
        label,
        action: action === UNKNOWN || action === undefined ? action : action.trim().toLowerCase(),
        rawProtocol,
        protocol: normalizeProtocol(rawProtocol),
        fromPort: toPort(get(props, "fromPort")),
        toPort: toPort(get(props, "toPort")),
        cidrs: [str(get(props, "cidrBlock")), str(get(props, "ipv6CidrBlock"))].filter((c): c is string | Unknown => c !== undefined),
    };
}

function ruleNumber(value: unknown, fallback: string): string {
    const n = toPort(value);
    return typeof n === "number" ? String(n) : fallback;
}

/**
 * The ingress rules of a network ACL resource. An unknown inline `ingress` list yields no rules, and a
 * NetworkAclRule whose `egress` is unknown is left out.
 */
export function naclIngressRules(type: string, props: unknown): NaclRule[] {
    if (type === T.NetworkAcl || type === T.DefaultNetworkAcl) {
        const entries = list(get(props, "ingress"));
        if (entries === UNKNOWN) {
            return [];
        }
        return entries.flatMap((entry, i) =>
            entry === UNKNOWN || entry === null || typeof entry !== "object"
                ? []
                : [naclRule(`ingress rule ${ruleNumber(get(entry, "ruleNo"), `#${i}`)}`, entry, "action")],
        );
    }
    if (type === T.NetworkAclRule) {
        const egress = bool(get(props, "egress")) ?? false;
        return egress === false ? [naclRule(`Rule ${ruleNumber(get(props, "ruleNumber"), "(unknown)")}`, props, "ruleAction")] : [];
    }
    return [];
}

/** e.g. `ingress rule 100 (action "allow", protocol "tcp", ports 22, from 0.0.0.0/0)`. */
export function describeNaclRule(rule: NaclRule, sources: string[]): string {
    return `${rule.label} (action ${show(rule.action)}, protocol ${show(rule.rawProtocol)}, ` +
        `ports ${formatPorts(rule.protocol, rule.fromPort, rule.toPort)}, from ${sources.join(", ")})`;
}
