// offline/facts.ts and offline/facts-schema.ts (the facts file, the not-verified record, facts from a state) and the open world of the AWS model that
// the facts feed (offline/aws/world.ts: unknown images, subnets, groups and VPCs assumed, described or refused).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { ConfigError, RawConfig, parseConfig } from "../../config";
import { AwsFacts, lookupAwsFacts } from "../../config/lookups";
import { ipv4Contains, parseIpv4Cidr } from "../../lib/cidr";
import { Instance, InstanceArgs } from "../../components/instance";
import { AwsModel, EXISTING, PINNED_IMAGES } from "../../offline/aws/model";
import {
    FactsFormatError, NotVerified, OfflineFacts, OpenWorld, describeAssumption, emptyFacts, factsFromState, mergeFacts, openWorldFromConfig,
    parseFacts, readFactsFile, renderNotVerified,
} from "../../offline/facts";
import { ProgramError, runInStack } from "../../offline/program";
import type { StateResource } from "../../offline/state";
import { AMI, SG_1, SUBNET_A, SUBNET_C, VPC } from "../fixtures/open-world/ids";

const REGION = "ap-northeast-2";
const FIXTURE = path.join(__dirname, "..", "fixtures", "open-world", "facts.yaml");
const SG = SG_1;

const ASSUMED_AMI_X86 = "assumed x86_64 (to match instance type t3.micro), platform linux; unknown: root snapshot size (the root volume's minimum size is not checked), name and so the login user (outputs show <login-user>)";

/** Runs the program's lookups for a raw config against `model`; returns the facts or the ConfigError's messages. */
async function lookups(raw: RawConfig, model: AwsModel): Promise<AwsFacts | string[]> {
    try {
        return (await runInStack(() => lookupAwsFacts(parseConfig(raw)), { model })).result;
    } catch (err) {
        assert.ok(err instanceof ProgramError, `expected a ProgramError, got ${err}`);
        assert.ok(err.cause instanceof ConfigError, `expected a ConfigError, got ${err.message}`);
        return err.cause.errors;
    }
}

/** An open-world model for a stack with these settings (the defaults: t3.micro with a public IP, adopting VPC). */
function open(facts?: OfflineFacts, world: OpenWorld = {}): AwsModel {
    return new AwsModel({ region: REGION, facts, openWorld: { vpcId: VPC, instanceType: "t3.micro", mapPublicIpOnLaunch: true, ...world } });
}

const ASSUMED_SUBNET = (zone: string) => `assumed zone ${zone} (unknown subnets take the region's zones in turn), VPC ${VPC} (the stack's existingVpcId), mapPublicIpOnLaunch on (the stack's servers take their public IPv4 address from the subnet); unknown: CIDR (private IPs show <private-ip>)`;

function stateResource(type: string, id: string | undefined, outputs: Record<string, unknown>, custom = true): StateResource {
    return {
        urn: `urn:pulumi:prod::ec2-server::${type}::${id ?? "c"}`, type, id, custom, inputs: {}, outputs,
        dependencies: [], propertyDependencies: {}, protect: false, retainOnDelete: false,
    };
}

