// policy/lib/autoscaling.ts: targetsGroup (whether a standalone Attachment or TrafficSourceAttachment is for a given
// Auto Scaling group, by known name or, in preview, by the SDK's property dependencies) and stringSet (the known
// subnets or zones of a list property, comma-joined items split, plus how many are unknown).
import * as assert from "node:assert/strict";
import { PolicyResource } from "@pulumi/policy";
import { stringSet, targetsGroup } from "../../../policy/lib/autoscaling";
import { T } from "../../../policy/lib/types";
import { get, UNKNOWN } from "../../../policy/lib/unknown";
import { asSdkProps, UNKNOWN as ENGINE_UNKNOWN, urnOf } from "../helpers";

/** A stack resource as AnalyzeStack hands it to a stack policy: props through the SDK's proxy. */
function resource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, PolicyResource[]> = {}, dependencies: PolicyResource[] = []): PolicyResource {
    return {
        type,
        name,
        urn: urnOf(type, name),
        props: asSdkProps(props),
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        dependencies,
        propertyDependencies,
        isType: () => false,
        asType: () => undefined,
    } as PolicyResource;
}

const group = (name: unknown, resourceName = "web") => resource(T.AutoScalingGroup, resourceName, name === undefined ? {} : { name });
const attachment = (autoscalingGroupName: unknown, propertyDependencies: Record<string, PolicyResource[]> = {}, dependencies: PolicyResource[] = []) =>
    resource(T.AutoScalingAttachment, "attach", autoscalingGroupName === undefined ? { lbTargetGroupArn: "arn:tg" } : { autoscalingGroupName, lbTargetGroupArn: "arn:tg" },
        propertyDependencies, dependencies);

describe("policy/lib/autoscaling", () => {
    describe("targetsGroup", () => {
        it("matches when the attachment's autoscalingGroupName equals the group's name, white space around either ignored", () => {
            assert.equal(targetsGroup(attachment("web-asg"), group("web-asg")), true);
            assert.equal(targetsGroup(attachment(" web-asg "), group("web-asg")), true);
            assert.equal(targetsGroup(attachment("web-asg"), group("web-asg\n")), true);
            const trafficSource = resource(T.AutoScalingTrafficSourceAttachment, "ts", { autoscalingGroupName: "web-asg", trafficSource: { identifier: "arn:tg", type: "elbv2" } });
            assert.equal(targetsGroup(trafficSource, group("web-asg")), true);
        });

        it("does not match another group's name", () => {
            assert.equal(targetsGroup(attachment("web-asg"), group("api-asg")), false);
            assert.equal(targetsGroup(attachment("web-asg"), group("web-asg-2")), false);
        });

        it("in preview, an unknown name matches through propertyDependencies.autoscalingGroupName only", () => {
            const web = group(ENGINE_UNKNOWN);
            const api = group(ENGINE_UNKNOWN, "api");
            assert.equal(targetsGroup(attachment(ENGINE_UNKNOWN, { autoscalingGroupName: [web] }), web), true);
            assert.equal(targetsGroup(attachment(ENGINE_UNKNOWN, { autoscalingGroupName: [web] }), api), false);
            assert.equal(targetsGroup(attachment(ENGINE_UNKNOWN, { autoscalingGroupName: [api, web] }), web), true);
            // Whether the group's own name is known does not matter: only the recorded dependency does.
            const named = group("web-asg", "named");
            assert.equal(targetsGroup(attachment(ENGINE_UNKNOWN, { autoscalingGroupName: [named] }), named), true);
            assert.equal(targetsGroup(attachment(ENGINE_UNKNOWN, { autoscalingGroupName: [api] }), named), false);
        });

        it("an unknown name with no recorded dependency matches nothing, nor do dependencies of other properties or of the resource", () => {
            const web = group(ENGINE_UNKNOWN);
            assert.equal(targetsGroup(attachment(ENGINE_UNKNOWN), web), false);
            assert.equal(targetsGroup(attachment(ENGINE_UNKNOWN, { lbTargetGroupArn: [web] }), web), false);
            assert.equal(targetsGroup(attachment(ENGINE_UNKNOWN, {}, [web]), web), false);
            assert.equal(targetsGroup(attachment("web-asg"), web), false);
        });

        it("two missing names are not a match", () => {
            assert.equal(targetsGroup(attachment(undefined), group(undefined)), false);
        });

        it("a resource without propertyDependencies (an older SDK) is no match, not an error", () => {
            const bare = { ...attachment(ENGINE_UNKNOWN), propertyDependencies: undefined } as unknown as PolicyResource;
            assert.equal(targetsGroup(bare, group(ENGINE_UNKNOWN)), false);
        });
    });

    describe("stringSet", () => {
        const of = (value: unknown) => stringSet(get(asSdkProps({ value }), "value"));

        it("the known strings, in first-seen order, de-duplicated", () => {
            assert.deepEqual(of(["subnet-a", "subnet-b"]), { known: ["subnet-a", "subnet-b"], unknown: 0 });
            assert.deepEqual(of(["us-east-1a", "us-east-1a"]), { known: ["us-east-1a"], unknown: 0 });
        });

        it('splits comma-joined items and trims them: "subnet-a,subnet-b" is two subnets', () => {
            assert.deepEqual(of(["subnet-a,subnet-b", " subnet-b ", "subnet-c , subnet-a"]), { known: ["subnet-a", "subnet-b", "subnet-c"], unknown: 0 });
        });

        it("leaves out empty parts and items that are no strings", () => {
            assert.deepEqual(of(["", " , ", 7, null, "subnet-a,,"]), { known: ["subnet-a"], unknown: 0 });
        });

        it("counts unknown elements, each one, however many known ones there are", () => {
            assert.deepEqual(of(["subnet-a", ENGINE_UNKNOWN]), { known: ["subnet-a"], unknown: 1 });
            assert.deepEqual(of([ENGINE_UNKNOWN, ENGINE_UNKNOWN]), { known: [], unknown: 2 });
        });

        it("UNKNOWN when the whole list is unknown", () => {
            assert.equal(of(ENGINE_UNKNOWN), UNKNOWN);
            assert.equal(stringSet(UNKNOWN), UNKNOWN);
        });

        it("an absent or empty list, or one that is no list, is empty", () => {
            assert.deepEqual(of(undefined), { known: [], unknown: 0 });
            assert.deepEqual(of([]), { known: [], unknown: 0 });
            assert.deepEqual(stringSet("subnet-a"), { known: [], unknown: 0 });
        });
    });
});
