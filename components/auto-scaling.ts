import * as pulumi from "@pulumi/pulumi";
import * as aws from "../lib/aws";
import { instanceTypeArchitecture } from "../lib/aws-facts";
import { ServerSubnet, VolumeSettings } from "./instance";
import { Partition, ssmInstanceProfile } from "./ssm-profile";

/** One scheduled action of the group: a size set at the times a cron expression gives. */
export interface ScheduleSetting {
    /** Unique among the schedules; 1–255 of `A-Z a-z 0-9 - _`. */
    name: string;
    /** Traditional 5-field cron (minute hour day-of-month month day-of-week), in `timeZone`. */
    recurrence: string;
    /** An IANA time zone name such as Europe/London. @default "UTC" */
    timeZone?: string;
    /** The group's new minimum size (at least one of min, max and desired is set). @default unchanged */
    min?: number;
    /** The group's new maximum size. @default unchanged */
    max?: number;
    /** The group's new desired capacity. @default unchanged */
    desired?: number;
}

/** Spot with the capacity-optimized strategy and capacity rebalancing, above an On-Demand base. */
export interface SpotSetting {
    /** How many servers are always On-Demand. */
    onDemandBase: number;
    /** The On-Demand percentage of the servers above the base; 0 for all Spot. */
    onDemandPercentAboveBase: number;
}

/** How the group rolls its servers when the launch template changes. */
export interface InstanceRefreshSetting {
    /** The share of the group that stays in service during a refresh, in percent. */
    minHealthyPercent: number;
    /** Roll back to the previous template version when a refresh fails. */
    autoRollback: boolean;
    /** Skip servers that already run the new template version. */
    skipMatching: boolean;
}

/** The group's sizes, scaling policies, schedules, instance types, Spot and instance refresh. */
export interface AutoScalingSetting {
    /** 0–100. */
    min: number;
    /** `min`–100. */
    max: number;
    /** The size at creation only: afterwards the group owns it (ignoreChanges on desiredCapacity). @default min */
    desired?: number;
    /** Target tracking on average CPU, in percent; 0 turns it off. */
    cpuTarget: number;
    /** Target tracking on ALB requests per target (needs `requestCountLabel`). @default none (no such policy) */
    requestsPerTarget?: number;
    schedules: ScheduleSetting[];
    /** Extra instance types for a mixed instances policy (same architecture as the AMI). */
    instanceTypes: string[];
    /** Spot with the capacity-optimized strategy and capacity rebalancing. @default none (all On-Demand) */
    spot?: SpotSetting;
    /** Instance refresh preferences. */
    refresh: InstanceRefreshSetting;
    /** Seconds. */
    healthCheckGracePeriod: number;
}

