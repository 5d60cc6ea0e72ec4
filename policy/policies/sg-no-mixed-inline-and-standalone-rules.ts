import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { describeRule, GROUP_TYPES, securityGroupRules, SgRule, STANDALONE_RULE_TYPES } from "../lib/sg-rules";
import { get, UNKNOWN } from "../lib/unknown";

/**
 * Whether standalone `rule` targets `group`:
 * 1. its `securityGroupId` is known and equals the group's `id` output (deployed resources), or
 * 2. its `propertyDependencies.securityGroupId` contains the group (the SDK records the resources an input
 *    was computed from; this is what matches during preview, when a new group's id is still unknown).
 * A rule whose group id is an unknown value with no recorded dependency matches nothing.
 */
function targets(rule: PolicyResource, group: PolicyResource): boolean {
    const groupId = get(rule.props, "securityGroupId");
    const id = get(group.props, "id");
    if (typeof groupId === "string" && typeof id === "string" && groupId === id) {
        return true;
    }
    return (rule.propertyDependencies?.["securityGroupId"] ?? []).some(dep => dep.urn === group.urn);
}

function sources(rule: SgRule): string[] {
    return [...rule.cidrs.map(c => (c === UNKNOWN ? "(unknown)" : c.trim())), ...rule.peers];
}

function sameShape(a: SgRule, b: SgRule): boolean {
    return a.direction === b.direction && a.protocol !== UNKNOWN && a.protocol === b.protocol &&
        (a.protocol === "all" || (a.fromPort !== UNKNOWN && a.fromPort === b.fromPort && a.toPort === b.toPort));
}

/**
 * Stack policy: a security group must not have inline `ingress`/`egress` rules while standalone rules
 * (SecurityGroupRule, vpc.SecurityGroupIngressRule, vpc.SecurityGroupEgressRule) target it; AWS keeps one
 * rule set per group and the two resources overwrite each other on every update.
 *
 * AnalyzeStack sees each resource's outputs, not its inputs. After a refresh, a group's `ingress`/`egress`
 * outputs list every rule AWS holds, including those the standalone rules created. So an inline entry that
 * a targeting standalone rule fully explains (same direction, protocol and ports, and all of its sources
 * declared by such rules) is not counted as inline; the group is reported only for the entries left over.
 */
export const sgNoMixedInlineAndStandaloneRules: StackValidationPolicy = {
    name: "sg-no-mixed-inline-and-standalone-rules",
    description:
        "A security group must not combine inline ingress/egress rules with standalone rule resources " +
        "(SecurityGroupRule, vpc.SecurityGroupIngressRule/EgressRule) that target it: each side deletes the " +
        "other's rules on every update, so the stack never converges and rules flap in production.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const groups = args.resources.filter(r => GROUP_TYPES.includes(r.type));
        if (groups.length === 0) {
            args.notApplicable("the stack has no security groups");
        }
        const standalone = args.resources.filter(r => STANDALONE_RULE_TYPES.includes(r.type));
        for (const group of groups) {
            const targeting = standalone.filter(rule => targets(rule, group));
            if (targeting.length === 0) {
                continue;
            }
            const declared = targeting.flatMap(r => securityGroupRules(r.type, r.props));
            const inline = securityGroupRules(group.type, group.props).filter(entry => {
                const matching = declared.filter(d => sameShape(entry, d)).flatMap(sources);
                const own = sources(entry);
                return own.length === 0 || !own.every(s => matching.includes(s));
            });
            if (inline.length > 0) {
                reportViolation(
                    `This security group declares inline rules (${inline.map(r => describeRule(r)).join("; ")}) and is also ` +
                    `the target of standalone rules: ${targeting.map(r => `${r.name} (${r.type})`).join(", ")}. ` +
                    "Each side removes the other's rules on every update. Keep one style: move the inline entries into " +
                    "aws.vpc.SecurityGroupIngressRule/SecurityGroupEgressRule resources and remove ingress/egress from the group.",
                    group.urn,
                );
            }
        }
    },
};
