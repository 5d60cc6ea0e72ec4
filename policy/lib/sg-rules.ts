// The three ways to write a security group rule, normalised to one shape:
//   1. inline `ingress`/`egress` on aws:ec2/securityGroup:SecurityGroup (and DefaultSecurityGroup):
//      fromPort/toPort/protocol/cidrBlocks/ipv6CidrBlocks/prefixListIds/securityGroups/self/description
//   2. aws:ec2/securityGroupRule:SecurityGroupRule with type "ingress" or "egress":
//      fromPort/toPort/protocol/cidrBlocks/ipv6CidrBlocks/prefixListIds/sourceSecurityGroupId/self/description
//   3. aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule / SecurityGroupEgressRule, one peer per rule:
//      ipProtocol/fromPort/toPort/cidrIpv4/cidrIpv6/referencedSecurityGroupId/prefixListId/description
import { isWholeInternet } from "./cidr";
import { formatPorts, normalizeProtocol, Protocol, toPort } from "./ports";
import { T } from "./types";
import { get, isUnknown, list, show, str, UNKNOWN, Unknown } from "./unknown";

export type Direction = "ingress" | "egress";

/** One security group rule, whatever form it was written in. */
export interface SgRule {
    /** Names the rule in messages: "ingress[0]" for inline rules, "This rule" for standalone ones. */
    label: string;
    direction: Direction | Unknown | undefined;
    /** The protocol as written, for messages. */
    rawProtocol: unknown;
    protocol: Protocol | Unknown | undefined;
    fromPort: number | Unknown | undefined;
    toPort: number | Unknown | undefined;
    /** IPv4 and IPv6 CIDRs (sources of ingress, destinations of egress), as written. */
    cidrs: (string | Unknown)[];
    /** Peers that are not CIDRs, for messages: "security group sg-1", "prefix list pl-1", "self". */
    peers: string[];
    description: string | Unknown | undefined;
}

/** Types that hold inline rules. */
export const GROUP_TYPES: readonly string[] = [T.SecurityGroup, T.DefaultSecurityGroup];
/** Standalone rule types. */
export const STANDALONE_RULE_TYPES: readonly string[] = [T.SecurityGroupRule, T.SecurityGroupIngressRule, T.SecurityGroupEgressRule];
/** Every type that carries security group rules. */
export const SG_RULE_TYPES: readonly string[] = [...GROUP_TYPES, ...STANDALONE_RULE_TYPES];

function stringsOf(value: unknown): (string | Unknown)[] {
    const items = list(value);
    if (items === UNKNOWN) {
        return [UNKNOWN];
    }
    const result: (string | Unknown)[] = [];
    for (const item of items) {
        const s = str(item);
        if (s !== undefined) {
            result.push(s);
        }
    }
    return result;
}

function oneString(value: unknown): (string | Unknown)[] {
    const s = str(value);
    return s === undefined ? [] : [s];
}

function peer(kind: string, id: string | Unknown): string {
    return `${kind} ${id === UNKNOWN ? "(unknown)" : id}`;
}

function selfPeer(props: unknown): string[] {
    const self = get(props, "self");
    return self === true ? ["self"] : self === UNKNOWN ? ["self (unknown)"] : [];
}

function baseRule(label: string, direction: SgRule["direction"], props: unknown, protocolKey: string): Omit<SgRule, "cidrs" | "peers"> {
    const rawProtocol = get(props, protocolKey);
    return {
        label,
        direction,
        rawProtocol,
        protocol: normalizeProtocol(rawProtocol),
        fromPort: toPort(get(props, "fromPort")),
        toPort: toPort(get(props, "toPort")),
        description: str(get(props, "description")),
    };
}

/** Inline rules of a SecurityGroup or DefaultSecurityGroup. An unknown `ingress`/`egress` list yields no rules. */
function inlineRules(props: unknown, direction: Direction): SgRule[] {
    const entries = list(get(props, direction));
    if (entries === UNKNOWN) {
        return [];
    }
    const rules: SgRule[] = [];
    entries.forEach((entry, i) => {
        if (entry === UNKNOWN || entry === null || typeof entry !== "object") {
            return;
        }
        rules.push({
            ...baseRule(`${direction}[${i}]`, direction, entry, "protocol"),
            cidrs: [...stringsOf(get(entry, "cidrBlocks")), ...stringsOf(get(entry, "ipv6CidrBlocks"))],
            peers: [
                ...stringsOf(get(entry, "securityGroups")).map(id => peer("security group", id)),
                ...stringsOf(get(entry, "prefixListIds")).map(id => peer("prefix list", id)),
                ...selfPeer(entry),
            ],
        });
    });
    return rules;
}

function ruleDirection(value: unknown): SgRule["direction"] {
    const s = str(value);
    if (s === UNKNOWN) {
        return UNKNOWN;
    }
    const d = s?.trim().toLowerCase();
    return d === "ingress" || d === "egress" ? d : undefined;
}

/** Every security group rule a resource declares, in any of the three forms; `[]` for other types. */
export function securityGroupRules(type: string, props: unknown): SgRule[] {
    switch (type) {
        case T.SecurityGroup:
        case T.DefaultSecurityGroup:
            return [...inlineRules(props, "ingress"), ...inlineRules(props, "egress")];
        case T.SecurityGroupRule:
            return [{
                ...baseRule("This rule", ruleDirection(get(props, "type")), props, "protocol"),
                cidrs: [...stringsOf(get(props, "cidrBlocks")), ...stringsOf(get(props, "ipv6CidrBlocks"))],
                peers: [
                    ...oneString(get(props, "sourceSecurityGroupId")).map(id => peer("security group", id)),
                    ...stringsOf(get(props, "prefixListIds")).map(id => peer("prefix list", id)),
                    ...selfPeer(props),
                ],
            }];
        case T.SecurityGroupIngressRule:
        case T.SecurityGroupEgressRule:
            return [{
                ...baseRule("This rule", type === T.SecurityGroupIngressRule ? "ingress" : "egress", props, "ipProtocol"),
                cidrs: [...oneString(get(props, "cidrIpv4")), ...oneString(get(props, "cidrIpv6"))],
                peers: [
                    ...oneString(get(props, "referencedSecurityGroupId")).map(id => peer("security group", id)),
                    ...oneString(get(props, "prefixListId")).map(id => peer("prefix list", id)),
                ],
            }];
        default:
            return [];
    }
}

/** The ingress rules of a resource (rules whose direction is unknown are left out). */
export function ingressRules(type: string, props: unknown): SgRule[] {
    return securityGroupRules(type, props).filter(r => r.direction === "ingress");
}

/** The rule's known CIDRs that are the whole internet, trimmed. An unknown CIDR is not the internet. */
export function internetCidrs(rule: SgRule): string[] {
    return rule.cidrs.filter((c): c is string => !isUnknown(c) && isWholeInternet(c)).map(c => c.trim());
}

/**
 * Names a rule with its protocol, ports and peers, e.g.
 * `ingress[0] (protocol "tcp", ports 20-30, from 0.0.0.0/0)`. `peers` defaults to all of the rule's peers.
 */
export function describeRule(rule: SgRule, peers?: string[]): string {
    const all = peers ?? [...rule.cidrs.map(c => (c === UNKNOWN ? "(unknown)" : c.trim())), ...rule.peers];
    const preposition = rule.direction === "egress" ? "to" : "from";
    const ports = formatPorts(rule.protocol, rule.fromPort, rule.toPort);
    return `${rule.label} (protocol ${show(rule.rawProtocol)}, ports ${ports}, ${preposition} ${all.length > 0 ? all.join(", ") : "(none)"})`;
}
