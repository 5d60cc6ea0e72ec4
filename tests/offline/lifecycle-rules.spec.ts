// offline/lifecycle-rules.ts: AWS's side of day 2 (read-back, in-place updates, delete refusals and fates), with each
// type's part in its module (offline/aws/registry.ts); the type modules' own rules are also tested in
// tests/offline/aws/*.spec.ts.
import * as assert from "node:assert/strict";
import { refresh } from "../../offline/deployment";
import { deleteFate, deleteRefusal, normalisedEqual, READ_BACK_RULES_DOC, replaceNotes, userDataHash } from "../../offline/lifecycle-rules";
import type { StateResource } from "../../offline/state";
import { byName, changes, firstPlan, plan, stackOf, stateOf } from "./day2";

const TF = "terraform-provider-aws internal/service/";

/** READ_BACK_RULES_DOC as it was before the rules moved into the type modules: the same rows, word for word. */
const READ_BACK_RULES = [
    ["aws:ec2/instance:Instance", "associatePublicIpAddress", "read as \"the primary network interface has an association\": true while an Elastic IP is associated or an auto-assigned address is held, false for a stopped server without an Elastic IP", `${TF}ec2/ec2_instance.go resourceInstanceRead (primary ENI Association != nil); hashicorp/terraform-provider-aws#37318, #33775`],
    ["aws:ec2/instance:Instance", "publicIp, publicDns", "the Elastic IP's address while one is associated; empty for a stopped server without one (AWS releases an auto-assigned address on stop and assigns a new one on start)", `${TF}ec2/ec2_instance.go resourceInstanceRead (instance.PublicIpAddress); EC2 User Guide, "Public IPv4 addresses"`],
    ["aws:ec2/instance:Instance", "rootBlockDevice.kmsKeyId, volumeSize, iops, throughput", "the key ARN (the AWS-managed aws/ebs key when none was given), the AMI's snapshot size when none was given, gp3's 3000 IOPS and 125 MiB/s", `${TF}ec2/ec2_instance.go readBlockDevicesFromInstance (kms_key_id = volume.KmsKeyId)`],
    ["aws:ec2/instance:Instance", "instanceState", "\"stopped\" after a volume attachment with stopInstanceBeforeDetaching is deleted: nothing starts it again", `${TF}ec2/ebs_volume_attachment.go resourceVolumeAttachmentDelete (stopVolumeAttachmentInstance)`],
    ["aws:ec2/instance:Instance", "userData", "stored as the SHA-1 of the script, not the script; a diff compares the hash of the new script with it", `${TF}ec2/ec2_instance.go (user_data StateFunc userDataHashSum)`],
    ["aws:ebs/volume:Volume", "kmsKeyId, iops, throughput", "the key ARN (the AWS-managed aws/ebs key when none was given), gp3's 3000 IOPS and 125 MiB/s when not given", `${TF}ec2/ebs_volume.go resourceEBSVolumeRead (kms_key_id = volume.KmsKeyId)`],
    ["aws:ec2/eip:Eip", "instance, associationId, privateIp", "the associated instance, association id and private address", `${TF}ec2/ec2_eip.go resourceEIPRead`],
    ["aws:ec2/eip:Eip", "associationId, networkInterface, privateIp", "for a NAT gateway's Elastic IP: the gateway's association, network interface and private address (no instance)", `${TF}ec2/ec2_eip.go resourceEIPRead (address.AssociationId, NetworkInterfaceId, PrivateIpAddress); ec2/vpc_nat_gateway.go resourceNATGatewayRead (the same address from NatGatewayAddresses)`],
    ["aws:iam/role:Role", "assumeRolePolicy", "AWS returns the document URL-encoded and reformatted; the provider keeps the configured string when the two are equivalent JSON policies, so diffs compare them as JSON", `${TF}iam/role.go resourceRoleRead (verify.PolicyToSet)`],
    ["aws:autoscaling/group:Group", "desiredCapacity", "the group's current desired capacity, as its scaling policies and schedules left it; the program sets it at creation only (ignoreChanges), so a scale-out is no change", `${TF}autoscaling/group.go resourceGroupRead (d.Set("desired_capacity", g.DesiredCapacity))`],
    ["aws:autoscaling/group:Group", "launchTemplate.name", "the template's name, next to the id the program gave", `${TF}autoscaling/group.go resourceGroupRead (flattenLaunchTemplateSpecification)`],
    ["aws:ec2/launchTemplate:LaunchTemplate", "latestVersion, defaultVersion", "the newest version (each change of the template data makes one) and, with updateDefaultVersion, the same as the default", `${TF}ec2/ec2_launch_template.go resourceLaunchTemplateRead / resourceLaunchTemplateUpdate`],
    ["aws:autoscaling/schedule:Schedule", "minSize, maxSize, desiredCapacity", "-1 for a size the action does not set; a size the program leaves unset is sent as 0 (so the program sends -1)", `${TF}autoscaling/schedule.go resourceScheduleRead / resourceSchedulePut`],
    ["aws:autoscaling/schedule:Schedule", "startTime", "the time AWS computed for the first run; Optional+Computed, so every later update sends it again, and once it has passed AWS refuses the update (\"Given start time is in the past\"): the program replaces an action instead of updating it", `${TF}autoscaling/schedule.go resourceScheduleRead / resourceSchedulePut (d.GetOk("start_time")); pulumi/pulumi-aws#2473, hashicorp/terraform-provider-aws#38983`],
    ["aws:autoscaling/group:Group", "launchTemplate, mixedInstancesPolicy", "only the form the group uses now; the other reads as unset", `${TF}autoscaling/group.go resourceGroupRead (d.Set("launch_template", nil) / d.Set("mixed_instances_policy", nil))`],
    ["aws:ec2/securityGroup:SecurityGroup", "ingress, egress", "every rule of the group, the separate rule resources' too (Optional+Computed, ConfigModeAttr): what the program did not write there stays out of its inputs, so no diff and no policy sees it", `${TF}ec2/vpc_security_group.go resourceSecurityGroupRead (matchRules appends the remote rules not matched locally)`],
    ["(every tagged type)", "tagsAll", "the provider's defaultTags merged with the resource's own tags", "terraform-provider-aws internal/provider/intercept.go + internal/tags (transparent tagging: tags_all)"],
].map(([type, property, rule, source]) => ({ type, property, rule, source }));

