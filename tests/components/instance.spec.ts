// components/instance.ts, and components/ssm-profile.ts (the Session Manager role, its managed-policy attachment and the
// instance profile, per partition) through the servers that use it.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { Instance, InstanceArgs } from "../../components/instance";
import { AMI_ALIASES } from "../../lib/aws-facts";
import { ipv4Contains, parseIpv4Cidr } from "../../lib/cidr";
import { AwsModel, EXISTING, PINNED_IMAGES } from "../../offline/aws/model";
import { runInStack, promiseOf } from "../../offline/program";
import { RecordedResource } from "../../offline/monitor";

const REGION = "ap-northeast-2";
const AL2023 = new AwsModel({ region: REGION }).publishedId(AMI_ALIASES["al2023"].parameter);
const [SUBNET_A, SUBNET_B] = EXISTING.subnets;
const INSTANCE_URN = "urn:pulumi:test::ec2-server::ec2-server:compute:Instance::server";
const NO_OPTIONS = { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], replaceOnChanges: [], additionalSecretOutputs: [] };
const URN = (type: string, name: string) => `urn:pulumi:test::ec2-server::ec2-server:compute:Instance$${type}::${name}`;

function args(over: Partial<InstanceArgs> = {}): InstanceArgs {
    return {
        subnets: [{ id: SUBNET_A.id, availabilityZone: "ap-northeast-2a" }, { id: SUBNET_B.id, availabilityZone: "ap-northeast-2b" }],
        securityGroupIds: [EXISTING.securityGroupIds[0]],
        ami: AL2023,
        amiPinned: false,
        instanceType: "t3.micro",
        partition: { partition: "aws", dnsSuffix: "amazonaws.com" },
        rootVolume: { sizeGiB: 8, type: "gp3", encrypted: true },
        namePrefix: "app-dev",
        tags: { Team: "platform" },
        ...over,
    };
}

function one(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.filter(r => r.type === type && r.name === name);
    assert.equal(found.length, 1, `${type} ${name}`);
    return found[0];
}

