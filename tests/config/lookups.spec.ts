import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AMI_ALIASES } from "../../lib/aws-facts";
import { ConfigError, RawConfig, parseConfig } from "../../config";
import { AwsFacts, lookupAwsFacts } from "../../config/lookups";
import { AwsModel, EXISTING, PINNED_IMAGES } from "../../offline/aws/model";
import { ProgramError, runInStack } from "../../offline/program";

const REGION = "ap-northeast-2";
const AL2023 = new AwsModel({ region: REGION }).publishedId(AMI_ALIASES["al2023"].parameter);

const DENIED = "AccessDenied: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: ec2:DescribeImages";

/** AWS refuses the image lookup (the credentials lack ec2:DescribeImages). */
class DeniedImagesModel extends AwsModel {
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        if (args.token === "aws:ec2/getAmi:getAmi") {
            throw Object.assign(new Error(DENIED), { details: DENIED });
        }
        return super.call(args);
    }
}
const DENIED_SUBNETS = "reading EC2 Subnet: operation error EC2: DescribeSubnets, https response error StatusCode: 403, RequestID: 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0, api error UnauthorizedOperation: You are not authorized to perform this operation.";

/** AWS refuses every subnet lookup (the credentials lack ec2:DescribeSubnets). */
class DeniedSubnetsModel extends AwsModel {
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        if (args.token === "aws:ec2/getSubnet:getSubnet") {
            throw Object.assign(new Error(DENIED_SUBNETS), { details: DENIED_SUBNETS });
        }
        return super.call(args);
    }
}
const KEY = (region: string, id = "1234abcd-12ab-34cd-56ef-1234567890ab") => `arn:aws:kms:${region}:123456789012:key/${id}`;

/** Runs the lookups for a raw config in a stack of `region` and returns the facts. */
async function facts(raw: RawConfig, opts: { region?: string; model?: AwsModel } = {}): Promise<AwsFacts> {
    const { result } = await runInStack(() => lookupAwsFacts(parseConfig(raw)), { region: opts.region ?? REGION, model: opts.model });
    return result;
}

/** Runs the lookups and returns the ConfigError's messages; fails when the lookups pass or fail otherwise. */
async function lookupErrors(raw: RawConfig, opts: { region?: string; model?: AwsModel } = {}): Promise<string[]> {
    try {
        await facts(raw, opts);
    } catch (err) {
        assert.ok(err instanceof ProgramError, `expected a ProgramError, got ${err}`);
        assert.ok(err.cause instanceof ConfigError, `expected a ConfigError, got ${err.message}`);
        return err.cause.errors;
    }
    assert.fail("expected the lookups to fail");
}

/** The adopted network's second subnet does not auto-assign public IPv4 addresses. */
class UnmappedSubnetModel extends AwsModel {
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const result = super.call(args);
        return args.token === "aws:ec2/getSubnet:getSubnet" && args.inputs.id === EXISTING.subnets[1].id ? { ...result, mapPublicIpOnLaunch: false } : result;
    }
}

/** Both subnets of the adopted network are in the region's first zone. */
class OneZoneModel extends AwsModel {
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const result = super.call(args);
        return args.token === "aws:ec2/getSubnet:getSubnet" ? { ...result, availabilityZone: `${REGION}a` } : result;
    }
}

const ADOPTED = {
    existingVpcId: EXISTING.vpcId,
    existingSubnetIds: JSON.stringify(EXISTING.subnets.map(s => s.id)),
};

