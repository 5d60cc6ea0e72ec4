// The Auto Scaling types of the AWS model: offline/aws/autoscaling/group.ts, policy.ts, schedule.ts,
// traffic-source-attachment.ts and offline/aws/ec2/launch-template.ts — what AWS rejects at create, and what their
// updates, reads and deletes do on day 2 — through the AutoScaling component and the deployment.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AutoScaling } from "../../../components/auto-scaling";
import { AwsModel, EXISTING, PINNED_IMAGES } from "../../../offline/aws/model";
import { Deployment, refresh, Step } from "../../../offline/deployment";
import { diffResource } from "../../../offline/lifecycle";
import { applyUpdate, AwsRejection } from "../../../offline/lifecycle-rules";
import { RecordedResource, RecordingMonitor } from "../../../offline/monitor";
import { installMocks, PROJECT, runInStack } from "../../../offline/program";
import { buildState, parseStackExport, StateResource, toStackExport } from "../../../offline/state";
import { sdkSettings } from "../../../offline/sdk-shims";
import { REGION, AL2023, SUBNET_A, SUBNET_B, SG, TEMPLATE, GROUP, SCHEDULE, ATTACHMENT, TG_ARN, scaling, args, one, targetGroup, associatedTargetGroup } from "../../components/auto-scaling-fixtures";

describe("offline/aws: Auto Scaling (groups, launch templates, policies, schedules, traffic sources)", () => {
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
            await sdkSettings().waitForRPCs();
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
