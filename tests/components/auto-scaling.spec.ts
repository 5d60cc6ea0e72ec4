import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AutoScaling, AutoScalingArgs, AutoScalingSetting, GROUP_METRICS } from "../../components/auto-scaling";
import { AMI_ALIASES } from "../../lib/aws-facts";
import { LoadBalancer } from "../../components/load-balancer";
import { AwsModel, EXISTING, PINNED_IMAGES } from "../../offline/aws-model";
import { Deployment, refresh, Step } from "../../offline/deployment";
import { diffResource } from "../../offline/lifecycle";
import { applyUpdate, AwsRejection } from "../../offline/lifecycle-rules";
import { RecordedResource, RecordingMonitor } from "../../offline/monitor";
import { installMocks, PROJECT, promiseOf, runInStack } from "../../offline/program";
import { buildState, parseStackExport, StateResource, toStackExport } from "../../offline/state";
import { ed25519Key } from "../../offline/ssh-keys";

const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

const REGION = "ap-northeast-2";
const AL2023 = new AwsModel({ region: REGION }).publishedId(AMI_ALIASES["al2023"].parameter);
const [SUBNET_A, SUBNET_B] = EXISTING.subnets;
const SG = EXISTING.securityGroupIds[0];
const COMPONENT = "urn:pulumi:test::ec2-server::ec2-server:compute:AutoScaling::servers";
const URN = (type: string, name: string) => `urn:pulumi:test::ec2-server::ec2-server:compute:AutoScaling$${type}::${name}`;
const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const GROUP = "aws:autoscaling/group:Group";
const POLICY = "aws:autoscaling/policy:Policy";
const SCHEDULE = "aws:autoscaling/schedule:Schedule";
const ATTACHMENT = "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment";
const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
const TARGET_GROUP_URN = `urn:pulumi:test::ec2-server::${TARGET_GROUP}::web-tg`;
const LABEL = "app/web-alb/0123456789abcdef/targetgroup/web-tg/fedcba9876543210";
const TG_ARN = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web-tg/fedcba9876543210";
const DEFAULT_OPTIONS = { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], replaceOnChanges: [], additionalSecretOutputs: [] };

function scaling(over: Partial<AutoScalingSetting> = {}): AutoScalingSetting {
    return {
        min: 2, max: 6, desired: 3, cpuTarget: 50, schedules: [], instanceTypes: [],
        refresh: { minHealthyPercent: 90, autoRollback: true, skipMatching: true }, healthCheckGracePeriod: 300,
        ...over,
    };
}

function args(over: Partial<AutoScalingArgs> = {}): AutoScalingArgs {
    return {
        subnets: [{ id: SUBNET_A.id, availabilityZone: "ap-northeast-2a" }, { id: SUBNET_B.id, availabilityZone: "ap-northeast-2b" }],
        securityGroupIds: [SG],
        ami: AL2023,
        amiPinned: false,
        rootDeviceName: "/dev/xvda",
        instanceType: "t3.micro",
        scaling: scaling(),
        partition: { partition: "aws", dnsSuffix: "amazonaws.com" },
        rootVolume: { sizeGiB: 8, type: "gp3", encrypted: true },
        namePrefix: "web-prod",
        tags: { Team: "platform" },
        ...over,
    };
}

function one(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.filter(r => r.type === type && r.name === name);
    assert.equal(found.length, 1, `${type} ${name}`);
    return found[0];
}

function groupTags(extra: Record<string, string> = {}): { key: string; value: string; propagateAtLaunch: boolean }[] {
    return Object.entries({ Team: "platform", ...extra, Name: "web-prod" }).map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
}

/** A target group in the adopted VPC (the model knows it) and the request-count label of an ALB in front of it. */
function targetGroup(): { arn: pulumi.Output<string>; label: pulumi.Output<string> } {
    const tg = new aws.lb.TargetGroup("web-tg", { port: 80, protocol: "HTTP", vpcId: EXISTING.vpcId });
    return { arn: tg.arn, label: pulumi.interpolate`app/web-alb/0123456789abcdef/${tg.arnSuffix}` };
}
/**
 * A target group associated with a load balancer: an ALB in the adopted subnets whose HTTP listener forwards to
 * it, the request-count label of both, and the listener (what a requests-per-target policy waits for).
 */
