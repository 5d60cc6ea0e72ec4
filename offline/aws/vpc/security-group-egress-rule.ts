/**
 * `aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule` (aws_vpc_security_group_egress_rule, terraform-provider-aws
 * internal/service/ec2/vpc_security_group_egress_rule.go): what AWS and the provider do for it, as the offline engine
 * and the simulated provider model it.
 */
import { EGRESS_RULE } from "../tokens";
import type { AwsType } from "../type";
import { checkRule, vpcRuleRefs, vpcRuleRows } from "./rule";

export const securityGroupEgressRule: AwsType = {
    token: EGRESS_RULE,
    kind: {
        stateful: false,
        label: "security group egress rule",
        forceNew: vpcRuleRows,
        references: vpcRuleRefs,
    },
    create(w, a) {
        const { p, name: n } = a;
        checkRule(w, a.type, p);
        const id = w.awsId("sgr", n);
        return { id, state: a.state({ arn: w.arn("ec2", `security-group-rule/${id}`), securityGroupRuleId: id }) };
    },
};
