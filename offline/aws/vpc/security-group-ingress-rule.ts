/**
 * `aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule` (aws_vpc_security_group_ingress_rule,
 * terraform-provider-aws internal/service/ec2/vpc_security_group_ingress_rule.go): what AWS and the provider do for it,
 * as the offline engine and the simulated provider model it.
 */
import { INGRESS_RULE } from "../tokens";
import type { AwsType } from "../type";
import { securityGroupRuleType } from "./rule";

export const securityGroupIngressRule: AwsType = securityGroupRuleType(INGRESS_RULE, "security group ingress rule");