function associatedTargetGroup(): { arn: pulumi.Output<string>; label: pulumi.Output<string>; listener: aws.lb.Listener } {
    const tg = new aws.lb.TargetGroup("web-tg", { port: 80, protocol: "HTTP", vpcId: EXISTING.vpcId });
    const alb = new aws.lb.LoadBalancer("web-alb", { loadBalancerType: "application", subnets: [SUBNET_A.id, SUBNET_B.id], securityGroups: [SG] });
    const listener = new aws.lb.Listener("web-http", { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
    return { arn: tg.arn, label: pulumi.interpolate`${alb.arnSuffix}/${tg.arnSuffix}`, listener };
}
/** The group's mixed instances policy: the template at a version, the types in order, the distribution. */
function mixedPolicy(templateId: unknown, version: string, types: string[], distribution: Record<string, unknown> = { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100 }) {
    return {
        launchTemplate: { launchTemplateSpecification: { launchTemplateId: templateId, version }, overrides: types.map(instanceType => ({ instanceType })) },
        instancesDistribution: distribution,
    };
}

describe("components/auto-scaling AutoScaling", () => {
    describe("resources", () => {
        it("creates exactly the Session Manager role, the launch template, the group and a CPU policy, all children of the component", async () => {
            const { resources } = await runInStack(() => new AutoScaling("servers", args()));
            assert.deepEqual(resources.filter(r => r.custom).map(r => `${r.type} ${r.name}`).sort(), [
                `${GROUP} servers-group`,
                `${POLICY} servers-cpu`,
                "aws:ec2/launchTemplate:LaunchTemplate servers-template",
                "aws:iam/instanceProfile:InstanceProfile servers-profile",
                "aws:iam/role:Role servers-role",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment servers-ssm-core",
            ]);
            for (const r of resources.filter(x => x.custom)) {
                assert.equal(r.parent, COMPONENT, r.name);
            }
            const role = one(resources, "aws:iam/role:Role", "servers-role");
            assert.deepEqual(role.inputs, {
                description: "ec2-server instances: Session Manager only",
                assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
                tags: { Team: "platform", Name: "web-prod-role" },
            });
            assert.deepEqual(one(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "servers-ssm-core").inputs, {
                role: role.id, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
            });
            assert.deepEqual(one(resources, "aws:iam/instanceProfile:InstanceProfile", "servers-profile").inputs, {
                role: role.id, tags: { Team: "platform", Name: "web-prod-profile" },
            });
        });

        it("launch template: IMDSv2 required (hop limit 1), an encrypted gp3 root on the AMI's root device, no public IP, the SSM profile, monitoring, tags for instances and volumes", async () => {
            const { resources } = await runInStack(() => new AutoScaling("servers", args()));
            const profile = one(resources, "aws:iam/instanceProfile:InstanceProfile", "servers-profile");
            const template = one(resources, TEMPLATE, "servers-template");
            assert.deepEqual(template.inputs, {
                imageId: AL2023,
                instanceType: "t3.micro",
                iamInstanceProfile: { arn: profile.state!.arn },
                metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeType: "gp3", volumeSize: 8, encrypted: "true", deleteOnTermination: "true" } }],
                // Explicitly no public address: a subnet that maps public IPs cannot give the servers one.
                networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", securityGroups: [SG], deleteOnTermination: "true" }],
                monitoring: { enabled: false },
                tagSpecifications: [
                    { resourceType: "instance", tags: { Team: "platform", Name: "web-prod" } },
                    { resourceType: "volume", tags: { Team: "platform", Name: "web-prod-root" } },
                ],
                updateDefaultVersion: true,
                tags: { Team: "platform", Name: "web-prod-template" },
            });
            // A newer image behind the alias never rolls the group unasked.
            assert.deepEqual(template.options, { ...DEFAULT_OPTIONS, ignoreChanges: ["imageId"] });
            assert.deepEqual(template.dependencies, [URN("aws:iam/instanceProfile:InstanceProfile", "servers-profile")]);
            assert.match(String(template.id), /^lt-0[0-9a-f]{16}$/);
            assert.equal(template.state!.latestVersion, 1);
            assert.equal(template.state!.arn, `arn:aws:ec2:ap-northeast-2:123456789012:launch-template/${template.id}`);
        });

        it("group: every zone's subnets, sizes, the template's latest version, EC2 health checks, metrics, rolling refresh, propagated tags; desiredCapacity ignored on the group itself", async () => {
            const { resources, result } = await runInStack(async () => {
                const asg = new AutoScaling("servers", args());
                return {
                    groupName: await promiseOf(asg.groupName), groupArn: await promiseOf(asg.groupArn), templateId: await promiseOf(asg.launchTemplateId),
                    version: await promiseOf(asg.launchTemplateLatestVersion), roleName: await promiseOf(asg.roleName!),
                };
            });
            const template = one(resources, TEMPLATE, "servers-template");
            const group = one(resources, GROUP, "servers-group");
            assert.deepEqual(group.inputs, {
                vpcZoneIdentifiers: [SUBNET_A.id, SUBNET_B.id],
                minSize: 2,
                maxSize: 6,
                desiredCapacity: 3,
                // One form whatever the instance types: adding or removing some changes only the policy.
                mixedInstancesPolicy: mixedPolicy(template.id, "1", ["t3.micro"]),
                healthCheckType: "EC2",
                healthCheckGracePeriod: 300,
                enabledMetrics: [...GROUP_METRICS],
                metricsGranularity: "1Minute",
                instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 90, autoRollback: true, skipMatching: true } },
                // No capacity waits: on update they wait for the size in state, which the group owns (group.go).
                waitForCapacityTimeout: "0",
                tags: groupTags(),
            });
            // On the group resource itself: an ignoreChanges given to the component would never reach it (pulumi-eks #1293).
            assert.deepEqual(group.options, { ...DEFAULT_OPTIONS, ignoreChanges: ["desiredCapacity"] });
            // The servers boot with the role's permissions: the group waits for the policy attachment, not only the profile.
            assert.deepEqual(group.dependencies, [URN(TEMPLATE, "servers-template"), URN("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "servers-ssm-core")].sort());
            assert.equal(group.state!.desiredCapacity, 3);
            assert.deepEqual(group.state!.availabilityZones, ["ap-northeast-2a", "ap-northeast-2b"]);
            assert.match(result.groupName, /^servers-group-[0-9a-f]{7}$/);
            assert.equal(group.id, result.groupName);
            assert.match(result.groupArn, new RegExp(`^arn:aws:autoscaling:ap-northeast-2:123456789012:autoScalingGroup:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:autoScalingGroupName/${result.groupName}$`));
            assert.equal(result.templateId, template.id);
            assert.equal(result.version, 1);
            assert.equal(result.roleName, one(resources, "aws:iam/role:Role", "servers-role").id);
        });

        it("target tracking on CPU and on ALB requests per target; behind a target group, ELB health checks and the servers registered by a TrafficSourceAttachment, never the group's targetGroupArns", async () => {
            const { resources } = await runInStack(() => {
                const tg = associatedTargetGroup();
                return new AutoScaling("servers", args({ scaling: scaling({ cpuTarget: 60, requestsPerTarget: 1000 }), targetGroupArn: tg.arn, requestCountLabel: tg.label, targetGroupAssociation: tg.listener }));
            });
            const tg = one(resources, TARGET_GROUP, "web-tg");
            const label = `${one(resources, "aws:lb/loadBalancer:LoadBalancer", "web-alb").state!.arnSuffix}/${tg.state!.arnSuffix}`;
            const group = one(resources, GROUP, "servers-group");
            assert.equal(group.inputs.healthCheckType, "ELB");
            // Optional+Computed on the group (group.go): once sent, removing it would show no diff and never detach.
            assert.equal("targetGroupArns" in group.inputs, false);
            const attachment = one(resources, ATTACHMENT, "servers-target");
            assert.deepEqual(attachment.inputs, { autoscalingGroupName: group.id, trafficSource: { identifier: tg.id, type: "elbv2" } });
            assert.equal(attachment.parent, COMPONENT);
            assert.deepEqual(attachment.options, DEFAULT_OPTIONS);
            assert.deepEqual(attachment.dependencies, [URN(GROUP, "servers-group"), TARGET_GROUP_URN].sort());
            // <group name>,<type>,<identifier>, as traffic_source_attachment.go forms it.
            assert.equal(attachment.id, `${group.id},elbv2,${tg.id}`);
            const policies = resources.filter(r => r.type === POLICY).sort((a, b) => a.name.localeCompare(b.name));
            assert.deepEqual(policies.map(p => [p.name, p.inputs, p.parent, p.dependencies]), [
                ["servers-cpu", {
                    autoscalingGroupName: group.id, policyType: "TargetTrackingScaling",
                    targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 60 },
                }, COMPONENT, [URN(GROUP, "servers-group")]],
                // After the attachment and the listener: AWS refuses a request-count policy for a target group not
                // attached to the group, or not associated with its load balancer, yet.
                ["servers-requests", {
                    autoscalingGroupName: group.id, policyType: "TargetTrackingScaling",
                    targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: label }, targetValue: 1000 },
                }, COMPONENT, [URN(ATTACHMENT, "servers-target"), URN(GROUP, "servers-group"), "urn:pulumi:test::ec2-server::aws:lb/listener:Listener::web-http",
                    "urn:pulumi:test::ec2-server::aws:lb/loadBalancer:LoadBalancer::web-alb", TARGET_GROUP_URN].sort()],
            ]);
            assert.equal(policies[0].id, policies[0].state!.name);
            assert.match(String(policies[0].state!.arn), new RegExp(`^arn:aws:autoscaling:ap-northeast-2:123456789012:scalingPolicy:[0-9a-f-]{36}:autoScalingGroupName/${group.id}:policyName/${policies[0].id}$`));
        });

        it("behind the LoadBalancer component: its target group, its targets security group and the label from both arnSuffixes", async () => {
            const { resources } = await runInStack(() => {
                const lb = new LoadBalancer("web", {
                    vpcId: EXISTING.vpcId, subnetIds: [SUBNET_A.id, SUBNET_B.id], zones: 2,
                    settings: { port: 80, targetPort: 80, healthCheckPath: "/", sources: ["0.0.0.0/0"], deletionProtection: false },
                });
                return new AutoScaling("servers", args({
                    securityGroupIds: [lb.targetsSecurityGroupId], targetGroupArn: lb.targetGroupArn,
                    requestCountLabel: pulumi.interpolate`${lb.arnSuffix}/${lb.targetGroupArnSuffix}`, targetGroupAssociation: lb.forwardingListener, scaling: scaling({ requestsPerTarget: 200 }),
                }));
            });
            const alb = resources.find(r => r.type === "aws:lb/loadBalancer:LoadBalancer")!;
            const targetGroup = resources.find(r => r.type === "aws:lb/targetGroup:TargetGroup")!;
            const group = one(resources, GROUP, "servers-group");
            assert.equal("targetGroupArns" in group.inputs, false);
            assert.deepEqual(one(resources, ATTACHMENT, "servers-target").inputs.trafficSource, { identifier: targetGroup.id, type: "elbv2" });
            assert.equal(group.inputs.healthCheckType, "ELB");
            const requests = one(resources, POLICY, "servers-requests");
            assert.equal(((requests.inputs.targetTrackingConfiguration as Record<string, Record<string, unknown>>).predefinedMetricSpecification).resourceLabel,
                `${alb.state!.arnSuffix}/${targetGroup.state!.arnSuffix}`);
            // The forwarding listener associates the target group with the load balancer: the policy waits for it.
            assert.ok(requests.dependencies.includes("urn:pulumi:test::ec2-server::ec2-server:network:LoadBalancer$aws:lb/listener:Listener::web-http"), requests.dependencies.join(", "));
        });

        it("launchTags (the provider's default tags merged in) tag the servers, their volumes and the group; the template's own tags stay `tags`", async () => {
            const launchTags = { Environment: "web", Project: "ec2-server", Team: "platform" };
            const { resources } = await runInStack(() => new AutoScaling("servers", args({ launchTags })));
            const template = one(resources, TEMPLATE, "servers-template");
            assert.deepEqual(template.inputs.tagSpecifications, [
                { resourceType: "instance", tags: { Environment: "web", Project: "ec2-server", Team: "platform", Name: "web-prod" } },
                { resourceType: "volume", tags: { Environment: "web", Project: "ec2-server", Team: "platform", Name: "web-prod-root" } },
            ]);
            // The provider merges its default tags into this map itself (tagsAll).
            assert.deepEqual(template.inputs.tags, { Team: "platform", Name: "web-prod-template" });
            assert.deepEqual(one(resources, GROUP, "servers-group").inputs.tags, [
                { key: "Environment", value: "web", propagateAtLaunch: true },
                { key: "Project", value: "ec2-server", propagateAtLaunch: true },
                { key: "Team", value: "platform", propagateAtLaunch: true },
                { key: "Name", value: "web-prod", propagateAtLaunch: true },
            ]);
            assert.deepEqual(one(resources, "aws:iam/role:Role", "servers-role").inputs.tags, { Team: "platform", Name: "web-prod-role" });
        });

        it("no CPU policy at cpuTarget 0", async () => {
            const { resources } = await runInStack(() => new AutoScaling("servers", args({ scaling: scaling({ cpuTarget: 0 }) })));
            assert.deepEqual(resources.filter(r => r.type === POLICY), []);
        });

        it("scheduled actions: recurrence and time zone, and -1 (unchanged) for each size a schedule leaves alone", async () => {
            const { resources } = await runInStack(() => new AutoScaling("servers", args({
                scaling: scaling({
                    schedules: [
                        { name: "business-hours", recurrence: "0 8 * * MON-FRI", timeZone: "Asia/Seoul", min: 3, desired: 4 },
                        { name: "night", recurrence: "0 20 * * *", max: 2 },
                    ],
                }),
            })));
            const group = one(resources, GROUP, "servers-group");
            const schedules = resources.filter(r => r.type === SCHEDULE).sort((a, b) => a.name.localeCompare(b.name));
            assert.deepEqual(schedules.map(s => [s.name, s.inputs, s.parent]), [
                ["servers-schedule-business-hours", {
                    autoscalingGroupName: group.id, scheduledActionName: "business-hours", recurrence: "0 8 * * MON-FRI", timeZone: "Asia/Seoul",
                    minSize: 3, maxSize: -1, desiredCapacity: 4,
                }, COMPONENT],
                ["servers-schedule-night", {
                    autoscalingGroupName: group.id, scheduledActionName: "night", recurrence: "0 20 * * *",
                    minSize: -1, maxSize: 2, desiredCapacity: -1,
                }, COMPONENT],
            ]);
            assert.deepEqual(schedules.map(s => [s.id, s.state!.minSize, s.state!.maxSize, s.state!.desiredCapacity]), [
                ["business-hours", 3, -1, 4], ["night", -1, 2, -1],
            ]);
            assert.match(String(schedules[1].state!.arn), new RegExp(`:scheduledUpdateGroupAction:[0-9a-f-]{36}:autoScalingGroupName/${group.id}:scheduledActionName/night$`));
        });

        it("mixed instances with Spot: the template by id and latest version, the instance types in order, capacity-optimized Spot above the on-demand base, capacity rebalancing", async () => {
            const { resources } = await runInStack(() => new AutoScaling("servers", args({
                scaling: scaling({ instanceTypes: ["t3a.micro", "t3.micro", "t3.small"], spot: { onDemandBase: 1, onDemandPercentAboveBase: 25 } }),
            })));
            const template = one(resources, TEMPLATE, "servers-template");
            const group = one(resources, GROUP, "servers-group");
            assert.equal("launchTemplate" in group.inputs, false);
            assert.deepEqual(group.inputs.mixedInstancesPolicy, {
                launchTemplate: {
                    launchTemplateSpecification: { launchTemplateId: template.id, version: "1" },
                    overrides: [{ instanceType: "t3.micro" }, { instanceType: "t3a.micro" }, { instanceType: "t3.small" }],
                },
                instancesDistribution: { onDemandBaseCapacity: 1, onDemandPercentageAboveBaseCapacity: 25, spotAllocationStrategy: "capacity-optimized" },
            });
            assert.equal(group.inputs.capacityRebalance, true);
            assert.deepEqual(group.options.ignoreChanges, ["desiredCapacity"]);
        });

        it("extra instance types without Spot stay on demand, without capacity rebalancing", async () => {
            const { resources } = await runInStack(() => new AutoScaling("servers", args({ scaling: scaling({ instanceTypes: ["t3a.micro"] }) })));
            const group = one(resources, GROUP, "servers-group");
            assert.deepEqual((group.inputs.mixedInstancesPolicy as Record<string, unknown>).instancesDistribution, { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100 });
            assert.equal("capacityRebalance" in group.inputs, false);
        });

        it("public IP, key, secret base64 user data, monitoring, a KMS key; a pinned AMI is not ignored; no SSM means no IAM and no profile", async () => {
            const kms = "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            const debian = PINNED_IMAGES[0].id;
            const model = new AwsModel({ region: REGION });
            const { resources } = await runInStack(() => {
                const key = new aws.ec2.KeyPair("ops", { publicKey: ed25519Key("ops").publicKeyOpenssh.trim() });
                return new AutoScaling("servers", args({
                    ami: debian, amiPinned: true, ssm: false, partition: undefined, publicIp: true, keyName: key.keyName, monitoring: true,
                    userData: pulumi.secret("#!/bin/bash\necho ready\n"),
                    rootVolume: { sizeGiB: 20, type: "gp3", encrypted: true, kmsKeyId: kms, iops: 4000, throughput: 250 },
                }));
            }, { model });
            const template = one(resources, TEMPLATE, "servers-template");
            assert.deepEqual(template.options.ignoreChanges, []);
            assert.equal(template.inputs.imageId, debian);
            assert.equal("iamInstanceProfile" in template.inputs, false);
            assert.deepEqual(resources.filter(r => r.type.startsWith("aws:iam/")), []);
            assert.equal(template.inputs.keyName, one(resources, "aws:ec2/keyPair:KeyPair", "ops").state!.keyName);
            assert.deepEqual(template.inputs.networkInterfaces, [{ deviceIndex: 0, associatePublicIpAddress: "true", securityGroups: [SG], deleteOnTermination: "true" }]);
            assert.equal(template.inputs.userData, Buffer.from("#!/bin/bash\necho ready\n").toString("base64"));
            assert.deepEqual(template.secretInputs, ["userData"]);
            assert.deepEqual(template.inputs.monitoring, { enabled: true });
            assert.deepEqual(template.inputs.blockDeviceMappings, [{ deviceName: "/dev/xvda", ebs: { volumeType: "gp3", volumeSize: 20, encrypted: "true", kmsKeyId: kms, iops: 4000, throughput: 250, deleteOnTermination: "true" } }]);
            const group = one(resources, GROUP, "servers-group");
            assert.deepEqual(group.dependencies, [URN(TEMPLATE, "servers-template")]);
            assert.deepEqual(model.assumptions.map(a => a.subject), [`KMS key ${kms}`]);
        });
    });

    describe("conflicting arguments", () => {
        const cases: [string, Partial<AutoScalingArgs>, RegExp][] = [
            ["no subnets", { subnets: [] }, /^Error: 'subnets' must not be empty$/],
            ["ssm without partition", { partition: undefined }, /^Error: 'ssm' requires 'partition'$/],
            ["max below min", { scaling: scaling({ min: 3, max: 2, desired: undefined }) }, /^Error: 'scaling\.max' must be a whole number of at least 'scaling\.min' \(3\), got 2$/],
            ["desired outside min..max", { scaling: scaling({ desired: 7 }) }, /^Error: 'scaling\.desired' must be a whole number from 'scaling\.min' \(2\) to 'scaling\.max' \(6\), got 7$/],
            ["requests per target without a label", { scaling: scaling({ requestsPerTarget: 100 }), targetGroupArn: TG_ARN }, /'scaling\.requestsPerTarget' requires 'requestCountLabel'/],
            ["requests per target without a target group", { scaling: scaling({ requestsPerTarget: 100 }), requestCountLabel: LABEL }, /'scaling\.requestsPerTarget' requires 'targetGroupArn'/],
            ["requests per target without what associates its target group with the load balancer", { scaling: scaling({ requestsPerTarget: 100 }), requestCountLabel: LABEL, targetGroupArn: TG_ARN },
                /'scaling\.requestsPerTarget' requires 'targetGroupAssociation' \(the listener that forwards to the target group\): the policy cannot be created before the target group is associated with its load balancer/],
            ["an instance type of the other architecture", { scaling: scaling({ instanceTypes: ["t4g.micro"] }) }, /'scaling\.instanceTypes' t4g\.micro is arm64, but 'instanceType' t3\.micro is x86_64/],
            ["spot percentage above 100", { scaling: scaling({ spot: { onDemandBase: 0, onDemandPercentAboveBase: 120 } }) }, /'scaling\.spot\.onDemandPercentAboveBase' must be a whole number from 0 to 100, got 120/],
            ["a schedule that sets nothing", { scaling: scaling({ schedules: [{ name: "noop", recurrence: "0 0 * * *" }] }) }, /'scaling\.schedules\[0\]' \(noop\) sets none of min, max and desired/],
            ["two schedules of one name", { scaling: scaling({ schedules: [{ name: "a", recurrence: "0 0 * * *", min: 1 }, { name: "a", recurrence: "0 1 * * *", min: 2 }] }) }, /'scaling\.schedules\[1\]' \(a\): the name is used twice/],
        ];
        for (const [label, over, expected] of cases) {
            it(label, async () => {
                await assert.rejects(runInStack(() => new AutoScaling("servers", args(over))), (err: Error) => {
                    assert.match(String(err), expected);
                    return true;
                });
            });
        }

        it("reports every problem at once", async () => {
            await assert.rejects(runInStack(() => new AutoScaling("servers", args({ subnets: [], partition: undefined }))),
                /AutoScaling servers:\n {2}- 'subnets' must not be empty\n {2}- 'ssm' requires 'partition'/);
        });
    });

    describe("the AWS model rejects what AWS rejects", () => {
        const templateArgs = (over: Partial<aws.ec2.LaunchTemplateArgs> = {}): aws.ec2.LaunchTemplateArgs => ({ imageId: AL2023, instanceType: "t3.micro", vpcSecurityGroupIds: [SG], ...over });
        const groupArgs = (template: aws.ec2.LaunchTemplate, over: Partial<aws.autoscaling.GroupArgs> = {}): aws.autoscaling.GroupArgs => ({
            vpcZoneIdentifiers: [SUBNET_A.id, SUBNET_B.id], minSize: 1, maxSize: 2, launchTemplate: { id: template.id, version: "1" }, ...over,
        });

        it("a group whose max is below its min, and a desired capacity outside them (AWS's ValidationError texts)", async () => {
            await assert.rejects(runInStack(() => new aws.autoscaling.Group("g", groupArgs(new aws.ec2.LaunchTemplate("t", templateArgs()), { minSize: 3, maxSize: 1 }))),
                /ValidationError: Max bound, 1, must be greater than or equal to min bound, 3/);
            await assert.rejects(runInStack(() => new aws.autoscaling.Group("g", groupArgs(new aws.ec2.LaunchTemplate("t", templateArgs()), { desiredCapacity: 5 }))),
                /ValidationError: Desired capacity:5 must be between the specified min size:1 and max size:2/);
        });

        it("user data that is not base64", async () => {
            await assert.rejects(runInStack(() => new aws.ec2.LaunchTemplate("t", templateArgs({ userData: "#!/bin/bash\necho hi\n" }))),
                /InvalidUserData\.Malformed: Invalid BASE64 encoding of user data\./);
        });

        it("a group on a template with an image that does not exist, or of the other architecture (the template alone is accepted)", async () => {
            const missing = "ami-0000000000000dead";
            await assert.rejects(runInStack(() => new AutoScaling("servers", args({ ami: missing, amiPinned: true }))),
                /aws:autoscaling\/group:Group servers-group: ValidationError: You must use a valid fully-formed launch template\. The image id '\[ami-0000000000000dead\]' does not exist/);
            await assert.rejects(runInStack(() => new AutoScaling("servers", args({ ami: PINNED_IMAGES[2].id, amiPinned: true, rootDeviceName: "/dev/sda1", rootVolume: { sizeGiB: 10, type: "gp3", encrypted: true } }))),
                /You must use a valid fully-formed launch template\. The architecture 'x86_64' of the specified instance type does not match the architecture 'arm64' of the specified AMI/);
            const { resources } = await runInStack(() => new aws.ec2.LaunchTemplate("t", templateArgs({ imageId: missing })));
            assert.equal(resources.length, 2);
        });

        it("a root volume smaller than the image's snapshot, security groups on both the instance and an interface, a missing template, an unknown subnet", async () => {
            await assert.rejects(runInStack(() => new AutoScaling("servers", args({ ami: PINNED_IMAGES[1].id, amiPinned: true, rootDeviceName: "/dev/sda1" }))),
                /Volume of size 8GB is smaller than snapshot, expect size >= 30GB/);
            await assert.rejects(runInStack(() => new aws.autoscaling.Group("g", groupArgs(new aws.ec2.LaunchTemplate("t", templateArgs({ networkInterfaces: [{ deviceIndex: 0, securityGroups: [SG] }] }))))),
                /Network interfaces and an instance-level security groups may not be specified on the same request/);
            await assert.rejects(runInStack(() => new aws.autoscaling.Group("g", { vpcZoneIdentifiers: [SUBNET_A.id], minSize: 1, maxSize: 1, launchTemplate: { id: "lt-0123456789abcdef0", version: "1" } })),
                /The specified launch template, with template ID lt-0123456789abcdef0, does not exist\./);
            await assert.rejects(runInStack(() => new aws.autoscaling.Group("g", groupArgs(new aws.ec2.LaunchTemplate("t", templateArgs()), { vpcZoneIdentifiers: ["subnet-0123456789abcdef0"] }))),
                /ValidationError: The subnet ID 'subnet-0123456789abcdef0' does not exist/);
        });

        it("a group in one zone is AWS's business to allow (the multi-AZ policy reports it)", async () => {
            const { resources } = await runInStack(() => new AutoScaling("servers", args({ subnets: [{ id: SUBNET_A.id, availabilityZone: "ap-northeast-2a" }] })));
            assert.deepEqual(one(resources, GROUP, "servers-group").state!.availabilityZones, ["ap-northeast-2a"]);
        });

        it("a schedule size left unset is sent as 0 by the provider: the component sends -1", async () => {
            const { resources } = await runInStack(() => {
                const t = new aws.ec2.LaunchTemplate("t", templateArgs());
                const g = new aws.autoscaling.Group("g", groupArgs(t));
                return new aws.autoscaling.Schedule("s", { autoscalingGroupName: g.name, scheduledActionName: "s", recurrence: "0 0 * * *", desiredCapacity: 2 });
            });
            const schedule = one(resources, SCHEDULE, "s");
            assert.deepEqual([schedule.state!.minSize, schedule.state!.maxSize, schedule.state!.desiredCapacity], [0, 0, 2]);
        });

        it("a request-count policy whose label is not <load balancer>/<target group>", async () => {
            await assert.rejects(runInStack(() => {
                const tg = associatedTargetGroup();
                return new AutoScaling("servers", args({ scaling: scaling({ requestsPerTarget: 100 }), targetGroupArn: tg.arn, requestCountLabel: "web-tg", targetGroupAssociation: tg.listener }));
            }),
                /ALBRequestCountPerTarget needs a resource label app\/<load-balancer-name>\/<id>\/targetgroup\/<target-group-name>\/<id>, got "web-tg"/);
        });

        it("a request-count policy for a target group not attached to the group", async () => {
            await assert.rejects(runInStack(() => {
                const tg = targetGroup();
                const g = new aws.autoscaling.Group("g", groupArgs(new aws.ec2.LaunchTemplate("t", templateArgs())));
                return new aws.autoscaling.Policy("p", {
                    autoscalingGroupName: g.name, policyType: "TargetTrackingScaling",
                    targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: tg.label }, targetValue: 100 },
                });
            }), /^Error: AWS rejected 1 resource\(s\):\naws:autoscaling\/policy:Policy p: ValidationError: Target group not attached to the Auto Scaling group$/);
        });

        it("a request-count policy for a target group that no listener of the label's load balancer forwards to yet", async () => {
            await assert.rejects(runInStack(() => {
                const tg = new aws.lb.TargetGroup("web-tg", { port: 80, protocol: "HTTP", vpcId: EXISTING.vpcId });
                const alb = new aws.lb.LoadBalancer("web-alb", { loadBalancerType: "application", subnets: [SUBNET_A.id, SUBNET_B.id], securityGroups: [SG] });
                const g = new aws.autoscaling.Group("g", groupArgs(new aws.ec2.LaunchTemplate("t", templateArgs())));
                const attached = new aws.autoscaling.TrafficSourceAttachment("a", { autoscalingGroupName: g.name, trafficSource: { identifier: tg.arn, type: "elbv2" } });
                return new aws.autoscaling.Policy("p", {
                    autoscalingGroupName: g.name, policyType: "TargetTrackingScaling",
                    targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ALBRequestCountPerTarget", resourceLabel: pulumi.interpolate`${alb.arnSuffix}/${tg.arnSuffix}` }, targetValue: 100 },
                }, { dependsOn: [attached] });
            }), /^Error: AWS rejected 1 resource\(s\):\naws:autoscaling\/policy:Policy p: ValidationError: the target group of the resource label app\/web-alb-[0-9a-f]{7}\/[0-9a-f]{16}\/targetgroup\/web-tg-[0-9a-f]{7}\/[0-9a-f]{16} is not associated with that load balancer: no listener forwards to it yet$/);
        });

        it("a traffic source attachment to a target group or a group that does not exist, or of a type AWS does not know", async () => {
            await assert.rejects(runInStack(() => {
                const g = new aws.autoscaling.Group("g", groupArgs(new aws.ec2.LaunchTemplate("t", templateArgs())));
                return new aws.autoscaling.TrafficSourceAttachment("a", { autoscalingGroupName: g.name, trafficSource: { identifier: TG_ARN, type: "elbv2" } });
            }), new RegExp(`^Error: AWS rejected 1 resource\\(s\\):\naws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment a: ValidationError: The target group '${TG_ARN}' does not exist$`));
            await assert.rejects(runInStack(() => new aws.autoscaling.TrafficSourceAttachment("a", { autoscalingGroupName: "nope", trafficSource: { identifier: targetGroup().arn, type: "elbv2" } })),
                /TrafficSourceAttachment a: ValidationError: AutoScalingGroup name not found - AutoScalingGroup nope not found$/);
            await assert.rejects(runInStack(() => {
                const g = new aws.autoscaling.Group("g", groupArgs(new aws.ec2.LaunchTemplate("t", templateArgs())));
                return new aws.autoscaling.TrafficSourceAttachment("a", { autoscalingGroupName: g.name, trafficSource: { identifier: targetGroup().arn, type: "elasticloadbalancingv2" } });
            }), /TrafficSourceAttachment a: ValidationError: Setting elasticloadbalancingv2 as traffic sources is currently not supported\. Supported sources are \[elb, elbv2, vpc-lattice\]\. Provide a supported traffic source in your request and try again\.$/);
        });
    });

    describe("day 2 (plan, write state, plan against it)", () => {
        interface Up { deployment: Deployment; resources: RecordedResource[] }

        /** One offline `pulumi up` of `fn` inside a stack, against `prior` (a state) when given. */
        async function up(fn: () => void, prior?: StateResource[]): Promise<Up> {
            const model = new AwsModel({ region: REGION });
            const deployment = new Deployment(model, { prior });
            const monitor = new RecordingMonitor(model, deployment);
            pulumi.runtime.setAllConfig({ "aws:region": REGION }, []);
            installMocks(monitor, PROJECT, "test", false);
            await pulumi.runtime.runInPulumiStack(async () => {
                fn();
                return {};
            });
            await settings.waitForRPCs();
            assert.deepEqual(monitor.errors, []);
            deployment.finish();
            return { deployment, resources: monitor.records };
        }

        /** The state the up leaves (after a refresh when asked), through a `pulumi stack export` file. */
        function stateOf(run: Up, refreshed = false): StateResource[] {
            const resources = refreshed ? run.deployment.afterRefresh() : run.deployment.afterUp();
            const written = buildState({ stack: "test", project: PROJECT, config: { "aws:region": REGION }, resources, stackOutputs: {}, providerVersions: { aws: "7.48.0" } });
            const file = JSON.parse(JSON.stringify(toStackExport(written, { pulumiVersion: "3.270.0", time: "2026-11-22T00:00:00.000Z" })));
            return parseStackExport(file, "state.json").resources;
        }

        const changes = (run: Up) => run.deployment.steps.filter(s => s.op !== "same").map(s => `${s.op} ${s.name}`);
        const step = (run: Up, name: string): Step => {
            const found = run.deployment.steps.find(s => s.name === name);
            assert.ok(found, name);
            return found;
        };
        const byName = (state: StateResource[], name: string) => state.find(r => r.urn.endsWith(`::${name}`))!;
        const full = () => {
            const tg = associatedTargetGroup();
            return args({
                scaling: scaling({ requestsPerTarget: 500, schedules: [{ name: "night", recurrence: "0 20 * * *", max: 2 }], spot: { onDemandBase: 1, onDemandPercentAboveBase: 50 }, instanceTypes: ["t3a.micro"] }),
                targetGroupArn: tg.arn, requestCountLabel: tg.label, targetGroupAssociation: tg.listener, userData: "#!/bin/bash\necho v1\n",
            });
        };

        it("converges: zero changes against the state after up, and after up + refresh", async () => {
            for (const make of [() => args(), full]) {
                const first = await up(() => new AutoScaling("servers", make()));
                assert.ok(first.deployment.steps.every(s => s.op === "create"));
                assert.deepEqual(changes(await up(() => new AutoScaling("servers", make()), stateOf(first))), []);
                const again = await up(() => new AutoScaling("servers", make()), stateOf(first, true));
                assert.deepEqual(changes(again), []);
                assert.deepEqual(again.deployment.refusals, []);
            }
        });

        it("a group that scaled out (AWS changed desiredCapacity) is no change: ignoreChanges keeps the size the group owns", async () => {
            const first = await up(() => new AutoScaling("servers", args()));
            const state = stateOf(first);
            const group = byName(state, "servers-group");
            group.outputs = { ...group.outputs, desiredCapacity: 5 };
            const refreshed = refresh(state, first.deployment.worldFacts);
            const read = byName(refreshed, "servers-group");
            assert.equal(read.outputs.desiredCapacity, 5);
            assert.equal(read.inputs.desiredCapacity, 5);
            const second = await up(() => new AutoScaling("servers", args()), refreshed);
            assert.deepEqual(changes(second), []);
            // Without the option, the next up would scale the group back in to the configured 3.
            const diff = diffResource(read, one(second.resources, GROUP, "servers-group").inputs, { ignoreChanges: [], replaceOnChanges: [] });
            assert.deepEqual(diff.changes, [{ path: "desiredCapacity", kind: "update", old: 5, new: 3, replaces: false }]);
        });

        it("a template change makes version 2 in place, and the group, updated in place, starts a rolling instance refresh", async () => {
            const first = await up(() => new AutoScaling("servers", args()));
            const second = await up(() => new AutoScaling("servers", args({ instanceType: "t3.small" })), stateOf(first, true));
            assert.deepEqual(changes(second), ["update servers-template", "update servers-group"]);
            const template = step(second, "servers-template");
            assert.deepEqual(template.diffs, [{ path: "instanceType", kind: "update", old: "t3.micro", new: "t3.small", replaces: false }]);
            assert.match(template.notes[0], /^creates version 2 of the template and makes it the default; running servers are not changed by it/);
            assert.equal(one(second.resources, TEMPLATE, "servers-template").state!.latestVersion, 2);
            const group = step(second, "servers-group");
            // The policy's first override is the template's type, and the version is the template's newest.
            assert.deepEqual(group.diffs, [
                { path: "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.version", kind: "update", old: "1", new: "2", replaces: false },
                { path: "mixedInstancesPolicy.launchTemplate.overrides[0].instanceType", kind: "update", old: "t3.micro", new: "t3.small", replaces: false },
            ]);
            assert.equal(group.oldId, group.id);
            assert.match(group.notes.join("\n"), /rolling instance refresh, min healthy 90%, rolled back if it fails, skipping servers already on the new version/);
            // The new state converges too.
            assert.deepEqual(changes(await up(() => new AutoScaling("servers", args({ instanceType: "t3.small" })), stateOf(second, true))), []);
        });

        it("a newer image behind the alias changes nothing; a new pinned id rolls the group", async () => {
            const first = await up(() => new AutoScaling("servers", args()));
            const newer = PINNED_IMAGES[0].id;
            assert.deepEqual(changes(await up(() => new AutoScaling("servers", args({ ami: newer })), stateOf(first, true))), []);
            const pinned = await up(() => new AutoScaling("servers", args({ ami: PINNED_IMAGES[0].id, amiPinned: true })), stateOf(first, true));
            assert.deepEqual(changes(pinned), ["update servers-template", "update servers-group"]);
            assert.deepEqual(step(pinned, "servers-template").diffs.map(d => d.path), ["imageId"]);
            assert.match(step(pinned, "servers-group").notes.join("\n"), /rolling instance refresh, min healthy 90%/);
        });

        it("raising min above the current size moves the desired capacity up with it; a max below min is refused", async () => {
            const first = await up(() => new AutoScaling("servers", args()));
            const second = await up(() => new AutoScaling("servers", args({ scaling: scaling({ min: 4, desired: 4 }) })), stateOf(first, true));
            assert.deepEqual(changes(second), ["update servers-group"]);
            assert.deepEqual(step(second, "servers-group").diffs, [{ path: "minSize", kind: "update", old: 2, new: 4, replaces: false }]);
            assert.match(step(second, "servers-group").notes[0], /resizes the group to min 4, max 6: AWS moves its desired capacity from 3 to 4/);
            const group = second.deployment.afterUp().find(r => r.type === GROUP)!;
            assert.equal(group.outputs.desiredCapacity, 4);
            // The component refuses max < min before AWS sees it; AWS's own refusal, for a group changed some other way:
            assert.throws(() => applyUpdate(group, { ...group.inputs, minSize: 5, maxSize: 3 }, ["minSize", "maxSize"], []),
                (err: Error) => err instanceof AwsRejection && err.message === "ValidationError: Max bound, 3, must be greater than or equal to min bound, 5");
        });

        it("taking the group from behind its target group deletes the attachment, which detaches it, and goes back to EC2 health checks", async () => {
            const behind = () => args({ targetGroupArn: targetGroup().arn });
            const first = await up(() => new AutoScaling("servers", behind()));
            const second = await up(() => {
                targetGroup();
                return new AutoScaling("servers", args());
            }, stateOf(first, true));
            assert.deepEqual(changes(second), ["update servers-group", "delete servers-target"]);
            assert.deepEqual(step(second, "servers-group").diffs, [{ path: "healthCheckType", kind: "update", old: "ELB", new: "EC2", replaces: false }]);
            const detached = second.deployment.afterUp();
            assert.deepEqual(detached.filter(r => r.type === ATTACHMENT), []);
            assert.deepEqual(changes(await up(() => {
                targetGroup();
                return new AutoScaling("servers", args());
            }, stateOf(second, true))), []);
        });

        it("deleting the group drains it first", async () => {
            const first = await up(() => new AutoScaling("servers", args()));
            const gone = await up(() => undefined, stateOf(first, true));
            const group = gone.deployment.steps.find(s => s.type === GROUP)!;
            assert.equal(group.op, "delete");
            assert.match(group.notes[0], /^drains servers-group-[0-9a-f]{7} \(min, max and desired 0\), waits for its servers to terminate/);
        });
    });
});
