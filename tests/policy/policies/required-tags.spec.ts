import * as assert from "node:assert/strict";
import { requiredTags as policy } from "../../../policy/policies/required-tags";
import { T } from "../../../policy/lib/types";
import { awsProvider, ProviderInput, UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX = "Set them in this resource's tags, or in the AWS provider's defaultTags (aws:defaultTags in the stack config) to tag every resource at once.";

const check = (tags: unknown, opts: { type?: string; provider?: ProviderInput; config?: Record<string, unknown> } = {}) =>
    validateResource(policy, { type: opts.type ?? T.Instance, props: { ami: "ami-1", tags }, provider: opts.provider, config: opts.config });

const STRICT = { requiredTags: ["Name", "Environment"] };

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
});
