/**
 * Day-2 changes through the real Pulumi CLI against the simulated AWS: the operation the real engine plans for
 * every resource (`preview --json`), what `up` then does to the simulated account, and the offline engine's plan
 * against the same real state, which must show the same operation for every resource.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { AMI_ALIASES } from "../../lib/aws-facts";
import { AwsModel, PINNED_IMAGES } from "../../offline/aws/model";
import { assertConformance, changes, nameOf, Preview, SimStack, stackConfig } from "./harness";

const AL2023 = AMI_ALIASES.al2023.parameter;
const model = new AwsModel({ region: "ap-northeast-2" });
const AL2023_NOW = model.publishedId(AL2023, 0);
const AL2023_NEXT = model.publishedId(AL2023, 1);
const INSTANCE = "aws:ec2/instance:Instance";

function volumes(names: string[]): Record<string, string> {
    return { "ec2-server:dataVolumes": JSON.stringify(names.map((name, i) => ({ name, sizeGiB: 10, deviceName: `/dev/sd${"fgh"[i]}` }))) };
}

/** A stack brought up and refreshed with `base`, then given `next`: the real engine's preview of it. */
function deployed(stack: string, base: Record<string, string>): SimStack {
    const s = new SimStack(stack, stackConfig(stack, base));
    const up = s.up();
    assert.equal(up.status, 0, `up failed:\n${up.stdout}\n${up.stderr}`);
    s.refresh();
    return s;
}

function previewOf(s: SimStack, config: Record<string, unknown>): Preview {
    s.setConfig(config);
    const { run, preview } = s.preview();
    assert.ok(preview, `preview --json printed no JSON (${run.status}):\n${run.stdout}\n${run.stderr}`);
    return preview;
}

function accountResource(s: SimStack, type: string, name: string) {
    const r = s.account().resources.find(x => x.type === type && x.name === name);
    assert.ok(r, `no ${type} ${name} in the simulated account`);
    return r;
}

function upOk(s: SimStack): void {
    const up = s.up();
    assert.equal(up.status, 0, `up failed:\n${up.stdout}\n${up.stderr}`);
}

