/**
 * `aws:lb/targetGroupAttachment:TargetGroupAttachment` (aws_lb_target_group_attachment, terraform-provider-aws
 * internal/service/elbv2/target_group_attachment.go): what AWS and the provider do for it, as the offline engine and
 * the simulated provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_DOCS, TF_ELB } from "../rows";
import type { AwsType } from "../type";

const SRC = {
    targetGroupAttachment: `${TF_ELB}target_group_attachment.go (aws_lb_target_group_attachment schema)`,
    targetGroupAttachmentQuic: `${TF_DOCS}lb_target_group_attachment.html.markdown (quic_server_id: forces replacement if modified)`,
} as const;

export const targetGroupAttachment: AwsType = {
    token: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
    kind: {
        stateful: false,
        label: "target group attachment",
        forceNew: [
            { path: "availabilityZone", source: SRC.targetGroupAttachment }, // availability_zone: ForceNew
            { path: "port", source: SRC.targetGroupAttachment }, // port: ForceNew
            { path: "targetGroupArn", source: SRC.targetGroupAttachment }, // target_group_arn: Required, ForceNew
            { path: "targetId", source: SRC.targetGroupAttachment }, // target_id: Required, ForceNew
            { path: "quicServerId", source: SRC.targetGroupAttachmentQuic },
            regionRow,
        ],
        references: [
            { path: "targetGroupArn", targetType: "aws:lb/targetGroup:TargetGroup", changesOnReplace: "always" },
            { path: "targetId", targetType: "aws:ec2/instance:Instance", changesOnReplace: "always" },
        ],
    },
    create(w, a) {
        const { p, name: n } = a;
        const group = w.targetGroups.get(String(p.targetGroupArn));
        if (!group) {
            throw new AwsError("TargetGroupNotFound", `The specified target group does not exist: '${p.targetGroupArn}'`);
        }
        const instance = w.instances.get(String(p.targetId));
        const instanceVpc = instance && w.subnets.get(instance.subnetId)?.vpcId;
        if (!instance || instanceVpc !== group.vpcId) {
            throw new AwsError("InvalidTarget", `The specified target does not exist, is not in the same VPC as the target group, or has an unsupported instance type: '${p.targetId}'`);
        }
        // id.PrefixedUniqueId("<target group ARN>-") (target_group_attachment.go): a timestamp and a counter.
        return { id: `${p.targetGroupArn}-20260101000000${w.hex(`tga/${n}`, 8)}`, state: a.state({}) };
    },
};
