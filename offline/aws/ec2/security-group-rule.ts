/**
 * `aws:ec2/securityGroupRule:SecurityGroupRule` (aws_security_group_rule, terraform-provider-aws
 * internal/service/ec2/vpc_security_group_rule.go): its force-new rows. The program creates none, so the model has no
 * create for it.
 */
import { regionRow, TF_EC2 } from "../rows";
import type { AwsType } from "../type";

const SRC = {
    sgRule: `${TF_EC2}vpc_security_group_rule.go (aws_security_group_rule schema)`,
} as const;

export const securityGroupRule: AwsType = {
    token: "aws:ec2/securityGroupRule:SecurityGroupRule",
    kind: {
        stateful: false,
        label: "security group rule",
        forceNew: [
            { path: "cidrBlocks", source: SRC.sgRule }, // cidr_blocks: ForceNew
            { path: "fromPort", source: SRC.sgRule }, // from_port: ForceNew
            { path: "ipv6CidrBlocks", source: SRC.sgRule }, // ipv6_cidr_blocks: ForceNew
            { path: "prefixListIds", source: SRC.sgRule }, // prefix_list_ids: ForceNew
            { path: "protocol", source: SRC.sgRule }, // protocol: ForceNew
            { path: "securityGroupId", source: SRC.sgRule }, // security_group_id: ForceNew
            { path: "self", source: SRC.sgRule }, // self: ForceNew
            { path: "sourceSecurityGroupId", source: SRC.sgRule }, // source_security_group_id: ForceNew
            { path: "toPort", source: SRC.sgRule }, // to_port: ForceNew
            { path: "type", source: SRC.sgRule }, // type: ForceNew
            regionRow,
        ],
        references: [
            { path: "securityGroupId", targetType: "aws:ec2/securityGroup:SecurityGroup", changesOnReplace: "always" },
        ],
    },
};