describe("e2e: changes plan and apply what the engine and AWS do (real CLI, simulated AWS)", () => {
    it("instance type: an update in place", async () => {
        const s = deployed("dev", {});
        try {
            const config = stackConfig("dev", { "ec2-server:instanceType": "t3.small" });
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["update server-0"]);
            assert.deepEqual(preview.steps.find(x => x.op === "update")!.detailedDiff, { instanceType: { kind: "update", inputDiff: true } });
            await assertConformance(s, config, preview);
            const before = accountResource(s, INSTANCE, "server-0").id;
            upOk(s);
            const after = accountResource(s, INSTANCE, "server-0");
            assert.equal(after.id, before);
            assert.equal(after.outputs.instanceType, "t3.small");
        } finally {
            s.dispose();
        }
    });

    it("a pinned AMI changed: the server is replaced, its data volume is detached and attached to the new one, and kept", async () => {
        const s = deployed("dev", { ...volumes(["data"]), "ec2-server:ami": PINNED_IMAGES[0].id });
        try {
            const config = stackConfig("dev", { ...volumes(["data"]), "ec2-server:ami": AL2023_NOW });
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["replace server-0", "replace server-0-data"]);
            assert.deepEqual(preview.steps.find(x => x.op === "replace" && nameOf(x.urn) === "server-0")!.detailedDiff, { ami: { kind: "update-replace", inputDiff: true } });
            await assertConformance(s, config, preview);
            const volume = accountResource(s, "aws:ebs/volume:Volume", "server-0-data").id;
            const oldServer = accountResource(s, INSTANCE, "server-0").id;
            upOk(s);
            const server = accountResource(s, INSTANCE, "server-0");
            assert.notEqual(server.id, oldServer);
            assert.equal(server.outputs.ami, AL2023_NOW);
            assert.equal(accountResource(s, "aws:ebs/volume:Volume", "server-0-data").id, volume);
            assert.equal(accountResource(s, "aws:ec2/volumeAttachment:VolumeAttachment", "server-0-data").outputs.instanceId, server.id);
            assert.equal(s.account().resources.filter(r => r.type === INSTANCE).length, 1);
        } finally {
            s.dispose();
        }
    });

    it("a newer image behind the alias: no change (ignoreChanges on ami)", async () => {
        const s = deployed("dev", {});
        try {
            s.changeAws(a => {
                a.imageReleases = { [AL2023]: 1 };
            });
            const config = stackConfig("dev", {});
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), []);
            await assertConformance(s, config, preview);
            upOk(s);
            assert.equal(accountResource(s, INSTANCE, "server-0").outputs.ami, AL2023_NOW);
        } finally {
            s.dispose();
        }
    });

    it("on an alias, a server replaced for another reason (a new key) boots the alias's newest image: ignoreChanges does not reach a replacement", async () => {
        const s = deployed("dev", {});
        try {
            s.changeAws(a => {
                a.imageReleases = { [AL2023]: 1 };
            });
            const config = stackConfig("dev", { "ec2-server:keyAlgorithm": "RSA" });
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["replace ssh-private-key", "replace ssh-key-pair", "replace server-0"]);
            const server = preview.steps.find(x => x.op === "replace" && nameOf(x.urn) === "server-0")!;
            // The engine's diff does not list ami; the replacement's inputs carry the new image all the same.
            assert.deepEqual(server.detailedDiff, { keyName: { kind: "update-replace", inputDiff: true } });
            assert.equal(server.newState?.inputs?.ami, AL2023_NEXT);
            const offline = await assertConformance(s, config, preview);
            const step = offline.deployment.steps.find(x => x.type === INSTANCE && x.name === "server-0")!;
            assert.ok(step.notes.includes(`ami: the replacement is created with the program's "${AL2023_NEXT}", not the "${AL2023_NOW}" that ignoreChanges kept: ignoreChanges does not reach a replacement, and \`pulumi preview\` does not list this change (pulumi/pulumi pkg/resource/deploy/step_generator.go continueStepsFromDiff)`), step.notes.join("\n"));
            upOk(s);
            assert.equal(accountResource(s, INSTANCE, "server-0").outputs.ami, AL2023_NEXT);
        } finally {
            s.dispose();
        }
    });

    it("`pulumi up --replace` on an alias server boots the alias's newest image too (a targeted replace checks the program's inputs)", () => {
        const s = deployed("dev", {});
        try {
            s.changeAws(a => {
                a.imageReleases = { [AL2023]: 1 };
            });
            const urn = s.state().find(r => r.type === INSTANCE)!.urn;
            const up = s.up(["--replace", urn]);
            assert.equal(up.status, 0, up.stdout);
            assert.equal(accountResource(s, INSTANCE, "server-0").outputs.ami, AL2023_NEXT);
        } finally {
            s.dispose();
        }
    });

    it("a data volume removed: its attachment is deleted and the volume is retained in AWS (retainOnDelete)", async () => {
        const s = deployed("dev", volumes(["data", "logs"]));
        try {
            const config = stackConfig("dev", volumes(["data"]));
            const preview = previewOf(s, config);
            assert.deepEqual(preview.steps.filter(x => x.op !== "same").map(x => `${x.op} ${x.urn.split("::")[2].split("$").pop()} ${nameOf(x.urn)}`), [
                "delete aws:ec2/volumeAttachment:VolumeAttachment server-0-logs",
                "delete aws:ebs/volume:Volume server-0-logs",
            ]);
            await assertConformance(s, config, preview);
            const logs = accountResource(s, "aws:ebs/volume:Volume", "server-0-logs").id;
            upOk(s);
            assert.equal(accountResource(s, "aws:ebs/volume:Volume", "server-0-logs").id, logs);
            assert.equal(s.account().resources.some(r => r.type === "aws:ec2/volumeAttachment:VolumeAttachment" && r.name === "server-0-logs"), false);
            assert.equal(s.state().some(r => r.urn.endsWith("::server-0-logs")), false);
        } finally {
            s.dispose();
        }
    });

    it("instanceCount 3 → 2: the third server is terminated, the others are untouched", async () => {
        const s = deployed("dev", { "ec2-server:instanceCount": "3" });
        try {
            const config = stackConfig("dev", { "ec2-server:instanceCount": "2" });
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["delete server-2"]);
            await assertConformance(s, config, preview);
            upOk(s);
            assert.deepEqual(s.account().resources.filter(r => r.type === INSTANCE).map(r => r.name).sort(), ["server-0", "server-1"]);
        } finally {
            s.dispose();
        }
    });

    it("termination protection and a replacement: refused by the engine before anything is created, preview and up alike", async () => {
        const s = deployed("dev", { "ec2-server:terminationProtection": "true" });
        try {
            const config = stackConfig("dev", { "ec2-server:terminationProtection": "true", "ec2-server:ami": PINNED_IMAGES[0].id });
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["replace server-0"]);
            const refusal = `unable to replace resource "${s.state().find(r => r.type === INSTANCE)!.urn}"\nas it is currently marked for protection.`;
            assert.ok(preview.diagnostics?.some(d => d.severity === "error" && d.message.includes(refusal)), JSON.stringify(preview.diagnostics));
            assert.equal(s.preview().run.status, 1);
            const offline = await assertConformance(s, config, preview);
            assert.deepEqual(offline.deployment.refusals.map(r => r.message.split(" To unprotect")[0]), [refusal]);
            const before = JSON.stringify(s.account().resources);
            const up = s.up();
            assert.equal(up.status, 1, up.stdout);
            assert.match(up.stdout, /unable to replace resource/);
            assert.equal(JSON.stringify(s.account().resources), before, "the refused up changed the simulated account");
        } finally {
            s.dispose();
        }
    });

    it("a launch template change: a new template version and an in-place group update (its instance refresh), never a new group", async () => {
        const s = deployed("web", {});
        try {
            const config = stackConfig("web", { "ec2-server:instanceType": "t3.medium" });
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["update servers-template", "update servers-group"]);
            assert.deepEqual(preview.steps.find(x => nameOf(x.urn) === "servers-group")!.detailedDiff, {
                "mixedInstancesPolicy.launchTemplate.launchTemplateSpecification.version": { kind: "update", inputDiff: true },
                "mixedInstancesPolicy.launchTemplate.overrides[0].instanceType": { kind: "update", inputDiff: true },
            });
            await assertConformance(s, config, preview);
            const group = accountResource(s, "aws:autoscaling/group:Group", "servers-group").id;
            upOk(s);
            assert.equal(accountResource(s, "aws:ec2/launchTemplate:LaunchTemplate", "servers-template").outputs.latestVersion, 2);
            const after = accountResource(s, "aws:autoscaling/group:Group", "servers-group");
            assert.equal(after.id, group);
            const template = accountResource(s, "aws:ec2/launchTemplate:LaunchTemplate", "servers-template");
            assert.deepEqual((after.outputs.mixedInstancesPolicy as { launchTemplate: unknown }).launchTemplate, {
                launchTemplateSpecification: { launchTemplateId: template.id, launchTemplateName: template.outputs.name, version: "2" },
                overrides: [{ instanceType: "t3.medium" }],
            });
        } finally {
            s.dispose();
        }
    });

    it("draining web (min 0, max 0), even after AWS scaled it out unseen: an in-place update that waits for no capacity, and AWS drains the group", async () => {
        const s = deployed("web", {});
        try {
            s.changeAws(a => {
                a.resources.find(r => r.type === "aws:autoscaling/group:Group")!.outputs.desiredCapacity = 4;
            });
            const config = stackConfig("web", { "ec2-server:autoScaling": JSON.stringify({ min: 0, max: 0, cpuTarget: 50 }) });
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["update servers-group"]);
            assert.deepEqual(preview.steps.find(x => x.op === "update")!.detailedDiff, { maxSize: { kind: "update", inputDiff: true }, minSize: { kind: "update", inputDiff: true } });
            await assertConformance(s, config, preview);
            upOk(s);
            const group = accountResource(s, "aws:autoscaling/group:Group", "servers-group");
            assert.deepEqual([group.outputs.minSize, group.outputs.maxSize, group.outputs.desiredCapacity], [0, 0, 0]);
        } finally {
            s.dispose();
        }
    });

    it("changing a schedule whose first run has passed: the action is replaced, the old one deleted first, and AWS computes a new start", async () => {
        const schedules = (max: number) => ({ "ec2-server:autoScaling": JSON.stringify({ min: 2, max: 6, cpuTarget: 50, schedules: [{ name: "night", recurrence: "0 20 * * *", timeZone: "Asia/Seoul", max }] }) });
        const s = deployed("web", schedules(2));
        try {
            // Time has passed: the first run AWS computed is behind us.
            s.changeAws(a => {
                a.resources.find(r => r.type === "aws:autoscaling/schedule:Schedule")!.outputs.startTime = "2026-01-01T11:00:00Z";
            });
            s.refresh();
            assert.equal(s.state().find(r => r.type === "aws:autoscaling/schedule:Schedule")!.outputs.startTime, "2026-01-01T11:00:00Z");
            const config = stackConfig("web", schedules(3));
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["replace servers-schedule-night"]);
            await assertConformance(s, config, preview);
            upOk(s);
            // Deleted before its replacement was created: created first, the new action (same name) would have been
            // overwritten by PutScheduledUpdateGroupAction and then deleted with the old one, leaving none.
            const actions = s.account().resources.filter(r => r.type === "aws:autoscaling/schedule:Schedule");
            assert.equal(actions.length, 1);
            assert.equal(actions[0].outputs.maxSize, 3);
            assert.ok(new Date(String(actions[0].outputs.startTime)).getTime() > Date.now(), String(actions[0].outputs.startTime));
        } finally {
            s.dispose();
        }
    });

    it("removing instanceTypes and Spot: the mixed instances policy changes in place and the instance refresh starts", async () => {
        const mixed = { "ec2-server:autoScaling": JSON.stringify({ min: 2, max: 6, cpuTarget: 50, instanceTypes: ["t3a.small"], spot: { onDemandBase: 1, onDemandPercentAboveBase: 0 } }) };
        const s = deployed("web", mixed);
        try {
            const config = stackConfig("web", {});
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["update servers-group"]);
            await assertConformance(s, config, preview);
            const group = accountResource(s, "aws:autoscaling/group:Group", "servers-group").id;
            upOk(s);
            const after = accountResource(s, "aws:autoscaling/group:Group", "servers-group");
            assert.equal(after.id, group);
            assert.deepEqual((after.outputs.mixedInstancesPolicy as { launchTemplate: { overrides: unknown[] } }).launchTemplate.overrides, [{ instanceType: "t3.small" }]);
            assert.equal("launchTemplate" in after.outputs, false);
        } finally {
            s.dispose();
        }
    });

    it("availabilityZones 2 → 3 with data volumes: server-2 moves zone and starts with a NEW, EMPTY volume; the old one stays in AWS with its data", async () => {
        const base = { "ec2-server:instanceCount": "3", ...volumes(["data"]) };
        const s = deployed("dev", base);
        try {
            const old = accountResource(s, "aws:ebs/volume:Volume", "server-2-data");
            assert.equal(old.outputs.availabilityZone, "ap-northeast-2a");
            const config = stackConfig("dev", { ...base, "ec2-server:availabilityZones": "3" });
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview).filter(c => c.includes("server-")).sort(), ["replace server-2", "replace server-2-data", "replace server-2-data"]);
            const volume = preview.steps.find(x => x.op === "replace" && x.urn.includes("aws:ebs/volume:Volume"))!;
            assert.deepEqual(volume.detailedDiff, { availabilityZone: { kind: "update-replace", inputDiff: true } });
            const offline = await assertConformance(s, config, preview);
            const notes = offline.deployment.steps.find(x => x.type === "aws:ebs/volume:Volume" && x.name === "server-2-data")!.notes;
            assert.match(notes[1], new RegExp(`^DATA: a NEW, EMPTY volume in ap-northeast-2c replaces ${old.id}; ${old.id} stays in AWS with its data, detached, in ap-northeast-2a`));
            upOk(s);
            const volumes2 = s.account().resources.filter(r => r.type === "aws:ebs/volume:Volume" && r.name === "server-2-data");
            assert.deepEqual(volumes2.map(v => [v.id === old.id, v.outputs.availabilityZone]).sort(), [[false, "ap-northeast-2c"], [true, "ap-northeast-2a"]]);
            const attachment = accountResource(s, "aws:ec2/volumeAttachment:VolumeAttachment", "server-2-data");
            assert.notEqual(attachment.outputs.volumeId, old.id);
        } finally {
            s.dispose();
        }
    });

    it("a group deployed with launchTemplate (as before the mixed instances policy was its one form): the first up fails at the instance refresh, as AWS does, and the next converges", async () => {
        const s = deployed("web", {});
        try {
            // Make the deployed group the old form, in AWS and in the state.
            const toOldForm = (r: { outputs: Record<string, unknown>; inputs: Record<string, unknown> }) => {
                const spec = (r.outputs.mixedInstancesPolicy as { launchTemplate: { launchTemplateSpecification: { launchTemplateId: string; launchTemplateName: string; version: string } } }).launchTemplate.launchTemplateSpecification;
                r.outputs.launchTemplate = { id: spec.launchTemplateId, name: spec.launchTemplateName, version: spec.version };
                r.inputs.launchTemplate = { id: spec.launchTemplateId, version: spec.version };
                delete r.outputs.mixedInstancesPolicy;
                delete r.inputs.mixedInstancesPolicy;
            };
            s.changeAws(a => toOldForm(a.resources.find(r => r.type === "aws:autoscaling/group:Group")!));
            const doc = s.exportDoc() as { deployment: { resources: { type: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[] } };
            toOldForm(doc.deployment.resources.find(r => r.type === "aws:autoscaling/group:Group")!);
            const file = `${s.dir}/old-form.json`;
            fs.writeFileSync(file, JSON.stringify(doc));
            s.must(["stack", "import", "--stack", s.stack, "--file", file]);
            const config = stackConfig("web", {});
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), ["update servers-group"]);
            const offline = await assertConformance(s, config, preview);
            assert.match(offline.deployment.refusals[0]?.message ?? "", /^ValidationError: the group servers-group-[0-9a-f]{7} is updated, then StartInstanceRefresh gets a DesiredConfiguration with both/);
            const failed = s.up();
            assert.notEqual(failed.status, 0);
            assert.match(failed.stdout, /StartInstanceRefresh gets a DesiredConfiguration with both a LaunchTemplate and a MixedInstancesPolicy/);
            // AWS switched the group before the refresh failed; the state the up stored says so.
            assert.equal("launchTemplate" in accountResource(s, "aws:autoscaling/group:Group", "servers-group").outputs, false);
            upOk(s);
            const { run } = s.preview(["--expect-no-changes"]);
            assert.equal(run.status, 0, run.stdout);
        } finally {
            s.dispose();
        }
    });

    it("a scale-out by AWS (desired capacity 2 → 4) is no change after a refresh: the group owns its size", async () => {
        const s = deployed("web", {});
        try {
            s.changeAws(a => {
                a.resources.find(r => r.type === "aws:autoscaling/group:Group")!.outputs.desiredCapacity = 4;
            });
            s.refresh();
            assert.equal(s.state().find(r => r.type === "aws:autoscaling/group:Group")!.outputs.desiredCapacity, 4);
            const config = stackConfig("web", {});
            const preview = previewOf(s, config);
            assert.deepEqual(changes(preview), []);
            await assertConformance(s, config, preview);
        } finally {
            s.dispose();
        }
    });
});