export interface AutoScalingArgs {
    /** The subnets of the group, one or more per zone, with their availability zones (plain, known values). */
    subnets: ServerSubnet[];
    /** Security groups of every server. */
    securityGroupIds: pulumi.Input<string>[];
    /** The AMI id. */
    ami: string;
    /**
     * True when `ami` was pinned by id: a new id makes a new template version, which the group's instance refresh
     * rolls out. When false (resolved from an alias), the template has `ignoreChanges: ["imageId"]`, so a newly
     * published image never rolls the group by surprise: every later version of the template, made by an update
     * in place, keeps the image of the old one. Roll forward on purpose by pinning the image the alias points to
     * now (`pulumi config set ec2-server:ami "$(pulumi stack output amiId)"`): the new id makes a new template
     * version. Only a replacement of the template itself would take the alias's newest image unasked: the engine
     * checks a replacement's inputs again without ignoreChanges (pulumi/pulumi pkg/resource/deploy/step_generator.go
     * continueStepsFromDiff).
     */
    amiPinned: boolean;
    /** The AMI's root device name (`/dev/xvda`, `/dev/sda1`): the encrypted root volume is mapped onto it. */
    rootDeviceName: string;
    /** The instance type of the template, and the first choice of a mixed instances policy. */
    instanceType: string;
    /** Sizes, scaling policies, schedules, instance types, Spot and instance refresh (`autoScaling` in config). */
    scaling: AutoScalingSetting;
    /** EC2 key pair name. @default none (Session Manager only) */
    keyName?: pulumi.Input<string>;
    /** Give the servers an IAM role with AmazonSSMManagedInstanceCore, for Session Manager. @default true */
    ssm?: boolean;
    /** AWS partition facts, to build ARNs and service principals (`aws.getPartition`). Required with `ssm`. @default none */
    partition?: Partition;
    /**
     * Servers get a public IPv4 address (billed by AWS). Without it the template says so explicitly
     * (`associatePublicIpAddress: "false"`), so a subnet that maps public addresses cannot give them one.
     * @default false
     */
    publicIp?: boolean;
    /** Root volume of every server; deleted with the server (a group's servers are disposable). */
    rootVolume: VolumeSettings;
    /** User data (cloud-init) as text; the template stores it base64-encoded. May be secret. @default none */
    userData?: pulumi.Input<string>;
    /** Detailed (1-minute) CloudWatch monitoring of the servers, billed. @default false */
    monitoring?: boolean;
    /**
     * A target group to register the servers with, through a TrafficSourceAttachment of its own (the group then
     * uses ELB health checks). Never the group's `targetGroupArns`: that input is Optional+Computed
     * (terraform-provider-aws internal/service/autoscaling/group.go), so dropping it later would show no diff
     * and leave the group attached; deleting the attachment detaches the group (DetachTrafficSources).
     * @default none
     */
    targetGroupArn?: pulumi.Input<string>;
    /**
     * `<load balancer arnSuffix>/<target group arnSuffix>`, the resource label of the ALBRequestCountPerTarget
     * metric (e.g. `pulumi.interpolate\`${alb.arnSuffix}/${targetGroup.arnSuffix}\``). Required with
     * `scaling.requestsPerTarget`. @default none
     */
    requestCountLabel?: pulumi.Input<string>;
    /**
     * What associates the target group with its load balancer: the listener that forwards to it
     * (`LoadBalancer.forwardingListener`). PutScalingPolicy refuses an ALBRequestCountPerTarget label whose target
     * group is not associated with the load balancer yet, so the requests-per-target policy waits for it, as CDK's
     * `scaleOnRequestCount` waits for `loadBalancerAttached`. Required with `scaling.requestsPerTarget`.
     * @default none
     */
    targetGroupAssociation?: aws.lb.Listener;
    /** Prefix of the Name tags. @default the component name */
    namePrefix?: string;
    /** Tags for every resource this component creates (the provider adds its default tags to these). @default {} */
    tags?: Record<string, string>;
    /**
     * Tags for what the group launches: the servers and their volumes (the template's tagSpecifications) and the
     * group's own tags, propagated at launch. The provider merges its default tags only into top-level `tags`
     * maps, never into these, so pass them merged in: `{ ...defaultTags, ...tags }`. @default `tags`
     */
    launchTags?: Record<string, string>;
}

/** The group metrics collected every minute (EnableMetricsCollection): sizes and instances by state. */
export const GROUP_METRICS = [
    "GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances", "GroupPendingInstances",
    "GroupStandbyInstances", "GroupTerminatingInstances", "GroupTotalInstances",
] as const;

/** AWS's limit on LaunchTemplateOverrides in one mixed instances policy (Auto Scaling API reference). */
export const MAX_OVERRIDES = 40;

/** The Spot allocation strategy: the pools with the most spare capacity, so the fewest interruptions. */
export const SPOT_ALLOCATION_STRATEGY = "capacity-optimized";

function isWhole(n: number, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
    return Number.isInteger(n) && n >= min && n <= max;
}

