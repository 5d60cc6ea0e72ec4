import { ResourceValidationPolicy } from "@pulumi/policy";
import { describeRule, securityGroupRules, SG_RULE_TYPES } from "../lib/sg-rules";
import { forTypes } from "../lib/validation";

/**
 * Every security group rule has a non-empty description: inline `ingress`/`egress` on SecurityGroup and
 * DefaultSecurityGroup, SecurityGroupRule, vpc.SecurityGroupIngressRule and vpc.SecurityGroupEgressRule.
 * An unknown description is not reported (it is usually built from other values); `pulumi up` checks it.
 */
export const sgRuleDescriptionRequired: ResourceValidationPolicy = {
    name: "sg-rule-description-required",
    description:
        "Every security group rule should have a description saying why it exists, so reviewers and auditors " +
        "can tell a needed opening from a forgotten one.",
    enforcementLevel: "advisory",
    validateResource: forTypes(SG_RULE_TYPES, (args, reportViolation) => {
        for (const rule of securityGroupRules(args.type, args.props)) {
            if (rule.description === undefined || (typeof rule.description === "string" && rule.description.trim() === "")) {
                reportViolation(
                    `${describeRule(rule)} has no description. Say what the rule is for ` +
                    '(e.g. "HTTPS from the load balancer"), so a reviewer can tell whether it is still needed.',
                );
            }
        }
    }),
};