describe("components/instance Instance", () => {
    it("creates a server with IMDSv2 required, an encrypted gp3 root volume and a Session Manager role", async () => {
        const { resources } = await runInStack(() => new Instance("server", args()));
        const custom = resources.filter(r => r.custom).map(r => `${r.type} ${r.name}`).sort();
        assert.deepEqual(custom, [
            "aws:ec2/instance:Instance server-0",
            "aws:iam/instanceProfile:InstanceProfile server-profile",
            "aws:iam/role:Role server-role",
            "aws:iam/rolePolicyAttachment:RolePolicyAttachment server-ssm-core",
        ]);
        const role = one(resources, "aws:iam/role:Role", "server-role");
        assert.deepEqual(role.inputs, {
            description: "ec2-server instances: Session Manager only",
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
            tags: { Team: "platform", Name: "app-dev-role" },
        });
        assert.deepEqual(one(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "server-ssm-core").inputs, {
            role: role.id, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
        });
        const profile = one(resources, "aws:iam/instanceProfile:InstanceProfile", "server-profile");
        assert.deepEqual(profile.inputs, { role: role.id, tags: { Team: "platform", Name: "app-dev-profile" } });

        const server = one(resources, "aws:ec2/instance:Instance", "server-0");
        assert.equal(server.parent, "urn:pulumi:test::ec2-server::ec2-server:compute:Instance::server");
        assert.deepEqual(server.inputs, {
            ami: AL2023,
            instanceType: "t3.micro",
            subnetId: SUBNET_A.id,
            vpcSecurityGroupIds: [EXISTING.securityGroupIds[0]],
            iamInstanceProfile: profile.id,
            associatePublicIpAddress: false,
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
            rootBlockDevice: { volumeType: "gp3", volumeSize: 8, encrypted: true, deleteOnTermination: true, tags: { Team: "platform", Name: "app-dev-0-root" } },
            userDataReplaceOnChange: false,
            monitoring: false,
            disableApiTermination: false,
            forceDestroy: true,
            tags: { Team: "platform", Name: "app-dev-0" },
        });
        // Without termination protection the engine may replace or delete the server.
        assert.equal(server.options.protect, false);
        // The SSM agent starts at boot: the role must already carry AmazonSSMManagedInstanceCore.
        assert.deepEqual(server.dependencies, [
            URN("aws:iam/instanceProfile:InstanceProfile", "server-profile"),
            URN("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "server-ssm-core"),
        ]);
        // A newer image behind the alias must never replace the running server.
        assert.deepEqual(server.options.ignoreChanges, ["ami"]);
        assert.equal(server.state!.publicIp, "");
        assert.ok(ipv4Contains(parseIpv4Cidr(SUBNET_A.cidr)!, parseIpv4Cidr(`${server.state!.privateIp}/32`)!), `${server.state!.privateIp} is inside ${SUBNET_A.cidr}`);
    });

    it("builds ARNs and the service principal from the partition", async () => {
        const { resources } = await runInStack(() => new Instance("server", args({
            partition: { partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" },
            subnets: [{ id: SUBNET_A.id, availabilityZone: "cn-north-1a" }],
            ami: new AwsModel({ region: "cn-north-1" }).publishedId(AMI_ALIASES["al2023"].parameter),
        })), { region: "cn-north-1" });
        assert.equal(one(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "server-ssm-core").inputs.policyArn, "arn:aws-cn:iam::aws:policy/AmazonSSMManagedInstanceCore");
        assert.match(String(one(resources, "aws:iam/role:Role", "server-role").inputs.assumeRolePolicy), /"Service":"ec2\.amazonaws\.com\.cn"/);
    });

    it("spreads servers round-robin over the subnets and pins no ami ignore for a pinned id", async () => {
        const debian = PINNED_IMAGES[0].id;
        const { resources } = await runInStack(() => new Instance("server", args({ count: 3, ami: debian, amiPinned: true, ssm: false, keyName: undefined })));
        const servers = resources.filter(r => r.type === "aws:ec2/instance:Instance").sort((a, b) => a.name.localeCompare(b.name));
        assert.deepEqual(servers.map(s => [s.name, s.inputs.subnetId, s.state!.availabilityZone]), [
            ["server-0", SUBNET_A.id, "ap-northeast-2a"], ["server-1", SUBNET_B.id, "ap-northeast-2b"], ["server-2", SUBNET_A.id, "ap-northeast-2a"],
        ]);
        assert.deepEqual(servers.map(s => s.options.ignoreChanges), [[], [], []]);
        assert.deepEqual(servers.map(s => s.inputs.iamInstanceProfile), [undefined, undefined, undefined]);
        assert.deepEqual(resources.filter(r => r.type.startsWith("aws:iam/")), []);
        const ips = servers.map(s => String(s.state!.privateIp));
        assert.equal(new Set(ips).size, 3, "private addresses are distinct");
    });

    it("keeps data volumes: separate encrypted volumes in the server's zone, retained, re-attached after replacement", async () => {
        const { resources, result } = await runInStack(async () => {
            const inst = new Instance("server", args({
                count: 2,
                dataVolumes: [{ name: "data", sizeGiB: 50, type: "gp3", encrypted: true, deviceName: "/dev/sdf", throughput: 250 }],
            }));
            return Promise.all(inst.servers.map(s => Promise.all(s.dataVolumeIds.map(promiseOf))));
        });
        for (const [i, az] of [[0, "ap-northeast-2a"], [1, "ap-northeast-2b"]] as const) {
            const volume = one(resources, "aws:ebs/volume:Volume", `server-${i}-data`);
            assert.deepEqual(volume.inputs, { availabilityZone: az, size: 50, type: "gp3", encrypted: true, throughput: 250, tags: { Team: "platform", Name: `app-dev-${i}-data` } });
            assert.deepEqual(volume.options, { protect: false, retainOnDelete: true, deleteBeforeReplace: false, ignoreChanges: [], replaceOnChanges: [], additionalSecretOutputs: [] });
            const attachment = one(resources, "aws:ec2/volumeAttachment:VolumeAttachment", `server-${i}-data`);
            const server = one(resources, "aws:ec2/instance:Instance", `server-${i}`);
            // No stopInstanceBeforeDetaching: the provider would stop the server to detach and never start it again.
            assert.deepEqual(attachment.inputs, { instanceId: server.id, volumeId: volume.id, deviceName: "/dev/sdf" });
            assert.equal(attachment.options.deleteBeforeReplace, true);
            assert.equal(attachment.options.retainOnDelete, false);
            assert.deepEqual(attachment.dependencies, [URN("aws:ebs/volume:Volume", `server-${i}-data`), URN("aws:ec2/instance:Instance", `server-${i}`)].sort());
            // The root volume goes with the server; the server is not protected against replacement by accident.
            assert.equal(server.options.retainOnDelete, false);
        }
        assert.deepEqual(result, [[one(resources, "aws:ebs/volume:Volume", "server-0-data").id], [one(resources, "aws:ebs/volume:Volume", "server-1-data").id]]);
    });

    it("gives each server an Elastic IP through a separate association, and no auto-assigned address", async () => {
        const { resources, result } = await runInStack(async () => {
            const inst = new Instance("server", args({ elasticIp: true }));
            return { ip: await promiseOf(inst.servers[0].publicIp!), dns: await promiseOf(inst.servers[0].publicDns!) };
        });
        const eip = one(resources, "aws:ec2/eip:Eip", "server-0-eip");
        assert.deepEqual(eip.inputs, { domain: "vpc", tags: { Team: "platform", Name: "app-dev-0-eip" } });
        const server = one(resources, "aws:ec2/instance:Instance", "server-0");
        assert.deepEqual(one(resources, "aws:ec2/eipAssociation:EipAssociation", "server-0-eip").inputs, { allocationId: eip.id, instanceId: server.id });
        // Not sent: AWS reads it back as true once the Elastic IP is associated, and a sent false would then
        // replace the server (ForceNew) on the next up.
        assert.equal("associatePublicIpAddress" in server.inputs, false);
        assert.equal(result.ip, eip.state!.publicIp);
        assert.match(result.ip, /^3\.3[4-7]\.\d+\.\d+$/);
        assert.equal(result.dns, `ec2-${result.ip.replace(/\./g, "-")}.ap-northeast-2.compute.amazonaws.com`);
    });

    it("passes through a public IP, key, secret user data, monitoring and termination protection", async () => {
        const { resources, result } = await runInStack(async () => {
            const inst = new Instance("server", args({
                publicIp: true, keyName: undefined, userData: pulumi.secret("#!/bin/bash\necho ready\n"), userDataReplaceOnChange: true,
                monitoring: true, terminationProtection: true, rootVolume: { sizeGiB: 30, type: "io2", encrypted: true, iops: 4000, kmsKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
            }));
            return { ip: await promiseOf(inst.servers[0].publicIp!) };
        });
        const server = one(resources, "aws:ec2/instance:Instance", "server-0");
        // Not sent: the address comes from the subnet's mapPublicIpOnLaunch (the adopted subnet maps), because a
        // stopped server reads back false and a sent true would then replace it on the next up.
        assert.equal("associatePublicIpAddress" in server.inputs, false);
        assert.equal(server.inputs.userData, "#!/bin/bash\necho ready\n");
        assert.deepEqual(server.secretInputs, ["userData"]);
        assert.equal(server.inputs.userDataReplaceOnChange, true);
        assert.equal(server.inputs.monitoring, true);
        assert.equal(server.inputs.disableApiTermination, true);
        // The engine refuses to replace or delete a protected server at preview, before a second server exists.
        assert.equal(server.options.protect, true);
        // In state from the first up, so a later up that lifts protection can terminate the server it replaces.
        assert.equal(server.inputs.forceDestroy, true);
        assert.deepEqual(server.inputs.rootBlockDevice, { volumeType: "io2", volumeSize: 30, encrypted: true, kmsKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", iops: 4000, deleteOnTermination: true, tags: { Team: "platform", Name: "app-dev-0-root" } });
        assert.equal(result.ip, server.state!.publicIp);
        assert.notEqual(result.ip, "");
    });

    it("termination protection also protects what connects a server to its data and address, and nothing else", async () => {
        const { resources } = await runInStack(async () => {
            const tg = new aws.lb.TargetGroup("tg", { vpcId: EXISTING.vpcId, port: 80, protocol: "HTTP" });
            new Instance("server", args({
                terminationProtection: true, elasticIp: true, targetGroupArn: tg.arn,
                dataVolumes: [{ name: "data", sizeGiB: 10, type: "gp3", deviceName: "/dev/sdf", encrypted: true }],
            }));
            return {};
        });
        const protectedParts = resources.filter(r => r.options.protect).map(r => `${r.type} ${r.name}`).sort();
        // `pulumi destroy` deletes these before their server: unprotected, they would go before it stops at the server.
        assert.deepEqual(protectedParts, [
            "aws:ec2/eipAssociation:EipAssociation server-0-eip",
            "aws:ec2/instance:Instance server-0",
            "aws:ec2/volumeAttachment:VolumeAttachment server-0-data",
        ]);
    });

    it("registers each server in a load balancer's target group: one attachment per server, a child of the component", async () => {
        const { resources, result } = await runInStack(async () => {
            const tg = new aws.lb.TargetGroup("tg", { vpcId: EXISTING.vpcId, port: 80, protocol: "HTTP" });
            const inst = new Instance("server", args({ count: 2, targetGroupArn: tg.arn }));
            return { targetGroupArn: await promiseOf(tg.arn), ids: await Promise.all(inst.servers.map(s => promiseOf(s.id))) };
        });
        const tg = one(resources, "aws:lb/targetGroup:TargetGroup", "tg");
        assert.equal(result.targetGroupArn, tg.id);
        assert.match(tg.id!, /^arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup\/tg-[0-9a-f]{7}\/[0-9a-f]{16}$/);
        const attachments = resources.filter(r => r.type === "aws:lb/targetGroupAttachment:TargetGroupAttachment");
        assert.deepEqual(attachments.map(r => r.name).sort(), ["server-0-target", "server-1-target"]);
        for (const i of [0, 1]) {
            const server = one(resources, "aws:ec2/instance:Instance", `server-${i}`);
            assert.equal(server.id, result.ids[i]);
            const attachment = one(resources, "aws:lb/targetGroupAttachment:TargetGroupAttachment", `server-${i}-target`);
            assert.deepEqual(attachment.inputs, { targetGroupArn: tg.id, targetId: server.id });
            assert.deepEqual(attachment.options, NO_OPTIONS);
            assert.equal(attachment.parent, INSTANCE_URN);
            assert.equal(attachment.urn, URN("aws:lb/targetGroupAttachment:TargetGroupAttachment", `server-${i}-target`));
            assert.deepEqual([...attachment.dependencies].sort(), [tg.urn, URN("aws:ec2/instance:Instance", `server-${i}`)].sort());
        }
    });

    it("is rejected by the AWS model for an AMI of the other architecture", async () => {
        const rhelArm = PINNED_IMAGES[2].id;
        await assert.rejects(runInStack(() => new Instance("server", args({ ami: rhelArm, amiPinned: true, rootVolume: { sizeGiB: 10, type: "gp3", encrypted: true } }))),
            /InvalidParameterValue: The architecture 'x86_64' of the specified instance type does not match the architecture 'arm64' of the specified AMI/);
    });

    it("rejects conflicting arguments", async () => {
        await assert.rejects(runInStack(() => new Instance("server", args({ count: 0 }))), /'count' must be an integer from 1 to 50, got 0/);
        await assert.rejects(runInStack(() => new Instance("server", args({ publicIp: true, elasticIp: true }))), /Cannot specify both 'publicIp' and 'elasticIp'/);
        await assert.rejects(runInStack(() => new Instance("server", args({ partition: undefined }))), /'ssm' requires 'partition'/);
        await assert.rejects(runInStack(() => new Instance("server", args({ subnets: [] }))), /'subnets' must not be empty/);
    });
});
