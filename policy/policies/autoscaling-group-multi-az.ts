import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { stringSet } from "../lib/autoscaling";
import { T } from "../lib/types";
import { get, str, UNKNOWN } from "../lib/unknown";

const SUBNET_TYPES: readonly string[] = [T.Subnet, T.DefaultSubnet];

const WHY = "A zone outage then stops every instance of the group (AWS Security Hub AutoScaling.2).";

/** A group with no subnet and no zone: CreateAutoScalingGroup fails with AWS's ValidationError quoted here. */
const NO_PLACEMENT =
    "This group lists no subnet in vpcZoneIdentifiers and no zone in availabilityZones, so AWS rejects it when it is created " +
    '(CreateAutoScalingGroup: "At least one Availability Zone or VPC Subnet is required."). ' +
    "Set vpcZoneIdentifiers to subnets in at least two Availability Zones (AWS Security Hub AutoScaling.2, AWS Control Tower CT.AUTOSCALING.PR.1).";

/** The zone of a subnet resource: its `availabilityZone` name, else its `availabilityZoneId`; undefined when neither is known. */
function subnetZone(subnet: PolicyResource): string | undefined {
    for (const key of ["availabilityZone", "availabilityZoneId"]) {
        const zone = str(get(subnet.props, key));
        if (typeof zone === "string" && zone.trim() !== "") {
            return zone.trim();
        }
    }
    return undefined;
}

/**
 * What one group's subnets or zones prove: a violation message, or `undefined` when the group spans two or
 * more zones or the zones cannot be established. A group whose two lists are both absent or empty (no
 * element, or only empty strings) has no zone at all; an unknown list, or an unknown element, is never that.
 */
function singleZoneProblem(group: PolicyResource, subnets: PolicyResource[]): string | undefined {
    const ids = stringSet(get(group.props, "vpcZoneIdentifiers"));
    if (ids === UNKNOWN) {
        return undefined;
    }
    if (ids.known.length + ids.unknown > 0) {
        if (ids.known.length + ids.unknown === 1) {
            // One list element is one subnet, and a subnet lies in exactly one zone: provable even when the
            // subnet id is unknown (preview) or the subnet is not a resource of this stack.
            const only = ids.known[0] ?? "(unknown)";
            const subnet = subnets.find(s => get(s.props, "id") === only);
            const zone = subnet === undefined ? undefined : subnetZone(subnet);
            return `vpcZoneIdentifiers lists a single subnet (${only}${zone === undefined ? "" : ` in ${zone}`}), so the group runs ` +
                `in one Availability Zone. ${WHY} ` +
                "Add a subnet in a second Availability Zone to vpcZoneIdentifiers.";
        }
        if (ids.unknown > 0) {
            return undefined;
        }
        const zones = new Map<string, string[]>();
        for (const id of ids.known) {
            const subnet = subnets.find(s => get(s.props, "id") === id);
            const zone = subnet === undefined ? undefined : subnetZone(subnet);
            if (zone === undefined) {
                return undefined;
            }
            zones.set(zone, [...(zones.get(zone) ?? []), id]);
        }
        if (zones.size >= 2) {
            return undefined;
        }
        const [[zone, members]] = [...zones];
        return `vpcZoneIdentifiers lists subnets in only one Availability Zone (${zone}: ${members.join(", ")}). ${WHY} ` +
            "Add a subnet in a second Availability Zone to vpcZoneIdentifiers.";
    }
    const azs = stringSet(get(group.props, "availabilityZones"));
    if (azs === UNKNOWN) {
        return undefined;
    }
    if (azs.known.length + azs.unknown === 0) {
        return NO_PLACEMENT;
    }
    if (azs.known.length >= 2) {
        return undefined;
    }
    if (azs.unknown > 0 && azs.known.length + azs.unknown > 1) {
        return undefined;
    }
    return `availabilityZones lists only one Availability Zone (${azs.known[0] ?? "(unknown)"}). ${WHY} ` +
        "List at least two zones, or better, give the group subnets in two zones through vpcZoneIdentifiers.";
}

/**
 * Stack policy: every Auto Scaling group must launch into at least two Availability Zones (AWS Security Hub
 * AutoScaling.2), counted from `vpcZoneIdentifiers` (when set and not empty) or else `availabilityZones`.
 *
 * A subnet id says nothing about its zone, so each id is looked up among the stack's Subnet and
 * DefaultSubnet resources (by their `id` output) and takes that resource's `availabilityZone` (or
 * `availabilityZoneId`). What the policy does with what it cannot resolve:
 * - A list with exactly one element is one subnet, hence one zone: reported, whatever the element is
 *   (a known id, a subnet outside the stack, or an id still unknown during preview).
 * - Otherwise a subnet that is not a resource of this stack (looked up, or an id from config), a subnet
 *   whose zone is not known, or an id unknown during preview leaves the zone count open: the group is not
 *   reported, since it may well span two zones. `pulumi up` runs the policy again with the real ids; subnets
 *   outside the stack stay unchecked (Security Hub checks the deployed group).
 * - An unknown list (vpcZoneIdentifiers or availabilityZones) is not reported.
 * - A group with neither (both absent, null or empty) is reported: the provider does not require either
 *   (both are Optional+Computed in terraform-provider-aws group.go) and sends neither, and CreateAutoScalingGroup
 *   then fails ("At least one Availability Zone or VPC Subnet is required."); AWS Control Tower
 *   CT.AUTOSCALING.PR.1 fails such a group too. Either list being unknown during preview leaves it unreported.
 * Zone names and zone ids are compared as written, so a name and an id of the same zone count as two zones
 * (the policy may miss such a group but never reports a two-zone group).
 */
export const autoscalingGroupMultiAz: StackValidationPolicy = {
    name: "autoscaling-group-multi-az",
    description:
        "Auto Scaling groups must span at least two Availability Zones (subnets in vpcZoneIdentifiers, or " +
        "availabilityZones): a group in one zone loses every instance when that zone fails, and the load " +
        "balancer has nowhere to send traffic; a group with neither list cannot be created at all (AWS Security " +
        "Hub AutoScaling.2, AWS Control Tower CT.AUTOSCALING.PR.1).",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const groups = args.resources.filter(r => r.type === T.AutoScalingGroup);
        if (groups.length === 0) {
            args.notApplicable("the stack has no Auto Scaling groups");
        }
        const subnets = args.resources.filter(r => SUBNET_TYPES.includes(r.type));
        for (const group of groups) {
            const problem = singleZoneProblem(group, subnets);
            if (problem !== undefined) {
                reportViolation(problem, group.urn);
            }
        }
    },
};