/** A resource of a stack's state, for the rules that need only a few fields. */
function stateResource(type: string, id: string, outputs: Record<string, unknown>, options: Partial<StateResource> = {}): StateResource {
    return { urn: `urn:pulumi:dev::ec2-server::${type}::${id}`, type, id, custom: true, inputs: {}, outputs, dependencies: [], propertyDependencies: {}, protect: false, retainOnDelete: false, ...options };
}

describe("offline/lifecycle-rules", () => {
    it("READ_BACK_RULES_DOC: the same rules, word for word, each type's together", () => {
        const key = (r: object) => JSON.stringify(r);
        assert.deepEqual(READ_BACK_RULES_DOC.map(key).sort(), READ_BACK_RULES.map(key).sort());
        // Assembled type by type from the registry: the group's third row sits with its other two.
        assert.deepEqual(READ_BACK_RULES_DOC.map(r => r.type), [
            ...Array(5).fill("aws:ec2/instance:Instance"), "aws:ebs/volume:Volume", "aws:ec2/eip:Eip", "aws:ec2/eip:Eip", "aws:iam/role:Role",
            ...Array(3).fill("aws:autoscaling/group:Group"), "aws:ec2/launchTemplate:LaunchTemplate", "aws:autoscaling/schedule:Schedule",
            "aws:autoscaling/schedule:Schedule", "aws:ec2/securityGroup:SecurityGroup", "(every tagged type)",
        ]);
    });

    describe("read-back (what a `pulumi refresh` stores)", () => {
        it("an Elastic IP server reads associatePublicIpAddress true and the EIP's address, and sends no value AWS contradicts", async () => {
            const s = stackOf("dev", { "ec2-server:elasticIp": "true", "ec2-server:publicIp": "false" });
            const run = await firstPlan(s);
            const server = run.resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            assert.equal("associatePublicIpAddress" in server.inputs, false);
            const state = stateOf(s, run, true);
            const instance = byName(state, "aws:ec2/instance:Instance", "server-0");
            const eip = byName(state, "aws:ec2/eip:Eip", "server-0-eip");
            assert.equal(instance.outputs.associatePublicIpAddress, true);
            assert.equal(instance.outputs.publicIp, eip.outputs.publicIp);
            assert.equal(eip.outputs.instance, instance.id);
        });

        it("a stopped publicIp server reads associatePublicIpAddress false and no address, and still plans zero changes", async () => {
            const s = stackOf("dev");
            const run = await firstPlan(s);
            const state = stateOf(s, run, true);
            const instance = byName(state, "aws:ec2/instance:Instance", "server-0");
            assert.equal(instance.outputs.associatePublicIpAddress, true);
            instance.outputs = { ...instance.outputs, instanceState: "stopped" };
            const stopped = refresh(state, run.deployment.worldFacts);
            const read = byName(stopped, "aws:ec2/instance:Instance", "server-0");
            assert.equal(read.outputs.associatePublicIpAddress, false);
            assert.equal(read.outputs.publicIp, "");
            assert.deepEqual(changes(await plan(s, stopped)), []);
        });

        it("encrypted volumes without a key read back the AWS-managed key's ARN; tagsAll merges the provider's defaultTags", async () => {
            const s = stackOf("prod");
            const run = await firstPlan(s);
            const state = stateOf(s, run, true);
            const volume = byName(state, "aws:ebs/volume:Volume", "server-0-data");
            assert.match(String(volume.outputs.kmsKeyId), /^arn:aws:kms:ap-northeast-2:123456789012:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
            assert.equal(volume.inputs.kmsKeyId, undefined);
            const root = byName(state, "aws:ec2/instance:Instance", "server-0").outputs.rootBlockDevice as Record<string, unknown>;
            assert.equal(root.kmsKeyId, volume.outputs.kmsKeyId);
            assert.deepEqual([root.iops, root.throughput, volume.outputs.iops, volume.outputs.throughput], [3000, 125, 3000, 125]);
            assert.deepEqual(byName(state, "aws:ec2/vpc:Vpc", "network-vpc").outputs.tagsAll, {
                Project: "ec2-server", Environment: "prod", Owner: "platform-team", DataClassification: "internal", Name: "ec2-server-prod-vpc",
            });
        });
    });

    describe("equality, deletes and replacements", () => {
        it("compares user data with its stored hash, policy documents as JSON, numbers with their strings", () => {
            assert.equal(normalisedEqual("aws:ec2/instance:Instance", "userData", "#!/bin/bash\n", userDataHash("#!/bin/bash\n")), true);
            assert.equal(normalisedEqual("aws:ec2/instance:Instance", "userData", "#!/bin/sh\n", userDataHash("#!/bin/bash\n")), false);
            assert.equal(normalisedEqual("aws:iam/role:Role", "assumeRolePolicy", '{"b":1,"a":2}', '{"a":2,"b":1}'), true);
            assert.equal(normalisedEqual("aws:ec2/vpc:Vpc", "port", 80, "80"), true);
        });

        it("the engine refuses to delete a protected resource; AWS refuses a volume still attached", () => {
            const volume = stateResource("aws:ebs/volume:Volume", "vol-1", {});
            const attachment = stateResource("aws:ec2/volumeAttachment:VolumeAttachment", "vai-1", { volumeId: "vol-1", instanceId: "i-1" });
            assert.deepEqual(deleteRefusal(volume, [attachment], new Set(), false), { message: "VolumeInUse: Volume vol-1 is currently attached to i-1", source: "EC2 API DeleteVolume" });
            assert.equal(deleteRefusal(volume, [attachment], new Set([attachment.urn]), false), undefined);
            assert.match(deleteRefusal({ ...volume, protect: true }, [], new Set(), false)?.message ?? "", /^unable to delete resource/);
            assert.equal(deleteRefusal({ ...volume, retainOnDelete: true }, [attachment], new Set(), false), undefined);
        });

        it("a delete's fate and a replacement's notes say what happens to data", () => {
            assert.equal(deleteFate(stateResource("aws:ebs/volume:Volume", "vol-1", {})), "deletes vol-1 and every byte on it");
            assert.equal(deleteFate(stateResource("aws:ebs/volume:Volume", "vol-1", {}, { retainOnDelete: true })), "retained: vol-1 leaves the stack but stays in AWS (still billed); delete it in AWS or import it again");
            assert.equal(deleteFate(stateResource("aws:ec2/vpc:Vpc", "vpc-1", {})), undefined);
            assert.deepEqual(replaceNotes(stateResource("aws:ec2/eip:Eip", "eipalloc-1", { publicIp: "3.34.0.1" }), {}, false, []), [
                "creates the new one, then deletes the old one", "the old one: releases 3.34.0.1: the address is gone for good",
            ]);
        });
    });
});
