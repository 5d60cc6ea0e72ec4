import { ResourceValidationPolicy } from "@pulumi/policy";
import { T } from "../lib/types";
import { get, list, UNKNOWN } from "../lib/unknown";
import { forTypes } from "../lib/validation";

/**
 * A managed DefaultSecurityGroup must declare no ingress and no egress rule (AWS Security Hub EC2.2).
 * Declaring it without rules makes Pulumi revoke AWS's default rules. Unknown values: an unknown
 * `ingress`/`egress` list is not counted (it cannot be shown to hold rules); `pulumi up` checks it.
 */
export const vpcDefaultSecurityGroupClosed: ResourceValidationPolicy = {
    name: "vpc-default-security-group-closed",
    description:
        "The VPC's default security group should allow no inbound or outbound traffic (AWS Security Hub EC2.2): " +
        "AWS attaches it to every network interface launched without a security group, so any rule it holds " +
        "silently applies to resources nobody meant to expose.",
    enforcementLevel: "advisory",
    validateResource: forTypes([T.DefaultSecurityGroup], (args, reportViolation) => {
        const counts = (["ingress", "egress"] as const).map(direction => {
            const rules = list(get(args.props, direction));
            return { direction, count: rules === UNKNOWN ? 0 : rules.length };
        });
        const present = counts.filter(c => c.count > 0);
        if (present.length > 0) {
            const what = present.map(c => `${c.count} ${c.direction} rule${c.count > 1 ? "s" : ""}`).join(" and ");
            reportViolation(
                `The default security group declares ${what}. Remove every ingress and egress entry from this ` +
                "DefaultSecurityGroup (declaring it with no rules revokes AWS's defaults) and give each instance " +
                "its own security group.",
            );
        }
    }),
};
