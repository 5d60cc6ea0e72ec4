/**
 * `aws:autoscaling/policy:Policy` (aws_autoscaling_policy, terraform-provider-aws
 * internal/service/autoscaling/policy.go): what AWS and the provider do for it, as the offline engine and the simulated
 * provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_ASG } from "../rows";
import type { AwsType, Props } from "../type";
import { ACCOUNT_ID } from "../world";

const SRC = {
    asgPolicy: `${TF_ASG}policy.go (aws_autoscaling_policy schema)`,
} as const;

export const policy: AwsType = {
    token: "aws:autoscaling/policy:Policy",
    kind: {
        stateful: false,
        label: "Auto Scaling policy",
        forceNew: [
            { path: "autoscalingGroupName", source: SRC.asgPolicy }, // autoscaling_group_name: Required, ForceNew
            { path: "name", source: SRC.asgPolicy }, // name: Required, ForceNew
            regionRow,
        ],
        references: [{ path: "autoscalingGroupName", targetType: "aws:autoscaling/group:Group", changesOnReplace: "if-autonamed" }],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws autoscaling/policy.go).
    computed: [
        "metricAggregationType",
    ],
    // pulumi-aws provider/autonaming.go setAutonaming: tfbridge.AutoName("name", 255, "-") for an input `name`.
    autonamed: { property: "name", maxLength: 255 },
    untagged: true,
    create(w, a) {
        const { p, name: n } = a;
        const groupName = String(p.autoscalingGroupName);
        w.requireGroup(groupName);
        const tracking = p.targetTrackingConfiguration as Props | undefined;
        if (p.policyType === "TargetTrackingScaling") {
            const predefined = (tracking?.predefinedMetricSpecification ?? {}) as Props;
            const metrics = ["ASGAverageCPUUtilization", "ASGAverageNetworkIn", "ASGAverageNetworkOut", "ALBRequestCountPerTarget"];
            if (!tracking || (tracking.customizedMetricSpecification === undefined && !metrics.includes(String(predefined.predefinedMetricType)))) {
                throw new AwsError("ValidationError", `a target tracking policy needs a predefined metric (${metrics.join(", ")}) or a customized one`);
            }
            // The label names the load balancer and the target group: app/<name>/<id>/targetgroup/<name>/<id>.
            if (predefined.predefinedMetricType === "ALBRequestCountPerTarget" && !/^app\/[^/]+\/[0-9a-f]+\/targetgroup\/[^/]+\/[0-9a-f]+$/.test(String(predefined.resourceLabel ?? ""))) {
                throw new AwsError("ValidationError", `ALBRequestCountPerTarget needs a resource label app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>, got ${JSON.stringify(predefined.resourceLabel)}`);
            }
            // The label's target group must already be attached to the group (PutScalingPolicy's refusal as
            // reported in terraform-aws-modules/terraform-aws-autoscaling#279).
            if (predefined.predefinedMetricType === "ALBRequestCountPerTarget") {
                const suffix = String(predefined.resourceLabel).replace(/^app\/[^/]+\/[0-9a-f]+\//, "");
                const attached = [...(w.groupTargets.get(groupName) ?? [])].find(arn => arn.endsWith(`:${suffix}`));
                if (!attached) {
                    throw new AwsError("ValidationError", "Target group not attached to the Auto Scaling group");
                }
                // The metric counts the requests the load balancer sends the target group: until a listener
                // forwards to it, there is none (aws-cdk AutoScalingGroup.scaleOnRequestCount waits for
                // loadBalancerAttached for this reason). The model refuses it; AWS's exact text is not known here.
                const lbSuffix = String(predefined.resourceLabel).split("/targetgroup/")[0];
                const group = w.targetGroups.get(attached);
                if (group && ![...group.loadBalancers].some(arn => arn.endsWith(`:loadbalancer/${lbSuffix}`))) {
                    throw new AwsError("ValidationError", `the target group of the resource label ${predefined.resourceLabel} is not associated with that load balancer: no listener forwards to it yet`);
                }
            }
        }
        const name = String(p.name ?? w.autoname(n));
        const uuid = w.uuid(`policy/${n}`);
        return { id: name, state: a.state({ name, enabled: p.enabled ?? true, arn: `arn:${w.partition}:autoscaling:${w.region}:${ACCOUNT_ID}:scalingPolicy:${uuid}:autoScalingGroupName/${groupName}:policyName/${name}` }) };
    },
};