/** Every conflict in the args, each with a precise message (empty when they are consistent). */
function problems(args: AutoScalingArgs): string[] {
    const out: string[] = [];
    const s = args.scaling;
    if (args.subnets.length === 0) {
        out.push("'subnets' must not be empty");
    }
    if ((args.ssm ?? true) && !args.partition) {
        out.push("'ssm' requires 'partition'");
    }
    if (!isWhole(s.min, 0)) {
        out.push(`'scaling.min' must be a whole number of at least 0, got ${s.min}`);
    }
    if (!isWhole(s.max, 0) || s.max < s.min) {
        out.push(`'scaling.max' must be a whole number of at least 'scaling.min' (${s.min}), got ${s.max}`);
    }
    if (s.desired !== undefined && (!Number.isInteger(s.desired) || s.desired < s.min || s.desired > s.max)) {
        out.push(`'scaling.desired' must be a whole number from 'scaling.min' (${s.min}) to 'scaling.max' (${s.max}), got ${s.desired}`);
    }
    if (!(s.cpuTarget >= 0 && s.cpuTarget <= 100)) {
        out.push(`'scaling.cpuTarget' must be from 1 to 100 percent, or 0 for no CPU policy, got ${s.cpuTarget}`);
    }
    if (s.requestsPerTarget !== undefined) {
        if (!(s.requestsPerTarget > 0)) {
            out.push(`'scaling.requestsPerTarget' must be more than 0, got ${s.requestsPerTarget}`);
        }
        if (args.requestCountLabel === undefined) {
            out.push("'scaling.requestsPerTarget' requires 'requestCountLabel' (<load balancer arnSuffix>/<target group arnSuffix>)");
        }
        if (args.targetGroupArn === undefined) {
            out.push("'scaling.requestsPerTarget' requires 'targetGroupArn': the group's servers must be the targets whose requests it counts");
        }
        if (args.targetGroupAssociation === undefined) {
            out.push("'scaling.requestsPerTarget' requires 'targetGroupAssociation' (the listener that forwards to the target group): the policy cannot be created before the target group is associated with its load balancer");
        }
    }
    if (s.spot !== undefined) {
        if (!isWhole(s.spot.onDemandBase, 0)) {
            out.push(`'scaling.spot.onDemandBase' must be a whole number of at least 0, got ${s.spot.onDemandBase}`);
        }
        if (!isWhole(s.spot.onDemandPercentAboveBase, 0, 100)) {
            out.push(`'scaling.spot.onDemandPercentAboveBase' must be a whole number from 0 to 100, got ${s.spot.onDemandPercentAboveBase}`);
        }
    }
    const arch = instanceTypeArchitecture(args.instanceType);
    for (const t of s.instanceTypes) {
        const other = instanceTypeArchitecture(t);
        if (arch && other && other !== arch) {
            out.push(`'scaling.instanceTypes' ${t} is ${other}, but 'instanceType' ${args.instanceType} is ${arch}: every type of the group runs the same AMI`);
        }
    }
    if (overrideTypes(args).length > MAX_OVERRIDES) {
        out.push(`'scaling.instanceTypes' makes ${overrideTypes(args).length} instance types with 'instanceType'; AWS takes at most ${MAX_OVERRIDES} in a mixed instances policy`);
    }
    if (!isWhole(s.healthCheckGracePeriod, 0)) {
        out.push(`'scaling.healthCheckGracePeriod' must be a whole number of seconds, got ${s.healthCheckGracePeriod}`);
    }
    if (!isWhole(s.refresh.minHealthyPercent, 0, 100)) {
        out.push(`'scaling.refresh.minHealthyPercent' must be a whole number from 0 to 100, got ${s.refresh.minHealthyPercent}`);
    }
    const seen = new Set<string>();
    s.schedules.forEach((sch, i) => {
        const at = `'scaling.schedules[${i}]' (${sch.name})`;
        if (seen.has(sch.name)) {
            out.push(`${at}: the name is used twice; scheduled action names are unique per group`);
        }
        seen.add(sch.name);
        if (sch.min === undefined && sch.max === undefined && sch.desired === undefined) {
            out.push(`${at} sets none of min, max and desired`);
        }
        if (sch.min !== undefined && sch.max !== undefined && sch.max < sch.min) {
            out.push(`${at}: max (${sch.max}) must be at least min (${sch.min})`);
        }
        for (const [key, v] of [["min", sch.min], ["max", sch.max], ["desired", sch.desired]] as const) {
            if (v !== undefined && !isWhole(v, 0)) {
                out.push(`${at}: ${key} must be a whole number of at least 0, got ${v}`);
            }
        }
    });
    return out;
}

