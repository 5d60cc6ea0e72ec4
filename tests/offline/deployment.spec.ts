/**
 * Day 2, offline: every stack we ship converges (plan, write state, plan again against it: zero changes), also
 * after AWS's read-back (a `pulumi refresh`), and each change gives exactly the operation AWS performs.
 * The anchor is terraform-provider-aws's acceptance tests: after an apply they refresh and plan again, and a
 * plan that is not empty fails ("After applying this test step, the plan was not empty").
 */
import * as assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { AMI_ALIASES } from "../../lib/aws-facts";
import { AwsModel, PINNED_IMAGES } from "../../offline/aws/model";
import { refresh } from "../../offline/deployment";
import { applyUpdate, AwsRejection } from "../../offline/lifecycle-rules";
import { STACK_VARIANTS } from "../fixtures/variants";
import { byName, changes, firstPlan, plan, stackOf, stateOf, step } from "./day2";

/** The shared variants (tests/fixtures/variants.ts), their secret config as secret keys, and two more the engine takes through day 2. */
const VARIANTS: [string, string, Record<string, string>, string[]][] = [
    ...STACK_VARIANTS.map(([label, stack, overrides, secrets = {}]): [string, string, Record<string, string>, string[]] => [label, stack, { ...overrides, ...secrets }, Object.keys(secrets)]),
    ["publicIp", "dev", { "ec2-server:publicIp": "true" }, []],
    ["50 servers", "dev", { "ec2-server:instanceCount": "50", "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }]) }, []],
];

describe("offline/deployment (day 2: state, refresh, update, replace, delete)", () => {
    describe("every stack converges: plan, write state, plan again against it → zero changes", () => {
        for (const [label, stack, overrides, secretKeys] of VARIANTS) {
            it(`${label}: zero changes against the state after up, and after up + refresh`, async () => {
                const s = stackOf(stack, overrides, secretKeys);
                const first = await firstPlan(s);
                assert.ok(first.deployment.steps.every(x => x.op === "create"));
                const upState = stateOf(s, first, false);
                const afterUp = await plan(s, upState);
                assert.deepEqual(changes(afterUp), []);
                assert.deepEqual(afterUp.deployment.refusals, []);
                // Where the refresh reads back exactly what the up stored (the model's creates already answer what
                // AWS reads back, for 13 of these 17 stacks), the same config against the same state plans the same:
                // the run above stands for it.
                const refreshedState = stateOf(s, first, true);
                const afterRefresh = isDeepStrictEqual(refreshedState, upState) ? afterUp : await plan(s, refreshedState);
                assert.deepEqual(changes(afterRefresh), []);
                assert.deepEqual(afterRefresh.deployment.refusals, []);
                // References resolve to the ids in the state: the second run's outputs are the first run's.
                assert.deepEqual(afterRefresh.outputs.instanceIds, first.outputs.instanceIds);
            });
        }
    });




    describe("changes give exactly the operation AWS performs", () => {
        it("instance type: an in-place update that stops and starts the server (its auto-assigned IP changes)", async () => {
            const s = stackOf("dev");
            const base = await firstPlan(s);
            const run = await plan(stackOf("dev", { "ec2-server:instanceType": "t3.small" }), stateOf(s, base, true));
            assert.deepEqual(changes(run), ["update server-0"]);
            const st = step(run, "aws:ec2/instance:Instance", "server-0");
            assert.deepEqual(st.diffs, [{ path: "instanceType", kind: "update", old: "t3.micro", new: "t3.small", replaces: false }]);
            assert.equal(st.notes[0], "stops the server, changes its type t3.micro → t3.small, and starts it again (terraform-provider-aws internal/service/ec2/ec2_instance.go resourceInstanceUpdate: stop, ModifyInstanceAttribute, start)");
            assert.match(st.notes[1], /^its auto-assigned public IP \d+\.\d+\.\d+\.\d+ is released on stop and a new one is assigned on start \(elasticIp gives a fixed address\)$/);
        });

        it("a pinned AMI changed: the server is replaced, its data volumes re-attached and kept", async () => {
            const vols = { "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }]) };
            const s = stackOf("dev", { ...vols, "ec2-server:ami": PINNED_IMAGES[0].id });
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            const al2023 = new AwsModel({ region: "ap-northeast-2" }).publishedId(AMI_ALIASES.al2023.parameter);
            const run = await plan(stackOf("dev", { ...vols, "ec2-server:ami": al2023 }), state);
            assert.deepEqual(changes(run).sort(), ["replace server-0", "replace server-0-data"]);
            const server = step(run, "aws:ec2/instance:Instance", "server-0");
            assert.deepEqual(server.diffs.map(d => [d.path, d.old, d.new, d.replaces]), [["ami", PINNED_IMAGES[0].id, al2023, true]]);
            assert.notEqual(server.id, server.oldId);
            const volume = byName(state, "aws:ebs/volume:Volume", "server-0-data");
            assert.deepEqual(server.notes, [
                "creates the new one, then deletes the old one",
                `${server.oldId} is terminated: its root volume and everything on it is lost`,
                `data volumes ${volume.id} are detached from the running old server and attached to the new one: unmount them on the old server (or stop it) before this up, or the detach can hang "busy"`,
            ]);
            const attachment = step(run, "aws:ec2/volumeAttachment:VolumeAttachment", "server-0-data");
            assert.deepEqual(attachment.diffs.map(d => [d.path, d.old, d.new, d.replaces]), [["instanceId", server.oldId, server.id, true]]);
            assert.deepEqual(attachment.notes, [
                "deletes the old one first, then creates the new one",
                `detaches ${volume.id} from ${server.oldId} and attaches it again: data on the volume is kept`,
            ]);
            assert.equal(step(run, "aws:ebs/volume:Volume", "server-0-data").op, "same");
            assert.deepEqual(run.deployment.refusals, []);
        });

        it("a newer image behind an alias: no change (ignoreChanges on ami)", async () => {
            const s = stackOf("dev");
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            const published = new AwsModel({ region: "ap-northeast-2" }).publishedId(AMI_ALIASES.al2023.parameter);
            assert.equal(byName(state, "aws:ec2/instance:Instance", "server-0").inputs.ami, published);
            class NewerImage extends AwsModel {
                publishedId(p: string): string {
                    return p === AMI_ALIASES.al2023.parameter ? PINNED_IMAGES[0].id : super.publishedId(p);
                }
            }
            const run = await plan(s, state, new NewerImage({ region: "ap-northeast-2" }));
            assert.deepEqual(changes(run), []);
            assert.equal(run.outputs.amiId, PINNED_IMAGES[0].id);
        });

        it("rolling forward on purpose: pinning the image the alias points to now replaces the server with it", async () => {
            const s = stackOf("dev");
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            class NewerImage extends AwsModel {
                publishedId(p: string): string {
                    return p === AMI_ALIASES.al2023.parameter ? PINNED_IMAGES[0].id : super.publishedId(p);
                }
            }
            const aliasRun = await plan(s, state, new NewerImage({ region: "ap-northeast-2" }));
            assert.deepEqual(changes(aliasRun), []);
            const pinned = await plan(stackOf("dev", { "ec2-server:ami": String(aliasRun.outputs.amiId) }), state);
            const server = step(pinned, "aws:ec2/instance:Instance", "server-0");
            assert.equal(server.op, "replace");
            assert.deepEqual(server.diffs.map(d => [d.path, d.new, d.replaces]), [["ami", PINNED_IMAGES[0].id, true]]);
        });

        it("on an alias, a server replaced for another reason boots the alias's newest image, and the plan says so: ignoreChanges does not reach a replacement", async () => {
            const s = stackOf("dev");
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            const old = byName(state, "aws:ec2/instance:Instance", "server-0").inputs.ami;
            const newer = new AwsModel({ region: "ap-northeast-2", imageReleases: { [AMI_ALIASES.al2023.parameter]: 1 } });
            const next = newer.publishedId(AMI_ALIASES.al2023.parameter);
            assert.notEqual(next, old);
            const run = await plan(stackOf("dev", { "ec2-server:keyAlgorithm": "RSA" }), state, newer);
            assert.deepEqual(changes(run), ["replace ssh-private-key", "replace ssh-key-pair", "replace server-0"]);
            const server = step(run, "aws:ec2/instance:Instance", "server-0");
            assert.deepEqual(server.diffs.map(d => [d.path, d.replaces]), [["keyName", true]]);
            assert.deepEqual(server.notes.slice(2), [
                `ami: the replacement is created with the program's "${next}", not the "${old}" that ignoreChanges kept: ignoreChanges does not reach a replacement, and \`pulumi preview\` does not list this change (pulumi/pulumi pkg/resource/deploy/step_generator.go continueStepsFromDiff)`,
            ]);
            const after = run.deployment.afterUp().find(r => r.urn === server.urn)!;
            assert.equal(after.inputs.ami, next);
            assert.equal(after.outputs.ami, next);
        });

        it("web: a scale-out by AWS (desired capacity 2 → 5) is no change on the next plan, after a refresh too", async () => {
            const s = stackOf("web");
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            const group = byName(state, "aws:autoscaling/group:Group", "servers-group");
            group.outputs = { ...group.outputs, desiredCapacity: 5 };
            assert.deepEqual(changes(await plan(s, state)), []);
            assert.deepEqual(changes(await plan(s, refresh(state, base.deployment.worldFacts))), []);
        });

        it("a new VPC CIDR replaces the network; the NAT gateway is deleted before its replacement takes over its Elastic IP", async () => {
            const s = stackOf("web");
            const base = await firstPlan(s);
            const run = await plan(stackOf("web", { "ec2-server:vpcCidr": "10.20.0.0/16" }), stateOf(s, base, true));
            const nat = step(run, "aws:ec2/natGateway:NatGateway", "network-nat-ap-northeast-2a");
            assert.equal(nat.op, "replace");
            assert.equal(nat.notes[0], "deletes the old one first, then creates the new one");
            assert.equal(step(run, "aws:ec2/eip:Eip", "network-nat-ap-northeast-2a").op, "same");
            assert.deepEqual(run.deployment.refusals, []);
        });

        it("a tag change in aws:defaultTags updates tagsAll in place on every tagged resource", async () => {
            const s = stackOf("dev");
            const base = await firstPlan(s);
            const run = await plan(stackOf("dev", { "aws:defaultTags": JSON.stringify({ tags: { Project: "ec2-server", Environment: "staging" } }) }), stateOf(s, base, true));
            const vpc = step(run, "aws:ec2/vpc:Vpc", "network-vpc");
            assert.equal(vpc.op, "update");
            assert.deepEqual(vpc.diffs, [{
                path: "tagsAll", kind: "update", replaces: false,
                old: { Project: "ec2-server", Environment: "dev", Owner: "platform-team", Name: "ec2-server-dev-vpc" },
                new: { Project: "ec2-server", Environment: "staging", Owner: "platform-team", Name: "ec2-server-dev-vpc" },
            }]);
            assert.equal(run.deployment.steps.some(x => x.op === "replace"), false);
            assert.equal(step(run, "aws:ec2/route:Route", "network-public-default").op, "same");
        });

        it("a data volume removed: its attachment is deleted, the volume retained and reported, the server not left stopped", async () => {
            const two = { "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }, { name: "logs", sizeGiB: 10, deviceName: "/dev/sdg" }]) };
            const one = { "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }]) };
            const base = await firstPlan(stackOf("dev", two));
            const state = stateOf(stackOf("dev", two), base, true);
            const run = await plan(stackOf("dev", one), state);
            assert.deepEqual(changes(run), ["delete server-0-logs", "delete server-0-logs"]);
            const volume = byName(state, "aws:ebs/volume:Volume", "server-0-logs");
            const deletes = run.deployment.steps.filter(x => x.op === "delete");
            assert.deepEqual(deletes.map(d => [d.type, d.notes]), [
                ["aws:ebs/volume:Volume", [`retained: ${volume.id} leaves the stack but stays in AWS (still billed); delete it in AWS or import it again`]],
                ["aws:ec2/volumeAttachment:VolumeAttachment", [`detaches ${volume.id} from ${byName(state, "aws:ec2/instance:Instance", "server-0").id}`]],
            ].sort());
            assert.deepEqual(run.deployment.refusals, []);
            const after = run.deployment.afterRefresh();
            assert.equal(after.find(r => r.type === "aws:ec2/instance:Instance")!.outputs.instanceState, "running");
            assert.equal(after.some(r => r.urn === volume.urn), false);
        });

        it("a data volume removed from a state whose attachment still has stopInstanceBeforeDetaching: the server is left stopped, and the plan says so", async () => {
            const two = { "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }, { name: "logs", sizeGiB: 10, deviceName: "/dev/sdg" }]) };
            const base = await firstPlan(stackOf("dev", two));
            const state = stateOf(stackOf("dev", two), base, true);
            const attachment = byName(state, "aws:ec2/volumeAttachment:VolumeAttachment", "server-0-logs");
            attachment.inputs = { ...attachment.inputs, stopInstanceBeforeDetaching: true };
            attachment.outputs = { ...attachment.outputs, stopInstanceBeforeDetaching: true };
            const run = await plan(stackOf("dev", { "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }]) }), state);
            const instance = byName(state, "aws:ec2/instance:Instance", "server-0");
            const st = step(run, "aws:ec2/volumeAttachment:VolumeAttachment", "server-0-logs");
            assert.equal(st.notes[1], `stops ${instance.id} to detach ${attachment.outputs.volumeId} (stopInstanceBeforeDetaching), and nothing starts it again: the server is left stopped (terraform-provider-aws internal/service/ec2/ebs_volume_attachment.go resourceVolumeAttachmentDelete)`);
            assert.equal(run.deployment.afterRefresh().find(r => r.urn === instance.urn)!.outputs.instanceState, "stopped");
        });

        it("instanceCount 3 → 2: server-2 is deleted, its data volume retained and reported", async () => {
            const vols = { "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }]) };
            const three = stackOf("dev", { ...vols, "ec2-server:instanceCount": "3" });
            const base = await firstPlan(three);
            const state = stateOf(three, base, true);
            const run = await plan(stackOf("dev", { ...vols, "ec2-server:instanceCount": "2" }), state);
            assert.deepEqual(changes(run).sort(), ["delete server-2", "delete server-2-data", "delete server-2-data"]);
            const instance = byName(state, "aws:ec2/instance:Instance", "server-2");
            const volume = byName(state, "aws:ebs/volume:Volume", "server-2-data");
            assert.deepEqual(step(run, "aws:ec2/instance:Instance", "server-2").notes, [`terminates ${instance.id}; its root volume is deleted with it (deleteOnTermination)`]);
            assert.deepEqual(run.deployment.steps.find(x => x.op === "delete" && x.type === "aws:ebs/volume:Volume")!.notes, [`retained: ${volume.id} leaves the stack but stays in AWS (still billed); delete it in AWS or import it again`]);
            assert.deepEqual(run.deployment.refusals, []);
        });

        it("termination protection plus a replacement: refused before anything changes (the engine's protect), with exit-1 refusals", async () => {
            const s = stackOf("prod");
            const base = await firstPlan(s);
            const run = await plan(stackOf("prod", { "ec2-server:ami": PINNED_IMAGES[0].id }), stateOf(s, base, true));
            const server = step(run, "aws:ec2/instance:Instance", "server-0");
            const attachment = step(run, "aws:ec2/volumeAttachment:VolumeAttachment", "server-0-data");
            assert.equal(server.op, "replace");
            assert.equal(attachment.op, "replace");
            // The data volume's attachment is protected with its server: each protected replacement is refused.
            assert.deepEqual(run.deployment.refusals, [server.urn, attachment.urn].map(urn => ({
                urn,
                message: `unable to replace resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``,
                source: "pulumi/pulumi pkg/resource/deploy/step_generator.go (a protected resource's replacement fails at preview, before anything is created)",
            })));
        });

        it("termination protection turned off and the AMI changed in the same up: allowed, because forceDestroy was in the state from the first up", async () => {
            const s = stackOf("prod");
            const base = await firstPlan(s);
            const run = await plan(stackOf("prod", { "ec2-server:ami": PINNED_IMAGES[0].id, "ec2-server:terminationProtection": "false" }), stateOf(s, base, true));
            assert.equal(step(run, "aws:ec2/instance:Instance", "server-0").op, "replace");
            assert.deepEqual(run.deployment.refusals, []);
        });

        it("a state without forceDestroy: AWS refuses to terminate the protected server", async () => {
            const s = stackOf("prod");
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            const instance = byName(state, "aws:ec2/instance:Instance", "server-0");
            delete instance.outputs.forceDestroy;
            delete instance.inputs.forceDestroy;
            instance.protect = false;
            const run = await plan(stackOf("prod", { "ec2-server:ami": PINNED_IMAGES[0].id, "ec2-server:terminationProtection": "false" }), state);
            assert.deepEqual(run.deployment.refusals.map(r => r.message), [
                `OperationNotPermitted: The instance '${instance.id}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again. (forceDestroy is not true in the state; setting it in the same operation does not help)`,
            ]);
        });

        it("a smaller data volume is refused at update time, as ModifyVolume refuses it", async () => {
            const big = stackOf("prod");
            const base = await firstPlan(big);
            const run = await plan(stackOf("prod", { "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 40, type: "gp3", deviceName: "/dev/sdf", encrypted: true }]) }), stateOf(big, base, true));
            const volume = step(run, "aws:ebs/volume:Volume", "server-0-data");
            assert.equal(volume.op, "update");
            assert.deepEqual(run.deployment.refusals.map(r => r.message), [`InvalidParameterValue: New size cannot be smaller than existing size (${volume.oldId}: 50 GiB → 40 GiB)`]);
        });
    });

    describe("elastic capacity and data on day 2 (issue 15: a, b, d, e)", () => {
        const WEB_SCALING = { min: 2, max: 6, cpuTarget: 50 };
        const webWith = (scaling: Record<string, unknown>) => stackOf("web", { "ec2-server:autoScaling": JSON.stringify({ ...WEB_SCALING, ...scaling }) });

        it("(a) draining web (min 0, max 0) is an in-place update AWS completes: the program waits for no capacity", async () => {
            const s = stackOf("web");
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            assert.equal(byName(state, "aws:autoscaling/group:Group", "servers-group").outputs.desiredCapacity, 2);
            const run = await plan(webWith({ min: 0, max: 0 }), state);
            assert.deepEqual(changes(run), ["update servers-group"]);
            assert.deepEqual(run.deployment.refusals, []);
            const group = step(run, "aws:autoscaling/group:Group", "servers-group");
            assert.match(group.notes[0], /^resizes the group to min 0, max 0: AWS moves its desired capacity from 2 to 0/);
        });

        it("(a) the capacity wait the provider does when a program keeps it: a drain waits for the size in state and fails", async () => {
            const s = stackOf("web");
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            // A group deployed with the provider's default wait (as this program did before).
            const group = byName(state, "aws:autoscaling/group:Group", "servers-group");
            group.inputs.waitForCapacityTimeout = "10m";
            group.outputs.waitForCapacityTimeout = "10m";
            const drained = { ...group.inputs, minSize: 0, maxSize: 0 };
            assert.throws(() => applyUpdate(group, drained, ["minSize", "maxSize"], state), (err: Error) => err instanceof AwsRejection && err.message ===
                `Error: waiting for Auto Scaling Group (${group.id}) capacity satisfied: want exactly 2 healthy instance(s) in Auto Scaling Group, have 0 (AWS set the group to 0; the wait fails after wait_for_capacity_timeout 10m)`);
            // Raising min above the size in state is what the wait can see through.
            assert.equal(applyUpdate(group, { ...group.inputs, minSize: 3 }, ["minSize"], state).outputs.desiredCapacity, 3);
            // The program's "0" turns every wait off, this update's included.
            assert.equal(applyUpdate(group, { ...drained, waitForCapacityTimeout: "0" }, ["minSize", "maxSize", "waitForCapacityTimeout"], state).outputs.desiredCapacity, 0);
        });

        it("(b) changing a schedule replaces it, deleting the old action first: an update would send the start time AWS stored, now in the past", async () => {
            const night = { name: "night", recurrence: "0 20 * * *", timeZone: "Asia/Seoul", max: 2 };
            const s = webWith({ schedules: [night] });
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            const schedule = byName(state, "aws:autoscaling/schedule:Schedule", "servers-schedule-night");
            assert.match(String(schedule.outputs.startTime), /^\d{4}-\d\d-\d\dT11:00:00Z$/);
            // The action has run since: its start time is in the past.
            schedule.outputs.startTime = "2026-01-01T11:00:00Z";
            const run = await plan(webWith({ schedules: [{ ...night, max: 3 }] }), state);
            assert.deepEqual(changes(run), ["replace servers-schedule-night"]);
            const replaced = step(run, "aws:autoscaling/schedule:Schedule", "servers-schedule-night");
            assert.deepEqual(replaced.diffs.map(d => [d.path, d.old, d.new, d.replaces, d.source]), [["maxSize", 2, 3, true, "replaceOnChanges"]]);
            assert.equal(replaced.notes[0], "deletes the old one first, then creates the new one");
            assert.deepEqual(run.deployment.refusals, []);
            // What the provider would have done with an update: AWS refuses it.
            assert.throws(() => applyUpdate(schedule, { ...schedule.inputs, maxSize: 3 }, ["maxSize"], state), (err: Error) => err instanceof AwsRejection &&
                err.message === `ValidationError: Given start time is in the past (scheduled action night: startTime 2026-01-01T11:00:00Z, the first run AWS computed, is sent again with every update)`);
        });

        it("(d) adding and removing instanceTypes and spot changes only the mixed instances policy, in place, and AWS accepts the instance refresh", async () => {
            const s = stackOf("web");
            const base = await firstPlan(s);
            const mixed = await plan(webWith({ instanceTypes: ["t3a.small"], spot: { onDemandBase: 1, onDemandPercentAboveBase: 0 } }), stateOf(s, base, true));
            assert.deepEqual(changes(mixed), ["update servers-group"]);
            assert.deepEqual(step(mixed, "aws:autoscaling/group:Group", "servers-group").diffs.map(d => d.path), [
                "capacityRebalance",
                "mixedInstancesPolicy.instancesDistribution.onDemandBaseCapacity",
                "mixedInstancesPolicy.instancesDistribution.onDemandPercentageAboveBaseCapacity",
                "mixedInstancesPolicy.instancesDistribution.spotAllocationStrategy",
                "mixedInstancesPolicy.launchTemplate.overrides",
            ]);
            assert.deepEqual(mixed.deployment.refusals, []);
            const back = await plan(stackOf("web"), mixed.deployment.afterRefresh());
            assert.deepEqual(changes(back), ["update servers-group"]);
            assert.deepEqual(back.deployment.refusals, []);
        });

        it("(d) a group deployed with launchTemplate that moves to mixedInstancesPolicy: AWS refuses the instance refresh, and the plan says how to converge", async () => {
            const s = stackOf("web");
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            const group = byName(state, "aws:autoscaling/group:Group", "servers-group");
            // The form this program used before: launchTemplate, with the mixed instances policy never set.
            const spec = (group.outputs.mixedInstancesPolicy as { launchTemplate: { launchTemplateSpecification: { launchTemplateId: string; version: string } } }).launchTemplate.launchTemplateSpecification;
            group.inputs = { ...group.inputs, launchTemplate: { id: spec.launchTemplateId, version: spec.version } };
            delete group.inputs.mixedInstancesPolicy;
            group.outputs = { ...group.outputs, launchTemplate: { id: spec.launchTemplateId, name: "servers-template", version: spec.version } };
            delete group.outputs.mixedInstancesPolicy;
            const run = await plan(s, state);
            assert.deepEqual(changes(run), ["update servers-group"]);
            assert.deepEqual(run.deployment.refusals.map(r => r.message.split(":")[0]), ["ValidationError"]);
            assert.match(run.deployment.refusals[0].message, /StartInstanceRefresh gets a DesiredConfiguration with both a LaunchTemplate and a MixedInstancesPolicy/);
            assert.match(run.deployment.refusals[0].message, /The group is left in its new form, and the provider reports that state with the error \(the engine stores it\), so the next `pulumi up` converges$/);
        });

        it("(e) raising availabilityZones moves server-2 to the new zone: a NEW, EMPTY data volume, and the plan says where the old one stays", async () => {
            const vols = { "ec2-server:instanceCount": "3", "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }]) };
            const s = stackOf("dev", vols);
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            const old = byName(state, "aws:ebs/volume:Volume", "server-2-data");
            assert.equal(old.outputs.availabilityZone, "ap-northeast-2a");
            const run = await plan(stackOf("dev", { ...vols, "ec2-server:availabilityZones": "3" }), state);
            const volume = step(run, "aws:ebs/volume:Volume", "server-2-data");
            assert.equal(volume.op, "replace");
            assert.deepEqual(volume.notes, [
                "creates the new one, then deletes the old one",
                `DATA: a NEW, EMPTY volume in ap-northeast-2c replaces ${old.id}; ${old.id} stays in AWS with its data, detached, in ap-northeast-2a (retainOnDelete), outside the stack and still billed`,
                `its server moves from ap-northeast-2a to ap-northeast-2c (servers are spread round-robin over the zones, so a change of availabilityZones moves some) and an EBS volume cannot follow it to another zone (availabilityZone forces a new volume: terraform-provider-aws internal/service/ec2/ebs_volume.go). To keep the data, keep availabilityZones, or snapshot ${old.id} and give the snapshot as the volume's snapshotId`,
            ]);
            const attachment = step(run, "aws:ec2/volumeAttachment:VolumeAttachment", "server-2-data");
            assert.equal(attachment.notes[1], `detaches ${old.id} from ${byName(state, "aws:ec2/instance:Instance", "server-2").id} and attaches a NEW, EMPTY volume in its place: the server starts without the data on ${old.id}`);
            // Servers 0 and 1 keep their zones and their data.
            assert.equal(step(run, "aws:ebs/volume:Volume", "server-0-data").op, "same");
            assert.equal(step(run, "aws:ebs/volume:Volume", "server-1-data").op, "same");
        });

        it("a refresh reads the separate rules into a group's ingress and egress, and that is no change", async () => {
            const s = stackOf("dev");
            const base = await firstPlan(s);
            const state = stateOf(s, base, true);
            const sg = byName(state, "aws:ec2/securityGroup:SecurityGroup", "firewall-sg");
            assert.deepEqual(sg.outputs.ingress, [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.10/32"], ipv6CidrBlocks: [], prefixListIds: [], securityGroups: [], self: false, description: "SSH from 203.0.113.10/32" }]);
            assert.equal((sg.outputs.egress as unknown[]).length, 2);
            assert.equal("ingress" in sg.inputs, false);
            assert.deepEqual(changes(await plan(s, state)), []);
        });
    });
});
