import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { targetsGroup } from "../lib/autoscaling";
import { T } from "../lib/types";
import { get, list, path, show, str, UNKNOWN } from "../lib/unknown";

/** True for a traffic source ({ identifier, type }) that is a load balancer: type elb/elbv2, or no type and not a VPC Lattice ARN. */
function isLoadBalancerSource(source: unknown): boolean {
    const type = str(get(source, "type"));
    if (type === UNKNOWN) {
        return false;
    }
    if (type !== undefined) {
        return ["elb", "elbv2"].includes(type.trim().toLowerCase());
    }
    const identifier = str(get(source, "identifier"));
    return typeof identifier === "string" && !identifier.includes(":vpc-lattice:");
}

/** A non-empty list property; an unknown list is not counted (it may be empty). */
function nonEmpty(value: unknown): boolean {
    const items = list(value);
    return items !== UNKNOWN && items.some(item => item !== null && item !== undefined);
}

/** How the group is attached to load balancers: its own properties, then attachment resources that target it. */
function loadBalancerLinks(group: PolicyResource, attachments: PolicyResource[]): string[] {
    const links: string[] = [];
    for (const key of ["targetGroupArns", "loadBalancers"]) {
        if (nonEmpty(get(group.props, key))) {
            links.push(key);
        }
    }
    const sources = list(get(group.props, "trafficSources"));
    if (sources !== UNKNOWN && sources.some(isLoadBalancerSource)) {
        links.push("trafficSources");
    }
    for (const attachment of attachments.filter(a => targetsGroup(a, group))) {
        if (attachment.type === T.AutoScalingAttachment || isLoadBalancerSource(path(attachment.props, "trafficSource"))) {
            links.push(`${attachment.name} (${attachment.type})`);
        }
    }
    return links;
}

/**
 * Stack policy: an Auto Scaling group attached to a load balancer must use ELB health checks (AWS Security
 * Hub AutoScaling.1). Attached means a non-empty `targetGroupArns` or `loadBalancers`, an elb/elbv2 entry in
 * `trafficSources`, or an aws.autoscaling.Attachment / TrafficSourceAttachment (elb/elbv2) whose
 * autoscalingGroupName is the group's name, or was computed from the group (propertyDependencies, which is
 * how it matches during preview). `healthCheckType` is AWS's comma-separated list; it passes when it
 * contains "ELB".
 *
 * Unknown values: an unknown healthCheckType, an unknown attachment list, or an unknown traffic source type
 * is not reported (`pulumi up` checks the real values); an unknown element of a known, non-empty list still
 * attaches the group. An unset healthCheckType is reported: AWS then uses "EC2" status checks only.
 */
export const autoscalingGroupElbHealthCheck: StackValidationPolicy = {
    name: "autoscaling-group-elb-health-check",
    description:
        "Auto Scaling groups behind a load balancer should use ELB health checks (healthCheckType \"ELB\"): with " +
        "EC2 status checks only, the group keeps instances whose application is down and the load balancer " +
        "has taken out of service (AWS Security Hub AutoScaling.1).",
    enforcementLevel: "advisory",
    validateStack: (args, reportViolation) => {
        const groups = args.resources.filter(r => r.type === T.AutoScalingGroup);
        if (groups.length === 0) {
            args.notApplicable("the stack has no Auto Scaling groups");
        }
        const attachments = args.resources.filter(r => r.type === T.AutoScalingAttachment || r.type === T.AutoScalingTrafficSourceAttachment);
        for (const group of groups) {
            const healthCheckType = str(get(group.props, "healthCheckType"));
            if (healthCheckType === UNKNOWN || (healthCheckType !== undefined && healthCheckType.split(",").some(t => t.trim().toUpperCase() === "ELB"))) {
                continue;
            }
            const links = loadBalancerLinks(group, attachments);
            if (links.length > 0) {
                const current = healthCheckType === undefined ? "is not set (AWS uses \"EC2\")" : `is ${show(healthCheckType)}`;
                reportViolation(
                    `This group is attached to a load balancer (${links.join(", ")}) but healthCheckType ${current}, so it ` +
                    "replaces only instances that fail EC2 status checks and keeps those the load balancer finds unhealthy. " +
                    'Set healthCheckType: "ELB", with a healthCheckGracePeriod long enough for an instance to boot.',
                    group.urn,
                );
            }
        }
    },
};
