import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AutoScaling, AutoScalingArgs, GROUP_METRICS } from "../../components/auto-scaling";
import { LoadBalancer } from "../../components/load-balancer";
import { AwsModel, EXISTING, PINNED_IMAGES } from "../../offline/aws/model";
import { promiseOf, runInStack } from "../../offline/program";
import { ed25519Key } from "../../offline/ssh-keys";
import { REGION, AL2023, SUBNET_A, SUBNET_B, SG, COMPONENT, URN, TEMPLATE, GROUP, POLICY, SCHEDULE, ATTACHMENT, TARGET_GROUP, TARGET_GROUP_URN, LABEL, TG_ARN, DEFAULT_OPTIONS, scaling, args, one, groupTags, associatedTargetGroup, mixedPolicy } from "./auto-scaling-fixtures";

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
});
