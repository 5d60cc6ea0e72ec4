// offline/lifecycle.ts: the diff of the program's inputs against a resource's state, as the engine and the bridge
// compute it (ignoreChanges, the provider's old defaults, Optional+Computed attributes, force-new rows).
import * as assert from "node:assert/strict";
import { applyIgnoreChanges, diffResource, keepOldDefaults } from "../../offline/lifecycle";
import { byName, changes, firstPlan, plan, stackOf, stateOf } from "./day2";

describe("offline/lifecycle", () => {
    describe("a state the real engine wrote (pulumi-aws's Check filled in names, tests/e2e)", () => {
        it("an autoname the provider chose (`__defaults`) is kept when the program sets none: no change, not a replacement", async () => {
            const s = stackOf("web");
            const base = await firstPlan(s);
            const state = stateOf(s, base, false).map(r => {
                const name = typeof r.outputs.name === "string" ? r.outputs.name : undefined;
                // As pulumi-terraform-bridge's Check stores it: the autoname among the inputs, listed in __defaults.
                return name !== undefined && r.inputs.name === undefined && r.type.startsWith("aws:") && !r.type.startsWith("aws:iam/rolePolicyAttachment")
                    ? { ...r, inputs: { ...r.inputs, name, __defaults: ["name"] } }
                    : r;
            });
            const group = byName(state, "aws:autoscaling/group:Group", "servers-group");
            assert.deepEqual(group.inputs.__defaults, ["name"]);
            const run = await plan(s, state);
            assert.deepEqual(changes(run), []);
        });
    });

    describe("Optional+Computed attributes (the provider keeps what AWS reports when the program drops them)", () => {
        it("a whole block or a computed field dropped is no change; a field with a schema default dropped is one", () => {
            const tg = { type: "aws:lb/targetGroup:TargetGroup", inputs: { healthCheck: { interval: 15, path: "/" } }, outputs: { healthCheck: { interval: 15, path: "/" } } };
            assert.deepEqual(diffResource(tg, {}, { ignoreChanges: [], replaceOnChanges: [] }).changes, []);
            // health_check.interval has a Default (30): dropped, the provider plans the default.
            assert.deepEqual(diffResource(tg, { healthCheck: { path: "/" } }, { ignoreChanges: [], replaceOnChanges: [] }).changes.map(c => [c.path, c.kind]), [["healthCheck.interval", "delete"]]);
            const lt = { type: "aws:ec2/launchTemplate:LaunchTemplate", inputs: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { iops: 4000, volumeSize: 8 } }] }, outputs: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { iops: 4000, volumeSize: 8 } }] } };
            assert.deepEqual(diffResource(lt, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8 } }] }, { ignoreChanges: [], replaceOnChanges: [] }).changes, []);
        });
    });

    describe("ignoreChanges, old defaults and replacements", () => {
        it("ignoreChanges takes the old inputs' value of each path (without `*`), or removes it", () => {
            const news = { ami: "ami-new", tags: { Name: "a" }, list: [{ x: 1 }] };
            assert.deepEqual(applyIgnoreChanges(news, { ami: "ami-old", list: [{ x: 2 }] }, ["ami", "tags", "list[0].x", "list[*].y"]), { ami: "ami-old", list: [{ x: 2 }] });
        });

        it("the provider's old defaults (`__defaults`) stay when the program sets none", () => {
            assert.deepEqual(keepOldDefaults({ port: 80 }, { name: "tg-1a2b3c4", port: 80, __defaults: ["name"] }), { port: 80, name: "tg-1a2b3c4" });
            assert.deepEqual(keepOldDefaults({ name: "mine" }, { name: "tg-1a2b3c4", __defaults: ["name"] }), { name: "mine" });
        });

        it("a change covered by a force-new row replaces, with the row's source; replaceOnChanges replaces what it names", () => {
            const old = { type: "aws:ebs/volume:Volume", inputs: { availabilityZone: "ap-northeast-2a", size: 8 }, outputs: { availabilityZone: "ap-northeast-2a", size: 8 } };
            const moved = diffResource(old, { availabilityZone: "ap-northeast-2b", size: 8 }, { ignoreChanges: [], replaceOnChanges: [] });
            assert.deepEqual(moved.changes, [{ path: "availabilityZone", kind: "update", old: "ap-northeast-2a", new: "ap-northeast-2b", replaces: true, source: "terraform-provider-aws internal/service/ec2/ebs_volume.go (aws_ebs_volume schema)" }]);
            const grown = diffResource(old, { availabilityZone: "ap-northeast-2a", size: 9 }, { ignoreChanges: [], replaceOnChanges: ["size"] });
            assert.deepEqual([grown.replace, grown.changes[0].source], [true, "replaceOnChanges"]);
        });
    });
});
