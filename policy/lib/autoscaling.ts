// Auto Scaling group helpers shared by the autoscaling-group-* policies.
//
// Shapes (pulumi-aws v7 inputs; stack policies see the same keys as outputs):
//   aws:autoscaling/group:Group: vpcZoneIdentifiers string[], availabilityZones string[], launchConfiguration,
//     launchTemplate { id, name, version }, mixedInstancesPolicy { launchTemplate { launchTemplateSpecification } },
//     healthCheckType, targetGroupArns string[], loadBalancers string[] (Classic ELB names),
//     trafficSources [{ identifier, type }], tags [{ key, value, propagateAtLaunch }], name (output)
//   aws:autoscaling/attachment:Attachment: autoscalingGroupName, elb | lbTargetGroupArn
//   aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment: autoscalingGroupName, trafficSource { identifier, type }
import { PolicyResource } from "@pulumi/policy";
import { get, list, str, UNKNOWN, Unknown } from "./unknown";

/**
 * Whether the standalone `attachment` (Attachment or TrafficSourceAttachment) targets `group`:
 * 1. its `autoscalingGroupName` is known and equals the group's `name`, or
 * 2. its `propertyDependencies.autoscalingGroupName` contains the group (the SDK records the resources an
 *    input was computed from; this is what matches during preview when the name is not known yet).
 * An unknown name with no recorded dependency matches nothing.
 */
export function targetsGroup(attachment: PolicyResource, group: PolicyResource): boolean {
    const groupName = str(get(attachment.props, "autoscalingGroupName"));
    const name = str(get(group.props, "name"));
    if (typeof groupName === "string" && typeof name === "string" && groupName.trim() === name.trim()) {
        return true;
    }
    return (attachment.propertyDependencies?.["autoscalingGroupName"] ?? []).some(dep => dep.urn === group.urn);
}

/**
 * The known, non-empty strings of a list property, split on commas (the provider joins the list into
 * AWS's comma-separated VPCZoneIdentifier, so "subnet-a,subnet-b" is two subnets), trimmed and de-duplicated,
 * plus how many elements are unknown. `UNKNOWN` when the whole list is.
 */
export function stringSet(value: unknown): { known: string[]; unknown: number } | Unknown {
    const items = list(value);
    if (items === UNKNOWN) {
        return UNKNOWN;
    }
    const known = new Set<string>();
    let unknown = 0;
    for (const item of items) {
        const s = str(item);
        if (s === UNKNOWN) {
            unknown++;
        } else if (s !== undefined) {
            s.split(",").map(part => part.trim()).filter(part => part !== "").forEach(part => known.add(part));
        }
    }
    return { known: [...known], unknown };
}
