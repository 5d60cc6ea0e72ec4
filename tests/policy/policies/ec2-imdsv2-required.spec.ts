import * as assert from "node:assert/strict";
import { ec2Imdsv2Required as policy } from "../../../policy/policies/ec2-imdsv2-required";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX = 'Set metadataOptions: { httpTokens: "required" } (or httpEndpoint: "disabled" if nothing on the instance reads instance metadata).';
const NOT_SET = `metadataOptions.httpTokens is not set, so AWS applies the AMI or account default, which is usually "optional" (IMDSv1 enabled). ${FIX}`;
const UNKNOWN_MSG = `metadataOptions.httpTokens is unknown during preview, so IMDSv1 may stay enabled. ${FIX}`;

const instance = (props: Record<string, unknown>) =>
    validateResource(policy, { type: T.Instance, props: { ami: "ami-1", instanceType: "t3.micro", metadataOptions: { httpTokens: "required" }, ...props } });
const template = (props: Record<string, unknown>) =>
    validateResource(policy, { type: T.LaunchTemplate, props: { imageId: "ami-1", metadataOptions: { httpTokens: "required", httpEndpoint: "enabled" }, ...props } });

describe("ec2-imdsv2-required", () => {
    it("#1 compliant: httpTokens required on an instance and a launch template", async () => {
        assert.deepEqual(await instance({}), []);
        assert.deepEqual(await template({}), []);
    });
    it("#2 httpTokens optional", async () => {
        assert.deepEqual(await instance({ metadataOptions: { httpTokens: "optional" } }), [`metadataOptions.httpTokens is "optional", so IMDSv1 is enabled. ${FIX}`]);
        assert.deepEqual(await template({ metadataOptions: { httpTokens: "optional", httpEndpoint: "enabled" } }), [
            `metadataOptions.httpTokens is "optional", so IMDSv1 is enabled. ${FIX}`,
        ]);
    });
    it("#3 \"Required\" in another case is required", async () => {
        assert.deepEqual(await instance({ metadataOptions: { httpTokens: "Required" } }), []);
    });
    it("#4 the metadata endpoint disabled needs no tokens", async () => {
        assert.deepEqual(await instance({ metadataOptions: { httpEndpoint: "disabled", httpTokens: "optional" } }), []);
        assert.deepEqual(await template({ metadataOptions: { httpEndpoint: "disabled" } }), []);
    });
    it("#5 metadataOptions or httpTokens not set", async () => {
        assert.deepEqual(await instance({ metadataOptions: undefined }), [NOT_SET]);
        assert.deepEqual(await instance({ metadataOptions: { httpPutResponseHopLimit: 1 } }), [NOT_SET]);
        assert.deepEqual(await template({ metadataOptions: undefined }), [NOT_SET]);
    });
    it("#6 an instance launched from a template without its own metadataOptions takes the template's", async () => {
        assert.deepEqual(await instance({ metadataOptions: undefined, launchTemplate: { id: "lt-1", version: "$Latest" } }), []);
        assert.deepEqual(await instance({ metadataOptions: { httpTokens: "optional" }, launchTemplate: { id: "lt-1" } }), [
            `metadataOptions.httpTokens is "optional", so IMDSv1 is enabled. ${FIX}`,
        ]);
    });
    it("#7 unknown httpTokens or metadataOptions is reported (it may be optional)", async () => {
        assert.deepEqual(await instance({ metadataOptions: { httpTokens: UNKNOWN } }), [UNKNOWN_MSG]);
        assert.deepEqual(await instance({ metadataOptions: UNKNOWN }), [UNKNOWN_MSG]);
        assert.deepEqual(await template({ metadataOptions: { httpTokens: UNKNOWN, httpEndpoint: "enabled" } }), [UNKNOWN_MSG]);
    });
    it("#8 an unknown endpoint does not excuse optional tokens; a disabled endpoint excuses unknown tokens", async () => {
        assert.deepEqual(await instance({ metadataOptions: { httpEndpoint: UNKNOWN, httpTokens: "optional" } }), [
            `metadataOptions.httpTokens is "optional", so IMDSv1 is enabled. ${FIX}`,
        ]);
        assert.deepEqual(await instance({ metadataOptions: { httpEndpoint: "disabled", httpTokens: UNKNOWN } }), []);
    });
    it("#9 launch template (EC2.170): unknown options are reported, hop limit alone is not enough", async () => {
        assert.deepEqual(await template({ metadataOptions: UNKNOWN }), [UNKNOWN_MSG]);
        assert.deepEqual(await template({ metadataOptions: { httpEndpoint: "enabled", httpPutResponseHopLimit: 2, instanceMetadataTags: "enabled" } }), [NOT_SET]);
        assert.deepEqual(await template({ metadataOptions: { httpEndpoint: "enabled", httpTokens: "REQUIRED" } }), []);
    });
    it("#10 an Auto Scaling group is not applicable: its instances take the launch template's metadata options", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.AutoScalingGroup, props: { launchTemplate: { id: "lt-1" } } });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Instance}, ${T.LaunchTemplate}` });
    });
    it("#11 other types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.Volume, props: {} });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Instance}, ${T.LaunchTemplate}` });
    });
});