describe("offline/facts", () => {
    describe("the facts file", () => {
        it("loads the documented example (tests/fixtures/open-world/facts.yaml) to exactly these facts", () => {
            const source = `facts file ${FIXTURE}`;
            assert.deepEqual(readFactsFile(FIXTURE), {
                images: {
                    [AMI]: {
                        architecture: "x86_64", rootSizeGiB: 8, platform: "linux", name: "acme-golden-ubuntu-24.04-20251101",
                        description: "Acme golden image, Ubuntu 24.04 LTS, CIS level 1", source,
                    },
                },
                subnets: {
                    [SUBNET_A]: { availabilityZone: "ap-northeast-2a", vpcId: VPC, cidr: "10.20.0.0/20", source },
                    [SUBNET_C]: { availabilityZone: "ap-northeast-2c", vpcId: VPC, cidr: "10.20.16.0/20", source },
                },
                securityGroups: { [SG]: { vpcId: VPC, source } },
                vpcs: { [VPC]: { cidr: "10.20.0.0/16", source } },
            });
        });

        it("reports every problem at once", () => {
            const bad = {
                version: 2, amis: {},
                images: { "ami-123": { architecture: "amd64" }, [AMI]: { rootSizeGiB: 0, platform: "Windows", loginUser: "ubuntu", name: "" } },
                subnets: { [SUBNET_A]: { availabilityZone: "Seoul", vpcId: "vpc-1", cidr: "10.20.0.1/20" }, [SUBNET_C]: { vpcId: VPC, cidr: "10.30.0.0/20" } },
                securityGroups: [SG],
                vpcs: { [VPC]: { cidr: "10.20.0.0/16" }, [SG]: "x" },
            };
            assert.throws(() => parseFacts(bad, "bad.yaml"), (err: unknown) => {
                assert.ok(err instanceof FactsFormatError);
                assert.deepEqual(err.problems, [
                    "version: got 2, expected 1",
                    "amis: unknown section (expected images, subnets, securityGroups, vpcs)",
                    "images.ami-123: not an id like ami-0123456789abcdef0",
                    "images.ami-123.architecture: got \"amd64\", expected one of x86_64, arm64",
                    `images.${AMI}.rootSizeGiB: got 0, expected an integer size in GiB from 1 to 65536`,
                    `images.${AMI}.platform: got "Windows", expected one of linux, windows`,
                    `images.${AMI}.loginUser: unknown field (expected architecture, rootSizeGiB, platform, name, description; the program derives the login user from the AMI's name and description, as in \`pulumi up\`: give name)`,
                    `images.${AMI}.name: got "", expected a non-empty string of at most 128 characters`,
                    `subnets.${SUBNET_A}.availabilityZone: got "Seoul", expected a zone name like ap-northeast-2a`,
                    `subnets.${SUBNET_A}.vpcId: got "vpc-1", expected an id like vpc-0123456789abcdef0`,
                    `subnets.${SUBNET_A}.cidr: got "10.20.0.1/20", expected an IPv4 CIDR with no host bits, like 10.20.0.0/20`,
                    "securityGroups: expected a mapping of id to facts",
                    `vpcs.${SG}: not an id like vpc-0123456789abcdef0`,
                    `vpcs.${SG}: expected a mapping of cidr`,
                    `subnets.${SUBNET_C}.cidr: got "10.30.0.0/20", expected a block inside its VPC ${VPC} (10.20.0.0/16)`,
                ]);
                assert.equal(err.message.split("\n")[0], "bad.yaml is not a valid facts file (version 1):");
                return true;
            });
        });

        it("refuses a document that is not a mapping, a missing file and bad YAML, naming the file", () => {
            assert.throws(() => parseFacts(["images"], "list.yaml"), { message: "list.yaml is not a valid facts file (version 1):\n  - top level is not a mapping" });
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-facts-"));
            try {
                const missing = path.join(dir, "missing.yaml");
                assert.throws(() => readFactsFile(missing), { message: `cannot read facts file ${missing}: ENOENT` });
                const broken = path.join(dir, "broken.yaml");
                fs.writeFileSync(broken, "version: 1\nimages: [\n");
                assert.throws(() => readFactsFile(broken), { message: `${broken} is not a valid facts file (version 1):\n  - not valid YAML: unexpected end of the stream within a flow collection (3:1)` });
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("takes the VPC and instance type an unknown id is assumed to match from the stack's config", () => {
            assert.deepEqual(openWorldFromConfig({ "aws:region": REGION, "ec2-server:existingVpcId": VPC, "ec2-server:instanceType": "t4g.small", "ec2-server:publicIp": "true", "ec2-server:elasticIp": "false" }),
                { vpcId: VPC, instanceType: "t4g.small", mapPublicIpOnLaunch: true });
            // An Elastic IP, or no public address: the subnet's mapping is not needed, so it is not assumed.
            assert.deepEqual(openWorldFromConfig({ "ec2-server:publicIp": "true", "ec2-server:elasticIp": "true" }), { vpcId: undefined, instanceType: undefined, mapPublicIpOnLaunch: false });
            assert.deepEqual(openWorldFromConfig({ "ec2-server:publicIp": "false" }), { vpcId: undefined, instanceType: undefined, mapPublicIpOnLaunch: false });
        });
    });

    describe("mergeFacts and factsFromState", () => {
        it("merges field by field: a later set wins, and the entry names every source it used", () => {
            const file = parseFacts({ version: 1, subnets: { [SUBNET_A]: { availabilityZone: "ap-northeast-2b", cidr: "10.20.0.0/20" } } }, "f.yaml");
            const state = emptyFacts();
            state.subnets[SUBNET_A] = { availabilityZone: "ap-northeast-2a", source: "state" };
            state.images[AMI] = { architecture: "arm64", source: "state" };
            assert.deepEqual(mergeFacts(file, state), {
                images: { [AMI]: { architecture: "arm64", source: "state" } },
                subnets: { [SUBNET_A]: { availabilityZone: "ap-northeast-2a", cidr: "10.20.0.0/20", source: "facts file f.yaml and state" } },
                securityGroups: {},
                vpcs: {},
            });
        });

        it("derives zones, VPCs, CIDRs and AMI architectures from a deployed stack's outputs, skipping what is not well-formed", () => {
            const resources: StateResource[] = [
                stateResource("pulumi:pulumi:Stack", undefined, { amiId: AMI }, false),
                stateResource("aws:ec2/vpc:Vpc", "vpc-0123456789abcdef1", { cidrBlock: "10.0.0.0/16" }),
                stateResource("aws:ec2/subnet:Subnet", "subnet-0123456789abcdef1", { availabilityZone: "ap-northeast-2b", vpcId: "vpc-0123456789abcdef1", cidrBlock: "10.0.16.0/20" }),
                stateResource("aws:ec2/securityGroup:SecurityGroup", "sg-0123456789abcdef1", { vpcId: "vpc-0123456789abcdef1" }),
                // An adopted subnet: only the instance in it tells its zone; a Graviton type tells the AMI's architecture.
                stateResource("aws:ec2/instance:Instance", "i-0123456789abcdef0", { ami: AMI, instanceType: "t4g.small", subnetId: SUBNET_A, availabilityZone: "ap-northeast-2a" }),
                // No zone on the instance: the attached volume's zone is the instance's.
                stateResource("aws:ec2/instance:Instance", "i-0123456789abcdef1", { ami: AMI, instanceType: "t4g.small", subnetId: SUBNET_C }),
                stateResource("aws:ebs/volume:Volume", "vol-0123456789abcdef1", { availabilityZone: "ap-northeast-2c" }),
                stateResource("aws:ec2/volumeAttachment:VolumeAttachment", "vai-1", { volumeId: "vol-0123456789abcdef1", instanceId: "i-0123456789abcdef1" }),
                // Secret (ciphertext) and unknown values are not facts.
                stateResource("aws:ec2/vpc:Vpc", "vpc-0123456789abcdef2", { cidrBlock: { [specialSigKey]: specialSecretSig, ciphertext: "x" } }),
                stateResource("aws:ec2/instance:Instance", "i-0123456789abcdef2", { ami: "ami-0aaaaaaaaaaaaaaa1", instanceType: "x9.huge", subnetId: "subnet-1" }),
            ];
            assert.deepEqual(factsFromState(resources), {
                images: { [AMI]: { architecture: "arm64", source: "state" } },
                subnets: {
                    "subnet-0123456789abcdef1": { availabilityZone: "ap-northeast-2b", vpcId: "vpc-0123456789abcdef1", cidr: "10.0.16.0/20", source: "state" },
                    [SUBNET_A]: { availabilityZone: "ap-northeast-2a", source: "state" },
                    [SUBNET_C]: { availabilityZone: "ap-northeast-2c", source: "state" },
                },
                securityGroups: { "sg-0123456789abcdef1": { vpcId: "vpc-0123456789abcdef1", source: "state" } },
                vpcs: { "vpc-0123456789abcdef1": { cidr: "10.0.0.0/16", source: "state" } },
            });
        });
    });

    describe("the not-verified record", () => {
        it("keeps each assumption once, AMIs first, then VPCs, subnets, groups, prefix lists, snapshots, KMS keys", () => {
            const nv = new NotVerified();
            nv.record("KMS key alias/x", "k");
            nv.record(SG, "g");
            nv.record(SUBNET_C, "c");
            nv.record(AMI, "a");
            nv.record(SUBNET_A, "a2");
            nv.record(SUBNET_C, "c");
            nv.record("pl-0123456789abcdef0", "p");
            assert.deepEqual(nv.list.map(a => `${a.subject} ${a.assumed}`), [
                `${AMI} a`, `${SUBNET_C} c`, `${SUBNET_A} a2`, `${SG} g`, "pl-0123456789abcdef0 p", "KMS key alias/x k",
            ]);
        });

        it("lists what the model assumed about the region (its zones, its ALB hosted zone) before any id", () => {
            const nv = new NotVerified();
            nv.record(AMI, "a");
            nv.record("ALB hosted zone of ap-east-2", "h");
            nv.record("zones of ap-east-2", "z");
            assert.deepEqual(nv.list.map(a => a.subject), ["zones of ap-east-2", "ALB hosted zone of ap-east-2", AMI]);
            // The model records its assumed zone names when it is made for such a region, and nothing for one it knows.
            assert.deepEqual(new AwsModel({ region: "mx-central-1" }).assumptions, [{
                subject: "zones of mx-central-1",
                assumed: "assumed mx-central-1a, mx-central-1b, mx-central-1c (three zones, named as in the Regions AWS names alike for every account; not checked against AWS)",
            }]);
            assert.deepEqual(new AwsModel({ region: "sa-east-1" }).assumptions, []);
        });

        it("says what was told, assumed and unknown; renders nothing when nothing was assumed", () => {
            assert.equal(describeAssumption({ told: ["zone a"], source: "state", assumed: ["VPC v"], unknown: ["CIDR"] }), "zone a (from state); assumed VPC v; unknown: CIDR");
            assert.equal(describeAssumption({ told: [], assumed: ["to exist"] }), "assumed to exist");
            assert.equal(renderNotVerified([]), "");
            assert.equal(renderNotVerified([{ subject: AMI, assumed: "assumed x" }]), [
                "Not verified offline (the AWS model cannot see these in your account; `pulumi up` looks each one up and fails if it is wrong):",
                `    ${AMI}: assumed x`,
            ].join("\n"));
        });
    });

    describe("the AWS model with facts, closed and open", () => {
        it("closed (tests): an unknown AMI is not found; one the facts describe is, with its facts", async () => {
            const getAmi = { token: "aws:ec2/getAmi:getAmi", inputs: { filters: [{ name: "image-id", values: [AMI] }] }, provider: "" };
            assert.throws(() => new AwsModel({ region: REGION }).call(getAmi), { message: "Your query returned no results. Please change your search criteria and try again." });
            const model = new AwsModel({ region: REGION, facts: readFactsFile(FIXTURE) });
            const facts = await lookups({ ami: AMI }, model) as AwsFacts;
            assert.deepEqual(facts.ami, {
                id: AMI, pinned: true, name: "acme-golden-ubuntu-24.04-20251101", architecture: "x86_64", rootDeviceName: "/dev/xvda",
                rootSnapshotSizeGiB: 8, platform: "", loginUser: "ubuntu",
            });
            assert.deepEqual(model.assumptions, [{ subject: AMI, assumed: `x86_64, platform linux, 8 GiB root snapshot, name acme-golden-ubuntu-24.04-20251101 (from facts file ${FIXTURE})` }]);
        });

        it("open: an unknown AMI takes the instance type's architecture, no root minimum, and an unknown login user", async () => {
            const x86 = open();
            const facts = await lookups({ ami: AMI }, x86) as AwsFacts;
            assert.deepEqual(facts.ami, { id: AMI, pinned: true, name: "", architecture: "x86_64", rootDeviceName: "/dev/xvda", rootSnapshotSizeGiB: 0, platform: "", loginUser: "<login-user>" });
            assert.deepEqual(x86.assumptions, [{ subject: AMI, assumed: ASSUMED_AMI_X86 }]);

            const arm = open(undefined, { instanceType: "t4g.small" });
            const armFacts = await lookups({ ami: AMI, instanceType: "t4g.small", rootVolume: JSON.stringify({ sizeGiB: 4 }) }, arm) as AwsFacts;
            assert.equal(armFacts.ami.architecture, "arm64");
            assert.deepEqual(arm.assumptions.map(a => a.assumed), [ASSUMED_AMI_X86.replace("x86_64 (to match instance type t3.micro)", "arm64 (to match instance type t4g.small)")]);
        });

        it("open: what the facts say is still checked, exactly as for a known AMI (architecture, root snapshot size)", async () => {
            const facts = parseFacts({ version: 1, images: { [AMI]: { architecture: "arm64", rootSizeGiB: 30 } } }, "f.yaml");
            assert.deepEqual(await lookups({ ami: AMI }, open(facts)), [
                `ec2-server:instanceType "t3.micro" is x86_64 but the AMI ${AMI} is arm64; choose a matching instance type or AMI`,
                `ec2-server:rootVolume.sizeGiB: got 8, expected at least 30 (the size of the root snapshot of ${AMI})`,
            ]);
        });

        it("open: the closed world's own ids are not known, however real they look (a pinned AMI, an adopted network): assumed and listed", async () => {
            // ami-0123456789abcdef0 is AWS's documentation placeholder: offline it is an image nobody has described.
            const model = open();
            const facts = await lookups({ ami: PINNED_IMAGES[0].id }, model) as AwsFacts;
            assert.deepEqual(facts.ami, { id: PINNED_IMAGES[0].id, pinned: true, name: "", architecture: "x86_64", rootDeviceName: "/dev/xvda", rootSnapshotSizeGiB: 0, platform: "", loginUser: "<login-user>" });
            assert.deepEqual(model.assumptions, [{ subject: PINNED_IMAGES[0].id, assumed: ASSUMED_AMI_X86 }]);
            const network = open(undefined, { vpcId: EXISTING.vpcId });
            const adopted = await lookups({ existingVpcId: EXISTING.vpcId, existingSubnetIds: JSON.stringify([EXISTING.subnets[0].id, EXISTING.foreignSubnet.id]) }, network) as AwsFacts;
            assert.deepEqual(adopted.adoptedSubnets.map(s => s.vpcId), [EXISTING.vpcId, EXISTING.vpcId]);
            assert.deepEqual(network.assumptions.map(a => a.subject), [EXISTING.subnets[0].id, EXISTING.foreignSubnet.id].sort());
        });

        it("open: unknown subnets take the region's zones in turn and the stack's VPC; a subnet of the facts is placed by them", async () => {
            const facts = parseFacts({ version: 1, subnets: { [SUBNET_C]: { availabilityZone: "ap-northeast-2c", vpcId: VPC } } }, "f.yaml");
            const model = open(facts);
            const other = "subnet-0d3e4f5a6b7c8d9e0";
            const result = await lookups({ existingVpcId: VPC, existingSubnetIds: JSON.stringify([SUBNET_A, SUBNET_C, other]) }, model) as AwsFacts;
            assert.deepEqual(result.adoptedSubnets, [
                { id: SUBNET_A, availabilityZone: "ap-northeast-2a", vpcId: VPC },
                { id: SUBNET_C, availabilityZone: "ap-northeast-2c", vpcId: VPC },
                { id: other, availabilityZone: "ap-northeast-2b", vpcId: VPC },
            ]);
            assert.deepEqual(model.assumptions, [
                { subject: SUBNET_A, assumed: ASSUMED_SUBNET("ap-northeast-2a") },
                { subject: SUBNET_C, assumed: "zone ap-northeast-2c, VPC vpc-0a1b2c3d4e5f67890 (from facts file f.yaml); assumed mapPublicIpOnLaunch on (the stack's servers take their public IPv4 address from the subnet); unknown: CIDR (private IPs show <private-ip>)" },
                { subject: other, assumed: ASSUMED_SUBNET("ap-northeast-2b") },
            ]);
        });

        it("refuses facts for another region's zones", () => {
            const facts = parseFacts({ version: 1, subnets: { [SUBNET_A]: { availabilityZone: "us-east-1a" } } }, "f.yaml");
            assert.throws(() => open(facts), { message: `facts for another region: subnet ${SUBNET_A} in us-east-1a (facts file f.yaml); the zones of ap-northeast-2 are ap-northeast-2a, ap-northeast-2b, ap-northeast-2c, ap-northeast-2d` });
        });
    });

    describe("the AWS model creating resources in what it does not know", () => {
        const instanceArgs = (over: Partial<InstanceArgs>): InstanceArgs => ({
            subnets: [{ id: SUBNET_A, availabilityZone: "ap-northeast-2a" }],
            securityGroupIds: [SG],
            ami: AMI,
            amiPinned: true,
            instanceType: "t3.micro",
            partition: { partition: "aws", dnsSuffix: "amazonaws.com" },
            rootVolume: { sizeGiB: 8, type: "gp3", encrypted: true },
            namePrefix: "app-dev",
            ...over,
        });

        it("open: a server in an unknown subnet with unknown groups gets placeholder private addresses, never made-up ones", async () => {
            const { model, resources } = await runInStack(() => new Instance("server", instanceArgs({})), { model: open() });
            const server = resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            assert.equal(server.state!.privateIp, "<private-ip>");
            assert.equal(server.state!.privateDns, "<private-dns>");
            assert.equal(server.state!.availabilityZone, "ap-northeast-2a");
            assert.deepEqual(model.assumptions, [
                { subject: AMI, assumed: ASSUMED_AMI_X86 },
                { subject: SUBNET_A, assumed: ASSUMED_SUBNET("ap-northeast-2a") },
                { subject: SG, assumed: `assumed to exist in VPC ${VPC} (the subnet's VPC); unknown: its rules` },
            ]);
        });

        it("open: an Elastic IP server in a subnet whose public mapping is unknown shows <public-ip> for its own address", async () => {
            const { model, resources } = await runInStack(() => new Instance("server", instanceArgs({ elasticIp: true })), { model: open(undefined, { mapPublicIpOnLaunch: false }) });
            const server = resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            assert.equal("associatePublicIpAddress" in server.inputs, false);
            assert.equal(server.state!.publicIp, "<public-ip>");
            assert.equal(server.state!.publicDns, "<public-dns>");
            assert.deepEqual(model.assumptions.filter(a => a.subject === SUBNET_A).map(a => a.assumed), [
                `assumed zone ap-northeast-2a (unknown subnets take the region's zones in turn), VPC ${VPC} (the stack's existingVpcId); unknown: CIDR (private IPs show <private-ip>)`,
                "unknown: whether it maps a public IPv4 address on launch (public IPs show <public-ip>)",
            ]);
        });

        it("open: a subnet CIDR from the facts gives real private addresses inside it", async () => {
            const { resources } = await runInStack(() => new Instance("server", instanceArgs({})), { model: open(readFactsFile(FIXTURE)) });
            const server = resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            assert.equal(ipv4Contains(parseIpv4Cidr("10.20.0.0/20")!, parseIpv4Cidr(`${server.state!.privateIp}/32`)!), true, String(server.state!.privateIp));
            assert.equal(server.state!.privateDns, `ip-${String(server.state!.privateIp).replace(/\./g, "-")}.ap-northeast-2.compute.internal`);
        });

        it("open: rejects what AWS would reject for certain (a group the facts put in another VPC, a malformed subnet id)", async () => {
            const facts = parseFacts({ version: 1, securityGroups: { [SG]: { vpcId: "vpc-0ffffffffffffffff" } } }, "f.yaml");
            await assert.rejects(runInStack(() => new Instance("server", instanceArgs({})), { model: open(facts) }),
                { message: `AWS rejected 1 resource(s):\naws:ec2/instance:Instance server-0: InvalidGroup.NotFound: The security group '${SG}' does not exist in VPC '${VPC}'` });
            await assert.rejects(runInStack(() => new Instance("server", instanceArgs({ subnets: [{ id: "subnet-123", availabilityZone: "ap-northeast-2a" }] })), { model: open() }),
                { message: "AWS rejected 1 resource(s):\naws:ec2/instance:Instance server-0: InvalidSubnetID.Malformed: The subnet ID 'subnet-123' is malformed" });
        });

        it("closed (tests): an unknown subnet does not exist, as before", async () => {
            await assert.rejects(runInStack(() => new Instance("server", instanceArgs({ ami: PINNED_IMAGES[0].id })), { model: new AwsModel({ region: REGION }) }),
                { message: `AWS rejected 1 resource(s):\naws:ec2/instance:Instance server-0: InvalidSubnetID.NotFound: The subnet ID '${SUBNET_A}' does not exist` });
        });
    });
});