describe("config/lookups lookupAwsFacts", () => {
    it("rejects an adopted subnet that maps no public IPv4 address for servers with publicIp", async () => {
        const errors = await lookupErrors({ ...ADOPTED, publicIp: "true" }, { model: new UnmappedSubnetModel({ region: REGION }) });
        assert.deepEqual(errors, [
            `ec2-server:existingSubnetIds: got "${EXISTING.subnets[1].id}", expected a subnet with mapPublicIpOnLaunch (auto-assign public IPv4) on, because ec2-server:publicIp is true and servers take their public address from the subnet (turn it on for the subnet, or set elasticIp: true or publicIp: false)`,
        ]);
    });

    it("adopts a subnet that maps no public address for an Auto Scaling group with publicIp: its launch template sends associatePublicIpAddress itself", async () => {
        const raw = { ...ADOPTED, publicIp: "true", autoScaling: JSON.stringify({ max: 4 }) };
        const result = await facts(raw, { model: new UnmappedSubnetModel({ region: REGION }) });
        assert.deepEqual(result.adoptedSubnets, [
            { id: EXISTING.subnets[0].id, availabilityZone: "ap-northeast-2a", vpcId: EXISTING.vpcId },
            { id: EXISTING.subnets[1].id, availabilityZone: "ap-northeast-2b", vpcId: EXISTING.vpcId },
        ]);
        // The same subnets for fixed servers with publicIp: still refused (the first test above).
        const { autoScaling: _group, ...fixed } = raw;
        assert.deepEqual(await lookupErrors(fixed, { model: new UnmappedSubnetModel({ region: REGION }) }), [
            `ec2-server:existingSubnetIds: got "${EXISTING.subnets[1].id}", expected a subnet with mapPublicIpOnLaunch (auto-assign public IPv4) on, because ec2-server:publicIp is true and servers take their public address from the subnet (turn it on for the subnet, or set elasticIp: true or publicIp: false)`,
        ]);
    });

    it("adopts a subnet that maps no public address for servers with an Elastic IP or without a public address", async () => {
        for (const raw of [{ ...ADOPTED, publicIp: "false", elasticIp: "true" }, { ...ADOPTED, publicIp: "true", elasticIp: "true" }, { ...ADOPTED, publicIp: "false" }]) {
            const result = await facts(raw, { model: new UnmappedSubnetModel({ region: REGION }) });
            assert.deepEqual(result.adoptedSubnets.map(s => s.id), EXISTING.subnets.map(s => s.id));
        }
    });

    it("reports a subnet AWS does not find as missing, and a failed subnet lookup with AWS's own text", async () => {
        const missing = "subnet-0123456789abcdef0";
        const notFound = await lookupErrors({ ...ADOPTED, existingSubnetIds: JSON.stringify([EXISTING.subnets[0].id, missing]) }, { model: new AwsModel({ region: REGION }) });
        assert.deepEqual(notFound, [`ec2-server:existingSubnetIds: got "${missing}", expected a subnet that exists in ap-northeast-2`]);
        const denied = await lookupErrors(ADOPTED, { model: new DeniedSubnetsModel({ region: REGION }) });
        assert.deepEqual(denied, EXISTING.subnets.map(s =>
            `ec2-server:existingSubnetIds: got "${s.id}", but looking it up failed, so whether it exists is unknown (AWS said: ${DENIED_SUBNETS})`));
    });

    describe("an adopted network's loadBalancer.subnetIds", () => {
        const [A, B] = EXISTING.subnets.map(s => s.id);
        const withLb = (subnetIds: string[]) => ({ ...ADOPTED, loadBalancer: JSON.stringify({ subnetIds }) });

        it("are looked up: their zones and VPC come back in the facts", async () => {
            const result = await facts(withLb([B, A]));
            assert.deepEqual(result.loadBalancerSubnets, [
                { id: B, availabilityZone: "ap-northeast-2b", vpcId: EXISTING.vpcId },
                { id: A, availabilityZone: "ap-northeast-2a", vpcId: EXISTING.vpcId },
            ]);
            assert.deepEqual((await facts(ADOPTED)).loadBalancerSubnets, []);
        });

        it("a subnet that does not exist, a subnet of another VPC", async () => {
            const missing = "subnet-0123456789abcdef0";
            const foreign = EXISTING.foreignSubnet;
            const errors = await lookupErrors(withLb([A, missing, foreign.id]), { model: new AwsModel({ region: REGION }) });
            assert.deepEqual(errors, [
                `ec2-server:loadBalancer.subnetIds: got "${missing}", expected a subnet that exists in ap-northeast-2`,
                `ec2-server:loadBalancer.subnetIds: got "${foreign.id}", expected a subnet of ec2-server:existingVpcId ${EXISTING.vpcId} (it is in ${foreign.vpcId})`,
            ]);
        });

        it("subnets of one zone: an ALB takes one subnet per zone, in two zones or more", async () => {
            const errors = await lookupErrors(withLb([A, B]), { model: new OneZoneModel({ region: REGION }) });
            assert.deepEqual(errors, [
                `ec2-server:loadBalancer.subnetIds: got ["${A}","${B}"], expected one subnet per availability zone (${A}, ${B} are all in ap-northeast-2a): a load balancer takes one subnet in each of its zones`,
                `ec2-server:loadBalancer.subnetIds: got ["${A}","${B}"], expected subnets in at least 2 availability zones (they are all in ap-northeast-2a): an Application Load Balancer needs two or more zones`,
            ]);
        });

        it("a failed lookup is reported with AWS's own text", async () => {
            const errors = await lookupErrors(withLb([A, B]), { model: new DeniedSubnetsModel({ region: REGION }) });
            assert.deepEqual(errors.filter(e => e.startsWith("ec2-server:loadBalancer.subnetIds")), [A, B].map(id =>
                `ec2-server:loadBalancer.subnetIds: got "${id}", but looking it up failed, so whether it exists is unknown (AWS said: ${DENIED_SUBNETS})`));
        });
    });

    it("rejects KMS keys of another region: EBS volumes use keys of their own region only", async () => {
        const errors = await lookupErrors({
            rootVolume: JSON.stringify({ sizeGiB: 8, kmsKeyId: KEY("us-east-1") }),
            dataVolumes: JSON.stringify([
                { name: "data", sizeGiB: 10, deviceName: "/dev/sdf", kmsKeyId: KEY(REGION) },
                { name: "logs", sizeGiB: 10, deviceName: "/dev/sdg", kmsKeyId: KEY("eu-west-1", "mrk-1234abcd12ab34cd56ef1234567890ab") },
            ]),
        });
        assert.deepEqual(errors, [
            `ec2-server:rootVolume.kmsKeyId: got "${KEY("us-east-1")}", expected a KMS key in ap-northeast-2, the stack's region (this key is in us-east-1; EBS encrypts only with a key of the volume's own region)`,
            `ec2-server:dataVolumes[1].kmsKeyId: got "${KEY("eu-west-1", "mrk-1234abcd12ab34cd56ef1234567890ab")}", expected a KMS key in ap-northeast-2, the stack's region (this key is in eu-west-1; EBS encrypts only with a key of the volume's own region)`,
        ]);
    });

    it("reports a failed AMI lookup with AWS's own error text, not as a missing image", async () => {
        const errors = await lookupErrors({}, { model: new DeniedImagesModel({ region: REGION }) });
        assert.deepEqual(errors, [
            `ec2-server:ami: got "al2023", but looking up its image ${AL2023} failed, so whether it exists is unknown (AWS said: ${DENIED})`,
        ]);
        const pinned = await lookupErrors({ ami: "ami-0123456789abcdef0" }, { model: new DeniedImagesModel({ region: REGION }) });
        assert.deepEqual(pinned, [
            `ec2-server:ami: got "ami-0123456789abcdef0", but looking up its image ami-0123456789abcdef0 failed, so whether it exists is unknown (AWS said: ${DENIED})`,
        ]);
    });

    it("reports an image AWS does not return as missing", async () => {
        const errors = await lookupErrors({ ami: "ami-0badbadbadbadbad0" }, { model: new AwsModel({ region: REGION }) });
        assert.deepEqual(errors, ["ec2-server:ami: got \"ami-0badbadbadbadbad0\", expected an AMI visible in this region (no image ami-0badbadbadbadbad0 was found)"]);
    });

    it("rejects a group's extra instance types of another architecture than the AMI: every type boots the one launch template", async () => {
        const rhelArm = PINNED_IMAGES[2];
        const errors = await lookupErrors({
            ami: rhelArm.id,
            rootVolume: JSON.stringify({ sizeGiB: rhelArm.rootSizeGiB }),
            autoScaling: JSON.stringify({ max: 4, instanceTypes: ["t3a.micro", "m5.large"] }),
        });
        assert.deepEqual(errors, [
            `ec2-server:instanceType "t3.micro" is x86_64 but the AMI ${rhelArm.id} (${rhelArm.name}) is arm64; choose a matching instance type or AMI`,
            `ec2-server:autoScaling.instanceTypes[0] "t3a.micro" is x86_64 but the AMI ${rhelArm.id} (${rhelArm.name}) is arm64; choose a matching instance type or AMI`,
            `ec2-server:autoScaling.instanceTypes[1] "m5.large" is x86_64 but the AMI ${rhelArm.id} (${rhelArm.name}) is arm64; choose a matching instance type or AMI`,
        ]);
    });

    it("accepts a group's extra instance types of the AMI's architecture", async () => {
        const rhelArm = PINNED_IMAGES[2];
        const result = await facts({
            ami: rhelArm.id,
            instanceType: "m7g.large",
            rootVolume: JSON.stringify({ sizeGiB: rhelArm.rootSizeGiB }),
            autoScaling: JSON.stringify({ max: 4, instanceTypes: ["m6g.large", "t4g.large"] }),
        });
        assert.deepEqual({ id: result.ami.id, architecture: result.ami.architecture }, { id: rhelArm.id, architecture: "arm64" });
    });

    it("accepts KMS keys of the stack's region", async () => {
        const result = await facts({
            rootVolume: JSON.stringify({ sizeGiB: 8, kmsKeyId: KEY(REGION) }),
            dataVolumes: JSON.stringify([{ name: "data", sizeGiB: 10, deviceName: "/dev/sdf", kmsKeyId: KEY(REGION) }]),
        });
        assert.equal(result.region, REGION);
    });
});
