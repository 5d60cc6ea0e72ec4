/**
 * `aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment` (aws_autoscaling_traffic_source_attachment,
 * terraform-provider-aws internal/service/autoscaling/traffic_source_attachment.go): what AWS and the provider do for
 * it, as the offline engine and the simulated provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_ASG } from "../rows";
import type { AwsType, Props } from "../type";

const SRC = {
    asgTrafficSource: `${TF_ASG}traffic_source_attachment.go (aws_autoscaling_traffic_source_attachment schema)`,
} as const;

export const trafficSourceAttachment: AwsType = {
    token: "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment",
    kind: {
        stateful: false,
        label: "traffic source attachment",
        forceNew: [
            { path: "autoscalingGroupName", source: SRC.asgTrafficSource }, // autoscaling_group_name: Required, ForceNew
            { path: "trafficSource.identifier", source: SRC.asgTrafficSource }, // traffic_source (ForceNew, MaxItems 1) identifier: Required, ForceNew
            { path: "trafficSource.type", source: SRC.asgTrafficSource }, // traffic_source type: Required, ForceNew
            regionRow,
        ],
        references: [
            { path: "autoscalingGroupName", targetType: "aws:autoscaling/group:Group", changesOnReplace: "if-autonamed" },
            { path: "trafficSource.identifier", targetType: "aws:lb/targetGroup:TargetGroup", changesOnReplace: "always" },
        ],
    },
    create(w, a) {
        const { p, name: n } = a;
        const groupName = String(p.autoscalingGroupName);
        const source = (p.trafficSource ?? {}) as Props;
        const [type, identifier] = [String(source.type), String(source.identifier)];
        w.requireGroup(groupName);
        if (!["elb", "elbv2", "vpc-lattice"].includes(type)) {
            throw new AwsError("ValidationError", `Setting ${type} as traffic sources is currently not supported. Supported sources are [elb, elbv2, vpc-lattice]. Provide a supported traffic source in your request and try again.`);
        }
        if (type !== "elbv2") {
            throw new Error(`The AWS model has only elbv2 traffic sources (target groups), not ${type} (${n}); add it to offline/aws/autoscaling/traffic-source-attachment.ts`);
        }
        if (!w.targetGroups.has(identifier)) {
            throw new AwsError("ValidationError", `The target group '${identifier}' does not exist`);
        }
        w.attachTargets(groupName, [identifier]);
        // <group name>,<type>,<identifier>: trafficSourceAttachmentCreateResourceID
        // (terraform-provider-aws internal/service/autoscaling/traffic_source_attachment.go).
        return { id: `${groupName},${type},${identifier}`, state: a.state({}) };
    },
    seed(w, id, o) {
        // A policy that counts requests of this target group needs it attached (state order is not assumed).
        const source = (o.trafficSource ?? {}) as Props;
        if (source.type === "elbv2") {
            w.attachTargets(String(o.autoscalingGroupName), [String(source.identifier)]);
        }
    },
};
