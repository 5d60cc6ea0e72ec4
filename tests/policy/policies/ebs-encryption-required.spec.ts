import * as assert from "node:assert/strict";
import { ebsEncryptionRequired as policy } from "../../../policy/policies/ebs-encryption-required";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const msg = (where: string, state: string) =>
    `${where} ${state}, so the volume may be unencrypted. Set ${where} to true (optionally with a KMS key).`;

const instance = (props: Record<string, unknown>) =>
    validateResource(policy, {
        type: T.Instance,
        props: {
            ami: "ami-1",
            rootBlockDevice: { encrypted: true, volumeSize: 20 },
            ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true, kmsKeyId: "arn:aws:kms:k" }],
            ...props,
        },
    });
const volume = (props: Record<string, unknown>) =>
    validateResource(policy, { type: T.Volume, props: { availabilityZone: "ap-northeast-2a", size: 10, encrypted: true, ...props } });
const template = (props: Record<string, unknown>) =>
    validateResource(policy, {
        type: T.LaunchTemplate,
        props: { imageId: "ami-1", blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeSize: 20 } }], ...props },
    });

describe("ebs-encryption-required", () => {
    it("#1 compliant: encrypted root, data volumes, ebs.Volume and template mappings", async () => {
        assert.deepEqual(await instance({}), []);
        assert.deepEqual(await volume({}), []);
        assert.deepEqual(await template({}), []);
    });
    it("#2 instance root volume not encrypted", async () => {
        assert.deepEqual(await instance({ rootBlockDevice: { encrypted: false } }), [msg("rootBlockDevice.encrypted", "is false")]);
    });
    it("#3 instance without rootBlockDevice (AMI or account default decides)", async () => {
        assert.deepEqual(await instance({ rootBlockDevice: undefined }), [msg("rootBlockDevice.encrypted", "is not set")]);
        assert.deepEqual(await instance({ rootBlockDevice: { volumeSize: 20 } }), [msg("rootBlockDevice.encrypted", "is not set")]);
    });
    it("#4 an instance launched from a template without rootBlockDevice leaves it to the template", async () => {
        assert.deepEqual(await instance({ rootBlockDevice: undefined, launchTemplate: { id: "lt-1" } }), []);
    });
    it("#5 each unencrypted data volume is named", async () => {
        assert.deepEqual(
            await instance({ ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }, { deviceName: "/dev/sdg" }, { deviceName: "/dev/sdh", encrypted: false }] }),
            [msg("ebsBlockDevices[1].encrypted", "is not set"), msg("ebsBlockDevices[2].encrypted", "is false")],
        );
    });
    it("#6 ebs.Volume not encrypted, or encrypted not set", async () => {
        assert.deepEqual(await volume({ encrypted: false }), [msg("encrypted", "is false")]);
        assert.deepEqual(await volume({ encrypted: undefined }), [msg("encrypted", "is not set")]);
    });
    it("#7 launch template encrypted \"false\", unset, and the boolean true", async () => {
        assert.deepEqual(await template({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }), [
            msg("blockDeviceMappings[0].ebs.encrypted", 'is "false"'),
        ]);
        assert.deepEqual(await template({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8 } }] }), [
            msg("blockDeviceMappings[0].ebs.encrypted", "is not set"),
        ]);
        assert.deepEqual(await template({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: true } }] }), []);
        assert.deepEqual(await template({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "TRUE" } }] }), []);
    });
    it("#8 launch template mappings without ebs, or no mappings, are not reported", async () => {
        assert.deepEqual(await template({ blockDeviceMappings: [{ deviceName: "/dev/sdb", virtualName: "ephemeral0" }] }), []);
        assert.deepEqual(await template({ blockDeviceMappings: undefined }), []);
    });
    it("#9 unknown encrypted values are reported: encryption should be a literal", async () => {
        assert.deepEqual(await volume({ encrypted: UNKNOWN }), [msg("encrypted", "is unknown during preview")]);
        assert.deepEqual(await instance({ rootBlockDevice: UNKNOWN }), [msg("rootBlockDevice.encrypted", "is unknown during preview")]);
        assert.deepEqual(await template({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: UNKNOWN } }] }), [
            msg("blockDeviceMappings[0].ebs.encrypted", "is unknown during preview"),
        ]);
    });
    it("#10 unknown device lists are reported once", async () => {
        const list = (where: string) => `${where} is unknown during preview, so its volumes may be unencrypted. Declare each volume with encrypted: true.`;
        assert.deepEqual(await instance({ ebsBlockDevices: UNKNOWN }), [list("ebsBlockDevices")]);
        assert.deepEqual(await template({ blockDeviceMappings: UNKNOWN }), [list("blockDeviceMappings")]);
    });
    it("#11 launch template (EC2.181): each mapping is judged on its own, instance-store mappings are skipped", async () => {
        const mappings = [
            { deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3" } },
            { deviceName: "/dev/sdb", virtualName: "ephemeral0" },
            { deviceName: "/dev/sdf", ebs: { volumeSize: 100, snapshotId: "snap-1" } },
            { deviceName: "/dev/sdg", ebs: { encrypted: false } },
        ];
        assert.deepEqual(await template({ blockDeviceMappings: mappings }), [
            msg("blockDeviceMappings[2].ebs.encrypted", "is not set"),
            msg("blockDeviceMappings[3].ebs.encrypted", 'is false'),
        ]);
    });
    it("#12 launch template: an unknown mapping or ebs block is reported as unknown", async () => {
        assert.deepEqual(await template({ blockDeviceMappings: [UNKNOWN] }), [msg("blockDeviceMappings[0].ebs.encrypted", "is unknown during preview")]);
        assert.deepEqual(await template({ blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: UNKNOWN }] }), [
            msg("blockDeviceMappings[0].ebs.encrypted", "is unknown during preview"),
        ]);
    });
    it("#13 an Auto Scaling group is not applicable: the volumes it launches are its launch template's", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.AutoScalingGroup, props: { launchTemplate: { id: "lt-1" } } });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Instance}, ${T.Volume}, ${T.LaunchTemplate}` });
    });
    it("#14 other types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.Subnet, props: {} });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.Instance}, ${T.Volume}, ${T.LaunchTemplate}` });
    });
});