/** The mixed instances policy's types in priority order: `instanceType` first, then the extra ones, each once. */
function overrideTypes(args: AutoScalingArgs): string[] {
    return [...new Set([args.instanceType, ...args.scaling.instanceTypes])];
}

/**
 * An Auto Scaling group of servers launched from a launch template (IMDSv2 required, encrypted root volume,
 * optional Session Manager role), with target tracking on CPU and ALB requests, scheduled actions, an optional
 * mixed instances policy with Spot, and a rolling instance refresh whenever the template changes.
 */
export class AutoScaling extends pulumi.ComponentResource {
    public readonly groupName: pulumi.Output<string>;
    public readonly groupArn: pulumi.Output<string>;
    public readonly launchTemplateId: pulumi.Output<string>;
    /** The template's newest version: the one the group launches from. */
    public readonly launchTemplateLatestVersion: pulumi.Output<number>;
    /** The IAM role of the servers (undefined without `ssm`). */
    public readonly roleName?: pulumi.Output<string>;

    constructor(name: string, args: AutoScalingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("ec2-server:compute:AutoScaling", name, {}, opts);
        const found = problems(args);
        if (found.length > 0) {
            throw new Error(found.length === 1 ? found[0] : `AutoScaling ${name}:\n  - ${found.join("\n  - ")}`);
        }
        const scaling = args.scaling;
        const prefix = args.namePrefix ?? name;
        const tags = args.tags ?? {};
        const launchTags = args.launchTags ?? tags;
        const child = { parent: this };

        let ssmPolicy: aws.iam.RolePolicyAttachment | undefined;
        let profile: aws.iam.InstanceProfile | undefined;
        if (args.ssm ?? true) {
            const made = ssmInstanceProfile(name, { partition: args.partition!, namePrefix: prefix, tags }, this);
            profile = made.profile;
            ssmPolicy = made.policyAttachment;
            this.roleName = made.role.name;
        }

        const root = args.rootVolume;
        const template = new aws.ec2.LaunchTemplate(`${name}-template`, {
            imageId: args.ami,
            instanceType: args.instanceType,
            keyName: args.keyName,
            iamInstanceProfile: profile ? { arn: profile.arn } : undefined,
            metadataOptions: {
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                instanceMetadataTags: "disabled",
            },
            blockDeviceMappings: [{
                deviceName: args.rootDeviceName,
                // The provider's nullable booleans are strings here ("true"/"false"; "" means unset).
                ebs: {
                    volumeType: root.type,
                    volumeSize: root.sizeGiB,
                    encrypted: String(root.encrypted),
                    kmsKeyId: root.kmsKeyId,
                    iops: root.iops,
                    throughput: root.throughput,
                    deleteOnTermination: "true",
                },
            }],
            // Always one interface that says whether it gets a public address: left unset, the subnet's
            // mapPublicIpOnLaunch would decide, and a public subnet would give every server an address. With
            // networkInterfaces the security groups must go on the interface: AWS refuses them on both.
            networkInterfaces: [{
                deviceIndex: 0,
                associatePublicIpAddress: String(args.publicIp ?? false),
                securityGroups: args.securityGroupIds,
                deleteOnTermination: "true",
            }],
            // A launch template takes user data base64-encoded (CreateLaunchTemplate refuses anything else with
            // InvalidUserData.Malformed). An Output keeps a secret script secret.
            userData: args.userData === undefined ? undefined : pulumi.output(args.userData).apply(u => Buffer.from(u, "utf8").toString("base64")),
            monitoring: { enabled: args.monitoring ?? false },
            // What the group launches gets its tags from here: the servers, and their volumes (the group's own
            // tags reach only the servers). The provider's default tags reach neither: hence launchTags.
            tagSpecifications: [
                { resourceType: "instance", tags: { ...launchTags, Name: prefix } },
                { resourceType: "volume", tags: { ...launchTags, Name: `${prefix}-root` } },
            ],
            // terraform-provider-aws internal/service/ec2/ec2_launch_template.go resourceLaunchTemplateUpdate: a
            // change makes a new version (CreateLaunchTemplateVersion) and this makes it the default.
            updateDefaultVersion: true,
            tags: { ...tags, Name: `${prefix}-template` },
        }, {
            ...child,
            // A newer image behind the alias must not roll the group unasked (a pinned id change should).
            ignoreChanges: args.amiPinned ? [] : ["imageId"],
        });

        // The group points at the template's newest version: a template change is an in-place update of the
        // group (mixed_instances_policy...version), which starts its instance refresh, never a new group.
        const version = template.latestVersion.apply(v => `${v}`);
        const distribution: aws.types.input.autoscaling.GroupMixedInstancesPolicyInstancesDistribution = scaling.spot
            ? {
                onDemandBaseCapacity: scaling.spot.onDemandBase,
                onDemandPercentageAboveBaseCapacity: scaling.spot.onDemandPercentAboveBase,
                spotAllocationStrategy: SPOT_ALLOCATION_STRATEGY,
            }
            : { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100 };
        const hasTargets = args.targetGroupArn !== undefined;

        const group = new aws.autoscaling.Group(`${name}-group`, {
            vpcZoneIdentifiers: args.subnets.map(s => s.id),
            minSize: scaling.min,
            maxSize: scaling.max,
            // The size at creation only (ignoreChanges below): afterwards scaling policies and schedules own it.
            desiredCapacity: scaling.desired,
            // Always a mixed instances policy, even with one instance type and no Spot: one form whatever the types.
            // launch_template and mixed_instances_policy are both Optional+Computed (terraform-provider-aws
            // internal/service/autoscaling/group.go), so the form a program stops sending stays in state, and
            // resourceGroupUpdate then gives StartInstanceRefresh both (expandStartInstanceRefreshInput), where
            // DesiredConfiguration takes either a LaunchTemplate or a MixedInstancesPolicy. With one form, adding or
            // removing instanceTypes or spot changes only the policy.
            mixedInstancesPolicy: {
                launchTemplate: {
                    launchTemplateSpecification: { launchTemplateId: template.id, version },
                    overrides: overrideTypes(args).map(instanceType => ({ instanceType })),
                },
                instancesDistribution: distribution,
            },
            // Replace Spot servers at risk of interruption before they are interrupted.
            capacityRebalance: scaling.spot ? true : undefined,
            // Behind a load balancer, a server whose application is down is unhealthy (Security Hub AutoScaling.1).
            healthCheckType: hasTargets ? "ELB" : "EC2",
            healthCheckGracePeriod: scaling.healthCheckGracePeriod,
            enabledMetrics: [...GROUP_METRICS],
            metricsGranularity: "1Minute",
            instanceRefresh: {
                strategy: "Rolling",
                preferences: {
                    minHealthyPercentage: scaling.refresh.minHealthyPercent,
                    autoRollback: scaling.refresh.autoRollback,
                    skipMatching: scaling.refresh.skipMatching,
                },
            },
            // No capacity waits. On an update that changes minSize, resourceGroupUpdate (terraform-provider-aws
            // internal/service/autoscaling/group.go) waits for exactly max(min_size, desired_capacity) healthy
            // servers, desired_capacity taken from state, since the program leaves it to the group (ignoreChanges
            // below): draining (min 0, max 0) waits for the old size while AWS goes to 0, and lowering min after a
            // scale-out waits for a size AWS does not keep, so the up fails after the timeout ("want exactly 2
            // healthy instance(s) in Auto Scaling Group, have 0"). "0" skips every capacity wait, the create's too
            // (the provider's documented switch); the load balancer's health checks and the instance refresh's
            // auto rollback report unhealthy servers instead.
            waitForCapacityTimeout: "0",
            tags: Object.entries({ ...launchTags, Name: prefix }).map(([key, value]) => ({ key, value, propagateAtLaunch: true })),
        }, {
            ...child,
            // On the group itself: ignoreChanges given to a component never reaches its children (pulumi-eks #1293).
            ignoreChanges: ["desiredCapacity"],
            // The group launches servers at once, and their SSM agent registers at boot with the role's permissions.
            dependsOn: ssmPolicy ? [ssmPolicy] : [],
        });

        // The servers join the target group through an attachment, not the group's targetGroupArns (see
        // targetGroupArn): removing it from the program deletes it, and that detaches the group.
        const targets = args.targetGroupArn === undefined ? undefined : new aws.autoscaling.TrafficSourceAttachment(`${name}-target`, {
            autoscalingGroupName: group.name,
            trafficSource: { identifier: args.targetGroupArn, type: "elbv2" },
        }, child);

        if (scaling.cpuTarget > 0) {
            new aws.autoscaling.Policy(`${name}-cpu`, {
                autoscalingGroupName: group.name,
                policyType: "TargetTrackingScaling",
                targetTrackingConfiguration: {
                    predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" },
                    targetValue: scaling.cpuTarget,
                },
            }, child);
        }
        if (scaling.requestsPerTarget !== undefined) {
            new aws.autoscaling.Policy(`${name}-requests`, {
                autoscalingGroupName: group.name,
                policyType: "TargetTrackingScaling",
                targetTrackingConfiguration: {
                    predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: args.requestCountLabel },
                    targetValue: scaling.requestsPerTarget,
                },
            // PutScalingPolicy refuses a label whose target group is not attached to the group yet ("ValidationError:
            // Target group not attached to the Auto Scaling group", terraform-aws-modules/terraform-aws-autoscaling#279),
            // or not associated with its load balancer, which the forwarding listener does (aws-cdk
            // AutoScalingGroup.scaleOnRequestCount: policy.node.addDependency(albTargetGroup.loadBalancerAttached)).
            }, { ...child, dependsOn: [...(targets ? [targets] : []), args.targetGroupAssociation!] });
        }
        for (const s of scaling.schedules) {
            // A change replaces the action, deleting it first: start_time is Optional+Computed
            // (terraform-provider-aws internal/service/autoscaling/schedule.go), the read stores the first occurrence
            // AWS computed, and resourceSchedulePut sends it again on every update, so once it has passed AWS refuses
            // any change ("ValidationError: Given start time is in the past"; pulumi/pulumi-aws#2473,
            // hashicorp/terraform-provider-aws#38983). A new action has no start time until AWS computes one. It
            // is deleted first because PutScheduledUpdateGroupAction under the same name would overwrite, and the old
            // one's delete would then remove, the new one.
            new aws.autoscaling.Schedule(`${name}-schedule-${s.name}`, {
                autoscalingGroupName: group.name,
                scheduledActionName: s.name,
                recurrence: s.recurrence,
                timeZone: s.timeZone,
                // -1 is the provider's "leave unchanged": an unset size is read as 0 (d.Get on an int) and would
                // set it to 0 at the scheduled time (terraform-provider-aws internal/service/autoscaling/schedule.go
                // resourceSchedulePut sends only the sizes that are not -1).
                minSize: s.min ?? -1,
                maxSize: s.max ?? -1,
                desiredCapacity: s.desired ?? -1,
            }, { ...child, replaceOnChanges: ["*"], deleteBeforeReplace: true });
        }

        this.groupName = group.name;
        this.groupArn = group.arn;
        this.launchTemplateId = template.id;
        this.launchTemplateLatestVersion = template.latestVersion;
        this.registerOutputs({
            groupName: this.groupName,
            groupArn: this.groupArn,
            launchTemplateId: this.launchTemplateId,
            launchTemplateLatestVersion: this.launchTemplateLatestVersion,
            roleName: this.roleName,
        });
    }
}
