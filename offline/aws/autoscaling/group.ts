/**
 * `aws:autoscaling/group:Group` (aws_autoscaling_group, terraform-provider-aws internal/service/autoscaling/group.go):
 * what AWS and the provider do for it, as the offline engine and the simulated provider model it.
 */
import { instanceTypeArchitecture } from "../../../lib/aws-facts";
import { ID_PATTERNS } from "../../facts";
import type { StateResource } from "../../state";
import { isRecord } from "../../../lib/values";
import { AwsError, AwsRejection } from "../errors";
import { regionRow, TF_ASG, TF_SERVICE } from "../rows";
import { GROUP } from "../tokens";
import type { AwsType, Props } from "../type";
import { ACCOUNT_ID } from "../world";

const SRC = {
    asg: `${TF_ASG}group.go (aws_autoscaling_group schema)`,
} as const;

export const group: AwsType = {
    token: GROUP,
    kind: {
        stateful: false,
        label: "Auto Scaling group",
        forceNew: [
            { path: "name", source: SRC.asg }, // name: ForceNew
            { path: "namePrefix", source: SRC.asg }, // name_prefix: ForceNew
            { path: "initialLifecycleHooks", source: SRC.asg }, // initial_lifecycle_hook (+ every field): ForceNew
            regionRow,
        ],
        references: [],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws autoscaling/group.go `resourceGroup`).
    computed: [
        "availabilityZones", "defaultCooldown", "desiredCapacity", "healthCheckType", "launchTemplate", "loadBalancers", "mixedInstancesPolicy",
        "name", "namePrefix", "serviceLinkedRoleArn", "targetGroupArns", "trafficSources", "vpcZoneIdentifiers",
    ],
    // pulumi-aws provider/autonaming.go setAutonaming: tfbridge.AutoName("name", 255, "-") for an input `name`.
    autonamed: { property: "name", maxLength: 255 },
    untagged: true,
    readBackRules: [
        { property: "desiredCapacity", rule: "the group's current desired capacity, as its scaling policies and schedules left it; the program sets it at creation only (ignoreChanges), so a scale-out is no change", source: `${TF_SERVICE}autoscaling/group.go resourceGroupRead (d.Set("desired_capacity", g.DesiredCapacity))` },
        { property: "launchTemplate.name", rule: "the template's name, next to the id the program gave", source: `${TF_SERVICE}autoscaling/group.go resourceGroupRead (flattenLaunchTemplateSpecification)` },
        { property: "launchTemplate, mixedInstancesPolicy", rule: "only the form the group uses now; the other reads as unset", source: `${TF_SERVICE}autoscaling/group.go resourceGroupRead (d.Set("launch_template", nil) / d.Set("mixed_instances_policy", nil))` },
    ],
    create(w, a) {
        const { p, name: n } = a;
        if ([p.launchConfiguration, p.launchTemplate, p.mixedInstancesPolicy].filter(v => v !== undefined).length !== 1) {
            throw new Error("aws:autoscaling/group:Group: exactly one of launchConfiguration, launchTemplate and mixedInstancesPolicy must be set (terraform-provider-aws group.go ExactlyOneOf)");
        }
        const min = Number(p.minSize);
        const max = Number(p.maxSize);
        if (max < min) {
            throw new AwsError("ValidationError", `Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
        }
        // The provider sends DesiredCapacity only when it is above 0 (group.go resourceGroupCreate); AWS then uses MinSize.
        const desired = typeof p.desiredCapacity === "number" && p.desiredCapacity > 0 ? p.desiredCapacity : min;
        if (desired < min || desired > max) {
            throw new AwsError("ValidationError", `Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
        }
        const subnetIds = (p.vpcZoneIdentifiers as string[] | undefined) ?? [];
        if (subnetIds.length === 0 && ((p.availabilityZones as string[] | undefined) ?? []).length === 0) {
            throw new AwsError("ValidationError", "At least one Availability Zone or VPC Subnet is required.");
        }
        // One zone is allowed by AWS (the autoscaling-group-multi-az policy reports it); an unknown subnet is not.
        const subnets = subnetIds.map(sid => {
            const subnet = w.subnet(sid);
            if (!subnet) {
                throw new AwsError("ValidationError", `The subnet ID '${sid}' does not exist`);
            }
            return subnet;
        });
        const mixed = p.mixedInstancesPolicy as Props | undefined;
        const spec = mixed
            ? ((mixed.launchTemplate as Props | undefined)?.launchTemplateSpecification ?? {}) as Props
            : p.launchTemplate ? { launchTemplateId: (p.launchTemplate as Props).id, launchTemplateName: (p.launchTemplate as Props).name, version: (p.launchTemplate as Props).version } : undefined;
        let templateName: string | undefined;
        if (spec) {
            const byName = [...w.launchTemplates.entries()].find(([, t]) => t.name === spec.launchTemplateName);
            const templateId = spec.launchTemplateId !== undefined ? String(spec.launchTemplateId) : byName?.[0];
            const template = templateId !== undefined ? w.launchTemplates.get(templateId) : undefined;
            const invalid = (why: string) => new AwsError("ValidationError", `You must use a valid fully-formed launch template. ${why}`);
            if (!template) {
                throw invalid(spec.launchTemplateId !== undefined
                    ? `The specified launch template, with template ID ${spec.launchTemplateId}, does not exist.`
                    : `The specified launch template, with template name ${spec.launchTemplateName}, does not exist.`);
            }
            templateName = template.name;
            const version = spec.version === undefined ? "$Default" : String(spec.version);
            if (!["$Latest", "$Default"].includes(version) && !(/^\d+$/.test(version) && Number(version) >= 1 && Number(version) <= template.latestVersion)) {
                throw invalid(`The specified launch template, with template ID ${templateId}, has no version ${version}.`);
            }
            const data = template.data;
            const overrides = ((mixed?.launchTemplate as Props | undefined)?.overrides as Props[] | undefined) ?? [];
            const types = overrides.length > 0 ? overrides.map(o => String(o.instanceType)) : [String(data.instanceType)];
            const imageId = String(data.imageId);
            const image = w.image(imageId, types[0]);
            if (!image) {
                throw invalid(ID_PATTERNS.image.test(imageId) ? `The image id '[${imageId}]' does not exist` : `Invalid id: "${imageId}" (expecting "ami-...")`);
            }
            for (const t of types) {
                const typeArch = instanceTypeArchitecture(t);
                if (typeArch && typeArch !== image.architecture && !w.openImages.get(image.id)?.architectureAssumed) {
                    throw invalid(`The architecture '${typeArch}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI`);
                }
            }
            if (data.keyName !== undefined && !w.keyPairs.has(String(data.keyName))) {
                throw invalid(`The key pair '${data.keyName}' does not exist`);
            }
            const interfaces = (data.networkInterfaces as Props[] | undefined) ?? [];
            const interfaceGroups = interfaces.flatMap(ni => (ni.securityGroups as string[] | undefined) ?? []);
            const instanceGroups = (data.vpcSecurityGroupIds as string[] | undefined) ?? [];
            if (interfaces.length > 0 && instanceGroups.length > 0) {
                throw invalid("Network interfaces and an instance-level security groups may not be specified on the same request");
            }
            for (const subnet of subnets) {
                for (const sg of [...instanceGroups, ...interfaceGroups]) {
                    const group = w.securityGroup(sg, subnet.vpcId);
                    if (!group || group.vpcId !== subnet.vpcId) {
                        throw invalid(`The security group '${sg}' does not exist in VPC '${subnet.vpcId}'`);
                    }
                }
            }
            for (const m of (data.blockDeviceMappings as Props[] | undefined) ?? []) {
                const size = (m.ebs as Props | undefined)?.volumeSize;
                if (m.deviceName === image.rootDeviceName && typeof size === "number" && size < image.rootSizeGiB) {
                    throw invalid(`Volume of size ${size}GB is smaller than snapshot, expect size >= ${image.rootSizeGiB}GB`);
                }
            }
        }
        const distribution = (mixed?.instancesDistribution ?? {}) as Props;
        const strategies = ["lowest-price", "capacity-optimized", "capacity-optimized-prioritized", "price-capacity-optimized"];
        if (distribution.spotAllocationStrategy !== undefined && !strategies.includes(String(distribution.spotAllocationStrategy))) {
            throw new AwsError("ValidationError", `Valid values for SpotAllocationStrategy are: ${strategies.join(", ")}`);
        }
        const name = String(p.name ?? w.autoname(n));
        w.groups.add(name);
        w.attachTargets(name, ((p.targetGroupArns as string[] | undefined) ?? []).map(String));
        const uuid = w.uuid(`asg/${n}`);
        const withName = (lt: unknown) => ({ ...(lt as Props), launchTemplateName: templateName });
        return {
            id: name, state: a.state({
                name, arn: `arn:${w.partition}:autoscaling:${w.region}:${ACCOUNT_ID}:autoScalingGroup:${uuid}:autoScalingGroupName/${name}`,
                desiredCapacity: desired, healthCheckType: p.healthCheckType ?? "EC2", healthCheckGracePeriod: p.healthCheckGracePeriod ?? 300,
                defaultCooldown: 300, availabilityZones: [...new Set(subnets.map(s => s.az))].sort(), loadBalancers: [],
                targetGroupArns: p.targetGroupArns ?? [], predictedCapacity: 0, warmPoolSize: 0,
                serviceLinkedRoleArn: w.arn("iam", "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling", true),
                ...(p.launchTemplate ? { launchTemplate: { ...(p.launchTemplate as Props), name: templateName } } : {}),
                ...(mixed ? {
                    mixedInstancesPolicy: {
                        ...mixed,
                        launchTemplate: { ...(mixed.launchTemplate as Props), launchTemplateSpecification: withName((mixed.launchTemplate as Props).launchTemplateSpecification) },
                    },
                } : {}),
            }),
        };
    },
    seed(w, id, o) {
        w.groups.add(String(o.name ?? id));
        w.attachTargets(String(o.name ?? id), ((o.targetGroupArns as string[] | undefined) ?? []).map(String));
    },
    readBack(out) {
        // resourceGroupRead sets the form the group uses and clears the other.
        if (isRecord(out.mixedInstancesPolicy)) {
            delete out.launchTemplate;
        } else if (isRecord(out.launchTemplate)) {
            delete out.mixedInstancesPolicy;
        }
    },
    update({ old, newInputs, changed, outputs, planned }) {
        return groupUpdate(old, newInputs, changed, outputs, planned);
    },
    deleteFate(r) {
        return `drains ${r.id} (min, max and desired 0), waits for its servers to terminate with their root volumes, then deletes the group (terraform-provider-aws internal/service/autoscaling/group.go resourceGroupDelete, drainGroup)`;
    },
};

/**
 * A group update (UpdateAutoScalingGroup with only the changed fields, group.go resourceGroupUpdate): the size
 * the group has now is kept unless the new bounds exclude it, and a new launch template version (or mixed
 * instances policy) starts an instance refresh when the group has one.
 */
function groupUpdate(old: StateResource, newInputs: Record<string, unknown>, changed: (p: string) => boolean, outputs: Record<string, unknown>, planned: Record<string, unknown>): string[] {
    const notes: string[] = [];
    const source = `${TF_SERVICE}autoscaling/group.go resourceGroupUpdate`;
    const min = Number(newInputs.minSize ?? old.outputs.minSize);
    const max = Number(newInputs.maxSize ?? old.outputs.maxSize);
    if (max < min) {
        throw new AwsRejection("ValidationError", `Max bound, ${max}, must be greater than or equal to min bound, ${min}`, `Auto Scaling API UpdateAutoScalingGroup; ${source}`);
    }
    // Only changed fields are sent: the current size stays what AWS has, whatever the program's (ignored) value is.
    const current = Number(changed("desiredCapacity") ? newInputs.desiredCapacity : old.outputs.desiredCapacity);
    const bounded = Math.min(Math.max(current, min), max);
    outputs.desiredCapacity = bounded;
    // The Read after the update reports the template's name next to its id, as after create.
    if (isRecord(old.outputs.launchTemplate) && isRecord(newInputs.launchTemplate)) {
        outputs.launchTemplate = { ...old.outputs.launchTemplate, ...newInputs.launchTemplate };
    }
    // Likewise the template's name in a mixed instances policy's launch template specification.
    const nameOf = (m: unknown) => ((m as { launchTemplate?: { launchTemplateSpecification?: { launchTemplateName?: unknown } } } | undefined)?.launchTemplate?.launchTemplateSpecification?.launchTemplateName);
    if (isRecord(newInputs.mixedInstancesPolicy) && nameOf(old.outputs.mixedInstancesPolicy) !== undefined && nameOf(newInputs.mixedInstancesPolicy) === undefined) {
        const mixed = structuredClone(newInputs.mixedInstancesPolicy) as { launchTemplate: { launchTemplateSpecification: Record<string, unknown> } };
        mixed.launchTemplate.launchTemplateSpecification = { ...mixed.launchTemplate.launchTemplateSpecification, launchTemplateName: nameOf(old.outputs.mixedInstancesPolicy) };
        outputs.mixedInstancesPolicy = mixed;
    }
    // UpdateAutoScalingGroup with the other form switches the group to it.
    if (isRecord(newInputs.mixedInstancesPolicy) && changed("mixedInstancesPolicy")) {
        delete outputs.launchTemplate;
    } else if (isRecord(newInputs.launchTemplate) && changed("launchTemplate")) {
        delete outputs.mixedInstancesPolicy;
    }
    // The capacity wait (resourceGroupUpdate, shouldWaitForCapacity on a min_size or desired_capacity change, unless
    // wait_for_capacity_timeout is "0"): it wants exactly max(min_size, desired_capacity) healthy servers, with
    // desired_capacity as planned, that is from state when the program leaves it to the group, and fails when AWS
    // settles on another size.
    const timeout = String(newInputs.waitForCapacityTimeout ?? planned.waitForCapacityTimeout ?? "10m");
    if (timeout !== "0" && !/^0+[a-z]*$/.test(timeout) && (changed("minSize") || changed("desiredCapacity"))) {
        const plannedDesired = Number(newInputs.desiredCapacity ?? planned.desiredCapacity ?? min);
        const want = Math.max(min, plannedDesired);
        if (want !== bounded) {
            throw new AwsRejection("Error", `waiting for Auto Scaling Group (${old.id}) capacity satisfied: want exactly ${want} healthy instance(s) in Auto Scaling Group, have ${bounded} (AWS set the group to ${bounded}; the wait fails after wait_for_capacity_timeout ${timeout})`,
                `${source} (shouldWaitForCapacity: minSize := max(d.Get("min_size"), d.Get("desired_capacity")); "want exactly %d healthy instance(s) in Auto Scaling Group")`);
        }
    }
    if (changed("minSize") || changed("maxSize")) {
        notes.push(`resizes the group to min ${min}, max ${max}${bounded !== current ? `: AWS moves its desired capacity from ${current} to ${bounded} (UpdateAutoScalingGroup: a new MinSize above, or MaxSize below, the current size sets DesiredCapacity to it) and launches or terminates servers` : ""} (${source})`);
    }
    if (changed("launchTemplate") || changed("mixedInstancesPolicy")) {
        const refresh = newInputs.instanceRefresh as { strategy?: string; preferences?: Record<string, unknown> } | undefined;
        // StartInstanceRefresh gets both forms as planned: the one the program stopped sending stays in state.
        const lt = newInputs.launchTemplate ?? planned.launchTemplate;
        const mixed = newInputs.mixedInstancesPolicy ?? planned.mixedInstancesPolicy;
        if (refresh && isRecord(lt) && isRecord(mixed)) {
            // UpdateAutoScalingGroup has run: the group is in its new form when StartInstanceRefresh fails.
            const rejection = new AwsRejection("ValidationError", `the group ${old.id} is updated, then StartInstanceRefresh gets a DesiredConfiguration with both a LaunchTemplate and a MixedInstancesPolicy, and takes either one: launchTemplate stayed in the state (Optional+Computed) when the program moved to mixedInstancesPolicy, or the other way round. The group is left in its new form, and the provider reports that state with the error (the engine stores it), so the next \`pulumi up\` converges`,
                `${source} (expandStartInstanceRefreshInput from d.Get("launch_template") and d.Get("mixed_instances_policy")); Auto Scaling API reference, DesiredConfiguration ("you must specify either a LaunchTemplate or a MixedInstancesPolicy")`);
            rejection.applied = outputs;
            throw rejection;
        }
        if (refresh) {
            const prefs = refresh.preferences ?? {};
            const pct = prefs.minHealthyPercentage ?? 90;
            notes.push(`starts an instance refresh: ${String(refresh.strategy ?? "Rolling").toLowerCase()} instance refresh, min healthy ${pct}%` +
                `${prefs.autoRollback === true ? ", rolled back if it fails" : ""}${prefs.skipMatching === true ? ", skipping servers already on the new version" : ""}` +
                `: AWS replaces the servers a few at a time, with their root volumes; the group is updated in place, not replaced (${source}: a launch_template or mixed_instances_policy change → StartInstanceRefresh)`);
        } else {
            notes.push(`no instanceRefresh: running servers keep the old launch template version until they are replaced (${source})`);
        }
    }
    return notes;
}
