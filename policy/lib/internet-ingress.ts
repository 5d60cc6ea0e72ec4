// Shared logic of the "X from the internet" security group policies.
import { ResourceValidation } from "@pulumi/policy";
import { includesPort, portsFor } from "./ports";
import { describeRule, ingressRules, internetCidrs, SG_RULE_TYPES, SgRule } from "./sg-rules";
import { forTypes } from "./validation";

/**
 * Validates every ingress rule, in all three forms, that has at least one known whole-internet source.
 * `check` returns the rest of the violation message (what the rule opens and how to fix it), or
 * `undefined` when the rule is fine. The message starts with the rule, its protocol, ports and its
 * internet sources, e.g. `ingress[0] (protocol "tcp", ports 20-30, from 0.0.0.0/0) opens ...`.
 *
 * Unknown values: an unknown CIDR is not treated as the internet, and an unknown protocol or port opens
 * nothing. Both typically come from other resources (a VPC's CIDR, a database's port); the policy runs
 * again with the real values during `pulumi up`, before the rule is created.
 */
export function validateInternetIngress(check: (rule: SgRule, args: { getConfig<C extends object>(): C }) => string | undefined): ResourceValidation {
    return forTypes(SG_RULE_TYPES, (args, reportViolation) => {
        for (const rule of ingressRules(args.type, args.props)) {
            const sources = internetCidrs(rule);
            if (sources.length === 0) {
                continue;
            }
            const problem = check(rule, args);
            if (problem !== undefined) {
                reportViolation(`${describeRule(rule, sources)} ${problem}`);
            }
        }
    });
}

/** True when the rule opens TCP `port` (protocol tcp/6 with a range containing it, or all traffic). */
export function opensTcpPort(rule: SgRule, port: number): boolean {
    return includesPort(portsFor("tcp", rule.protocol, rule.fromPort, rule.toPort), port);
}

/**
 * The transports on which the rule opens `port`: ["TCP"] for tcp/6, ["UDP"] for udp/17 (each with a range
 * containing the port), ["TCP", "UDP"] for all traffic, [] otherwise (other protocols, unknown protocol or ports).
 */
export function transportsOpening(rule: SgRule, port: number): ("TCP" | "UDP")[] {
    return (["tcp", "udp"] as const)
        .filter(t => includesPort(portsFor(t, rule.protocol, rule.fromPort, rule.toPort), port))
        .map(t => (t === "tcp" ? "TCP" : "UDP"));
}
