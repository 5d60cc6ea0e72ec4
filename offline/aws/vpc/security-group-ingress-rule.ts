/**
 * `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule` (aws_vpc_security_group_ingress_rule,
 * terraform-provider-aws internal/service/ec2/vpc_security_group_ingress_rule.go): what AWS and the provider do for it,
 * as the offline engine and the simulated provider model it.
 */
import { INGRESS_RULE } from "../tokens";
import type { AwsType } from "../type";
import { checkRule, vpcRuleRefs, vpcRuleRows } from "./rule";

export const securityGroupIngressRule: AwsType = {
    token: INGRESS_RULE,
    kind: {
        stateful: false,
        label: "security group ingress rule",
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
