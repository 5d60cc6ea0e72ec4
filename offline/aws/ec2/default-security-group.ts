/**
 * `aws:ec2/defaultSecurityGroup:DefaultSecurityGroup` (aws_default_security_group, terraform-provider-aws
 * internal/service/ec2/vpc_default_security_group.go): what AWS and the provider do for it, as the offline engine and
 * the simulated provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_EC2 } from "../rows";
import type { AwsType } from "../type";
import { ACCOUNT_ID } from "../world";

const SRC = {
    defaultSecurityGroup: `${TF_EC2}vpc_default_security_group.go (aws_default_security_group schema)`,
} as const;

export const defaultSecurityGroup: AwsType = {
    token: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    kind: {
        stateful: false,
        label: "default security group",
        forceNew: [
            { path: "vpcId", source: SRC.defaultSecurityGroup }, // vpc_id: ForceNew (name, description: Computed only)
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    create(w, a) {
        const { p, name: n } = a;
        const vpcId = String(p.vpcId);
        if (!w.vpc(vpcId)) {
            throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
        }
        const id = w.awsId("sg", `${n}/default`);
        return { id, state: a.state({ name: "default", description: "default VPC security group", arn: w.arn("ec2", `security-group/${id}`), ownerId: ACCOUNT_ID, ingress: p.ingress ?? [], egress: p.egress ?? [] }) };
    },
    seed(w, id, o) {
        w.securityGroups.set(id, { vpcId: String(o.vpcId) });
    },
};
