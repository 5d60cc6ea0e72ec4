/**
 * `aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule` (aws_vpc_security_group_egress_rule, terraform-provider-aws
 * internal/service/ec2/vpc_security_group_egress_rule.go): what AWS and the provider do for it, as the offline engine
 * and the simulated provider model it.
 */
import { EGRESS_RULE } from "../tokens";
import type { AwsType } from "../type";
import { securityGroupRuleType } from "./rule";

export const securityGroupEgressRule: AwsType = securityGroupRuleType(EGRESS_RULE, "security group egress rule");
