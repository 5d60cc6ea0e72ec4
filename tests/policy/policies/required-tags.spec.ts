import * as assert from "node:assert/strict";
import { requiredTags as policy } from "../../../policy/policies/required-tags";
import { T } from "../../../policy/lib/types";
import { awsProvider, ProviderInput, UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX = "Set them in this resource's tags, or in the AWS provider's defaultTags (aws:defaultTags in the stack config) to tag every resource at once.";

const check = (tags: unknown, opts: { type?: string; provider?: ProviderInput; config?: Record<string, unknown> } = {}) =>
    validateResource(policy, { type: opts.type ?? T.Instance, props: { ami: "ami-1", tags }, provider: opts.provider, config: opts.config });

const STRICT = { requiredTags: ["Name", "Environment"] };

const GROUP_FIX = "Add them to this Auto Scaling group's tags as { key, value, propagateAtLaunch: true }: provider defaultTags do not reach Auto Scaling groups.";
const notPropagated = (keys: string) =>
    `Required tags not propagated to the instances this group launches: ${keys}. Set propagateAtLaunch: true on them; provider defaultTags do not reach those instances either.`;
const tag = (key: string, value: unknown, propagateAtLaunch: unknown = true) => ({ key, value, propagateAtLaunch });
/** An Auto Scaling group with the given tags list. */
const group = (tags: unknown, opts: { provider?: ProviderInput; config?: Record<string, unknown> } = {}) =>
    validateResource(policy, {
        type: T.AutoScalingGroup,
        props: { minSize: 1, maxSize: 2, vpcZoneIdentifiers: ["subnet-a", "subnet-b"], launchTemplate: { id: "lt-1" }, tags },
        provider: opts.provider,
        config: opts.config,
    });
const specFix = (i: number, type: string, problems: string) =>
    `tagSpecifications[${i}] (resourceType "${type}"): required tags ${problems}. Every ${type} launched from this template gets only these tags ` +
    "(provider defaultTags and Auto Scaling group tags do not reach it): add the keys to this tag specification.";
/** A launch template with its own tags and the given tag specifications. */
const template = (tagSpecifications: unknown, opts: { tags?: unknown; provider?: ProviderInput; config?: Record<string, unknown> } = {}) =>
    validateResource(policy, {
        type: T.LaunchTemplate,
        props: { imageId: "ami-1", tags: "tags" in opts ? opts.tags : { Name: "web" }, tagSpecifications },
        provider: opts.provider,
        config: opts.config,
    });

describe("required-tags", () => {
    it("#1 compliant: Name on the resource (the default requirement)", async () => {
        assert.deepEqual(await check({ Name: "web" }), []);
        assert.deepEqual(policy.configSchema?.properties["requiredTags"]?.default, ["Name"]);
    });
    it("#2 Name missing", async () => {
        assert.deepEqual(await check(undefined), [`Required tags missing: Name. ${FIX}`]);
        assert.deepEqual(await check({ Project: "ec2-server" }), [`Required tags missing: Name. ${FIX}`]);
    });
    it("#3 tag keys are case-sensitive", async () => {
        assert.deepEqual(await check({ name: "web" }), [`Required tags missing: Name. ${FIX}`]);
    });
    it("#4 an empty value does not count, a null value is absent", async () => {
        assert.deepEqual(await check({ Name: " " }), [`Required tags empty: Name. ${FIX}`]);
        assert.deepEqual(await check({ Name: null }), [`Required tags missing: Name. ${FIX}`]);
    });
    it("#5 provider defaultTags as an object satisfy the requirement", async () => {
        assert.deepEqual(await check(undefined, { provider: awsProvider({ region: "ap-northeast-2", defaultTags: { tags: { Name: "stack" } } }) }), []);
    });
    it("#6 provider defaultTags as the JSON string the Node.js provider sends", async () => {
        assert.deepEqual(await check({}, { provider: awsProvider({ defaultTags: JSON.stringify({ tags: { Name: "stack" } }) }) }), []);
    });
    it("#7 config: resource and provider tags combine; the missing ones are listed", async () => {
        const provider = awsProvider({ defaultTags: { tags: { Environment: "prod" } } });
        assert.deepEqual(await check({ Name: "web" }, { provider, config: STRICT }), []);
        assert.deepEqual(await check({}, { provider, config: STRICT }), [`Required tags missing: Name. ${FIX}`]);
        assert.deepEqual(await check({ Name: "web" }, { config: { requiredTags: ["Name", "Environment", "Owner"] } }), [
            `Required tags missing: Environment, Owner. ${FIX}`,
        ]);
    });
    it("#8 a resource tag overrides the default tag of the same key (as in tagsAll)", async () => {
        const provider = awsProvider({ defaultTags: { tags: { Name: "stack" } } });
        assert.deepEqual(await check({ Name: "" }, { provider }), [`Required tags empty: Name. ${FIX}`]);
    });
    it("#9 missing and empty together", async () => {
        assert.deepEqual(await check({ Name: "" }, { config: STRICT }), [`Required tags missing: Environment; empty: Name. ${FIX}`]);
    });
    it("#10 config: an empty list requires nothing", async () => {
        assert.deepEqual(await check(undefined, { config: { requiredTags: [] } }), []);
    });
    it("#11 taggable types are checked whether or not they set tags; other aws types only when they set tags", async () => {
        assert.deepEqual(await check(undefined, { type: "aws:ec2/vpc:Vpc" }), [`Required tags missing: Name. ${FIX}`]);
        assert.deepEqual(await check({}, { type: "aws:lambda/function:Function" }), [`Required tags missing: Name. ${FIX}`]);
        assert.deepEqual(await check({ Name: "fn" }, { type: "aws:lambda/function:Function" }), []);
    });
    it("#12 non-taggable resources, components and providers are not applicable", async () => {
        for (const type of ["aws:ec2/route:Route", "aws:ec2/securityGroupRule:SecurityGroupRule", "ec2-server:network:Network", "pulumi:providers:aws"]) {
            const outcome = await validateResourceDetailed(policy, { type, props: {} });
            assert.deepEqual(outcome, { messages: [], notApplicable: "not a taggable AWS resource" }, type);
        }
    });
    it("#13 unknown tags map: not reported", async () => {
        assert.deepEqual(await check(UNKNOWN), []);
    });
    it("#14 an unknown tag value counts as set", async () => {
        assert.deepEqual(await check({ Name: UNKNOWN }), []);
    });
    it("#15 unknown default tags: not reported when the resource lacks a key, no effect when it has them all", async () => {
        assert.deepEqual(await check({}, { provider: awsProvider({ defaultTags: UNKNOWN }) }), []);
        assert.deepEqual(await check({ Name: "" }, { provider: awsProvider({ defaultTags: UNKNOWN }) }), [`Required tags empty: Name. ${FIX}`]);
        assert.deepEqual(await check({ Name: "web" }, { provider: awsProvider({ defaultTags: { tags: UNKNOWN } }) }), []);
    });
    it("#16 unparsable or empty default tags count as none", async () => {
        assert.deepEqual(await check({}, { provider: awsProvider({ defaultTags: "{not json" }) }), [`Required tags missing: Name. ${FIX}`]);
        assert.deepEqual(await check({}, { provider: awsProvider({ defaultTags: {} }) }), [`Required tags missing: Name. ${FIX}`]);
    });
    it("#17 the SecurityGroupIngressRule and KeyPair are taggable", async () => {
        assert.deepEqual(await check(undefined, { type: T.SecurityGroupIngressRule }), [`Required tags missing: Name. ${FIX}`]);
        assert.deepEqual(await check({ Name: "key" }, { type: "aws:ec2/keyPair:KeyPair" }), []);
    });
    it("#18 load balancers, listeners and target groups are taggable whether or not they set tags", async () => {
        for (const type of [T.LbLoadBalancer, T.AlbLoadBalancer, T.LbListener, T.AlbListener, T.LbTargetGroup, T.AlbTargetGroup]) {
            assert.deepEqual(await check(undefined, { type }), [`Required tags missing: Name. ${FIX}`], type);
            assert.deepEqual(await check({ Name: "web" }, { type }), [], type);
        }
    });
    it("#19 the launch configuration and attachments are not taggable", async () => {
        for (const type of [T.LaunchConfiguration, T.AutoScalingAttachment]) {
            const outcome = await validateResourceDetailed(policy, { type, props: {} });
            assert.deepEqual(outcome, { messages: [], notApplicable: "not a taggable AWS resource" }, type);
        }
    });
    describe("Auto Scaling groups: the tags list, and propagation to the instances they launch", () => {
        it("#20 compliant: required keys set and propagated", async () => {
            assert.deepEqual(await group([tag("Name", "web"), tag("Team", "infra", false)]), []);
            assert.deepEqual(await group([tag("Name", "web"), tag("Environment", "prod")], { config: STRICT }), []);
        });
        it("#21 a group with no tags, or without a required key", async () => {
            assert.deepEqual(await group(undefined), [`Required tags missing: Name. ${GROUP_FIX}`]);
            assert.deepEqual(await group([tag("Name", "web")], { config: STRICT }), [`Required tags missing: Environment. ${GROUP_FIX}`]);
        });
        it("#22 provider defaultTags do not count for a group", async () => {
            const provider = awsProvider({ defaultTags: { tags: { Name: "stack", Environment: "prod" } } });
            assert.deepEqual(await group([tag("Name", "web")], { provider, config: STRICT }), [`Required tags missing: Environment. ${GROUP_FIX}`]);
        });
        it("#23 an empty value does not count; a null value is absent", async () => {
            assert.deepEqual(await group([tag("Name", " ")]), [`Required tags empty: Name. ${GROUP_FIX}`]);
            assert.deepEqual(await group([tag("Name", null)]), [`Required tags missing: Name. ${GROUP_FIX}`]);
        });
        it("#24 a required key with propagateAtLaunch false (or unset) does not reach the instances", async () => {
            assert.deepEqual(await group([tag("Name", "web", false)]), [notPropagated("Name")]);
            assert.deepEqual(await group([{ key: "Name", value: "web" }, tag("Environment", "prod", "false")], { config: STRICT }), [notPropagated("Name, Environment")]);
        });
        it("#25 missing and not propagated together", async () => {
            assert.deepEqual(await group([tag("Name", "web", false)], { config: STRICT }), [`Required tags missing: Environment. ${GROUP_FIX}`, notPropagated("Name")]);
        });
        it("#26 \"true\" as a string propagates; keys are case-sensitive", async () => {
            assert.deepEqual(await group([tag("Name", "web", "true")]), []);
            assert.deepEqual(await group([tag("name", "web")]), [`Required tags missing: Name. ${GROUP_FIX}`]);
        });
        it("#27 unknown list, entry or key: not reported; an unknown value counts as set, an unknown propagateAtLaunch as propagated", async () => {
            assert.deepEqual(await group(UNKNOWN), []);
            assert.deepEqual(await group([UNKNOWN]), []);
            assert.deepEqual(await group([tag(UNKNOWN, "web")]), []);
            assert.deepEqual(await group([tag("Name", UNKNOWN)]), []);
            assert.deepEqual(await group([tag("Name", "web", UNKNOWN)]), []);
        });
    });

    describe("launch templates: own tags and tag specifications", () => {
        const volume = (tags: unknown) => ({ resourceType: "volume", tags });
        it("#28 compliant: own tags, and every non-instance tag specification complete", async () => {
            assert.deepEqual(await template([volume({ Name: "web" }), { resourceType: "network-interface", tags: { Name: "web" } }]), []);
            assert.deepEqual(await template(undefined), []);
        });
        it("#29 a volume tag specification without a required key", async () => {
            assert.deepEqual(await template([volume({ Team: "infra" })]), [specFix(0, "volume", "missing: Name")]);
        });
        it("#30 provider defaultTags count for the template's own tags but not for its tag specifications", async () => {
            const provider = awsProvider({ defaultTags: { tags: { Name: "stack", Environment: "prod" } } });
            assert.deepEqual(await template([volume({ Name: "web" })], { tags: {}, provider, config: STRICT }), [specFix(0, "volume", "missing: Environment")]);
        });
        it("#31 the template's own tags are still checked, before its specifications", async () => {
            assert.deepEqual(await template([volume({ Name: "" })], { tags: undefined }), [`Required tags missing: Name. ${FIX}`, specFix(0, "volume", "empty: Name")]);
        });
        it("#32 every incomplete specification is named by its index", async () => {
            assert.deepEqual(
                await template([volume({ Name: "web", Environment: "prod" }), { resourceType: "network-interface", tags: {} }, { resourceType: "spot-instances-request" }], { config: STRICT }),
                [`Required tags missing: Environment. ${FIX}`, specFix(1, "network-interface", "missing: Name, Environment"), specFix(2, "spot-instances-request", "missing: Name, Environment")],
            );
        });
        it("#33 an instance tag specification is not checked (the group or the Instance tags instances)", async () => {
            assert.deepEqual(await template([{ resourceType: "instance", tags: {} }, { resourceType: " Instance ", tags: {} }]), []);
        });
        it("#34 unknown specifications, entries, resource types or tags maps are not reported; an unknown value counts as set", async () => {
            assert.deepEqual(await template(UNKNOWN), []);
            assert.deepEqual(await template([UNKNOWN]), []);
            assert.deepEqual(await template([{ resourceType: UNKNOWN, tags: {} }]), []);
            assert.deepEqual(await template([volume(UNKNOWN)]), []);
            assert.deepEqual(await template([volume({ Name: UNKNOWN })]), []);
        });
    });
});
