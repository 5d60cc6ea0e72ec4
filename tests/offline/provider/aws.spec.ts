/**
 * The simulated AWS provider's answers, called as the engine calls them (offline/provider/aws.ts); the whole
 * protocol runs under the real CLI in tests/e2e.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { AUTONAMED, parseUrn, secretKeysOf, SimAws, wrapSecrets } from "../../../offline/provider/aws";
import { ProviderError } from "../../../offline/provider/server";
import { accountFile, SIM_DIR_ENV } from "../../../offline/provider/account";
import { EXISTING } from "../../../offline/aws/model";

const STACK_URN = "urn:pulumi:dev::ec2-server";
const urn = (type: string, name: string, parent = "") => `${STACK_URN}::${parent}${type}::${name}`;
const SG = "aws:ec2/securityGroup:SecurityGroup";
const SEED = Buffer.from("0123456789abcdef0123456789abcdef");
const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

describe("offline/provider/aws (the simulated AWS provider)", () => {
    let dir: string;
    let saved: string | undefined;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "sim-aws-"));
        saved = process.env[SIM_DIR_ENV];
        process.env[SIM_DIR_ENV] = dir;
    });
    afterEach(() => {
        if (saved === undefined) {
            delete process.env[SIM_DIR_ENV];
        } else {
            process.env[SIM_DIR_ENV] = saved;
        }
        fs.rmSync(dir, { recursive: true, force: true });
    });

    const provider = () => {
        const p = new SimAws("7.48.0");
        p.configure(urn("pulumi:providers:aws", "default_7_48_0"), { region: "ap-northeast-2", defaultTags: JSON.stringify({ tags: { Project: "p" } }) });
        return p;
    };

    it("parses URNs, nested types included", () => {
        assert.deepEqual(parseUrn(urn("aws:ec2/vpc:Vpc", "network-vpc", "ec2-server:network:Network$")), { stack: "dev", type: "aws:ec2/vpc:Vpc", name: "network-vpc" });
    });

    it("checkConfig asks for a region", () => {
        assert.deepEqual(new SimAws("1").checkConfig("u", {}), [{ property: "region", reason: "Missing required configuration key aws:region: set it with `pulumi config set aws:region <region>`" }]);
        assert.deepEqual(new SimAws("1").checkConfig("u", { region: "eu-west-1" }), []);
    });

    it("check autonames as the bridge does: from the seed, kept from the old inputs' __defaults, none when the program names it", () => {
        const p = provider();
        const fresh = p.check(urn(SG, "firewall-sg"), {}, { vpcId: "vpc-1" }, SEED);
        assert.match(String(fresh.inputs.name), /^firewall-sg-[0-9a-f]{7}$/);
        assert.deepEqual(fresh.inputs.__defaults, ["name"]);
        assert.equal(p.check(urn(SG, "firewall-sg"), {}, { vpcId: "vpc-1" }, SEED).inputs.name, fresh.inputs.name);
        assert.notEqual(p.check(urn(SG, "firewall-sg"), {}, { vpcId: "vpc-1" }, Buffer.from("another seed")).inputs.name, fresh.inputs.name);
        // An update: the old autoname stays.
        assert.equal(p.check(urn(SG, "firewall-sg"), { name: "firewall-sg-aaaaaaa", __defaults: ["name"] }, { vpcId: "vpc-1" }, SEED).inputs.name, "firewall-sg-aaaaaaa");
        assert.deepEqual(p.check(urn(SG, "firewall-sg"), {}, { name: "mine", vpcId: "vpc-1" }, SEED).inputs, { name: "mine", vpcId: "vpc-1", __defaults: [] });
        assert.deepEqual(p.check(urn(SG, "firewall-sg"), {}, { namePrefix: "fw-", vpcId: "vpc-1" }, SEED).inputs, { namePrefix: "fw-", vpcId: "vpc-1", __defaults: [] });
        const long = "a".repeat(30);
        assert.deepEqual(p.check(urn("aws:lb/targetGroup:TargetGroup", long), {}, {}, SEED).failures, [
            { property: "name", reason: `could not make instance of 'aws:lb/targetGroup:TargetGroup': name '${long}-' plus 7 random chars is longer than maximum length 32` },
        ]);
        assert.deepEqual(AUTONAMED["aws:iam/role:Role"], { property: "name", maxLength: 64 });
    });

    it("diff: the changed paths, what replaces, and deleteBeforeReplace only for a name the program chose", () => {
        const p = provider();
        const olds = { name: "fw-1234567", vpcId: EXISTING.vpcId, description: "a", tags: { Name: "x" }, tagsAll: { Project: "p", Name: "x" } };
        const oldInputs = { name: "fw-1234567", vpcId: EXISTING.vpcId, description: "a", tags: { Name: "x" }, __defaults: ["name"] };
        assert.deepEqual(p.diff(urn(SG, "fw"), "sg-1", olds, { ...oldInputs }, oldInputs, []), { changes: [], deleteBeforeReplace: false });
        const replaced = p.diff(urn(SG, "fw"), "sg-1", olds, { ...oldInputs, description: "b", tags: { Name: "y" } }, oldInputs, []);
        assert.deepEqual(replaced.changes.map(c => [c.path, c.kind, c.replaces]), [["description", "update", true], ["tags.Name", "update", false], ["tagsAll", "update", false]]);
        assert.equal(replaced.deleteBeforeReplace, false);
        const named = { ...oldInputs, description: "b", __defaults: [] };
        assert.equal(p.diff(urn(SG, "fw"), "sg-1", olds, named, oldInputs, []).deleteBeforeReplace, true);
        // ignoreChanges: the old value stands.
        assert.deepEqual(p.diff(urn(SG, "fw"), "sg-1", olds, { ...oldInputs, description: "b" }, oldInputs, ["description"]).changes, []);
    });

    it("create, read, update and delete against the account file; a secret input never reaches the file in clear", () => {
        const p = provider();
        const vpc = p.create(urn("aws:ec2/vpc:Vpc", "net-vpc"), { cidrBlock: "10.0.0.0/16", enableDnsHostnames: true, tags: { Name: "v" } }, false);
        assert.match(vpc.id, /^vpc-0[0-9a-f]{16}$/);
        assert.deepEqual(vpc.outputs.tagsAll, { Project: "p", Name: "v" });
        const template = p.create(urn("aws:ec2/launchTemplate:LaunchTemplate", "t"), { name: "t-1234567", userData: secret(Buffer.from("TOKEN=s3cr3t").toString("base64")), __defaults: ["name"] }, false);
        assert.deepEqual(secretKeysOf(template.outputs), new Set(["userData"]));
        const file = fs.readFileSync(accountFile(dir, "dev"), "utf8");
        assert.equal(file.includes(Buffer.from("TOKEN=s3cr3t").toString("base64")), false);
        assert.equal(file.includes("s3cr3t"), false);
        // A read gets the value back from what the engine holds when the digest matches.
        const read = p.read(urn("aws:ec2/launchTemplate:LaunchTemplate", "t"), template.id, template.outputs, { name: "t-1234567", userData: secret(Buffer.from("TOKEN=s3cr3t").toString("base64")) })!;
        assert.deepEqual(read.outputs.userData, secret(Buffer.from("TOKEN=s3cr3t").toString("base64")));
        assert.equal(read.outputs.latestVersion, 1);
        // An update of the template data makes version 2; in a preview that version is unknown.
        const olds = template.outputs;
        const news = { name: "t-1234567", userData: secret(Buffer.from("TOKEN=other").toString("base64")), __defaults: ["name"] };
        const previewed = p.update(urn("aws:ec2/launchTemplate:LaunchTemplate", "t"), template.id, olds, news, { name: "t-1234567", userData: olds.userData, __defaults: ["name"] }, [], true);
        assert.equal(previewed.latestVersion, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
        const updated = p.update(urn("aws:ec2/launchTemplate:LaunchTemplate", "t"), template.id, olds, news, { name: "t-1234567", userData: olds.userData, __defaults: ["name"] }, [], false);
        assert.equal(updated.latestVersion, 2);
        // Another process (the next CLI run) sees what this one wrote.
        const next = provider();
        assert.equal(next.read(urn("aws:ec2/launchTemplate:LaunchTemplate", "t"), template.id, updated, news)!.outputs.latestVersion, 2);
        next.delete(urn("aws:ec2/vpc:Vpc", "net-vpc"), vpc.id, vpc.outputs);
        assert.equal(next.read(urn("aws:ec2/vpc:Vpc", "net-vpc"), vpc.id, vpc.outputs, {}), undefined);
        // Deleting what is already gone is done.
        next.delete(urn("aws:ec2/vpc:Vpc", "net-vpc"), vpc.id, vpc.outputs);
    });

    it("a replacement is the model's next round: new ids, so old and new exist side by side until the old one is deleted", () => {
        const p = provider();
        const a = p.create(urn("aws:ec2/vpc:Vpc", "net-vpc"), { cidrBlock: "10.0.0.0/16" }, false);
        const b = p.create(urn("aws:ec2/vpc:Vpc", "net-vpc"), { cidrBlock: "10.1.0.0/16" }, false);
        assert.notEqual(a.id, b.id);
    });

    it("what AWS refuses is the provider's error: create, update and delete", () => {
        const p = provider();
        assert.throws(() => p.create(urn("aws:ec2/vpc:Vpc", "v"), { cidrBlock: "10.0.0.0/8" }, false), { message: "InvalidVpc.Range: The CIDR '10.0.0.0/8' is invalid (a VPC takes /16 to /28)" });
        const vol = p.create(urn("aws:ebs/volume:Volume", "data"), { availabilityZone: "ap-northeast-2a", size: 20, type: "gp3", encrypted: true }, false);
        assert.throws(() => p.update(urn("aws:ebs/volume:Volume", "data"), vol.id, vol.outputs, { availabilityZone: "ap-northeast-2a", size: 10, type: "gp3", encrypted: true }, { availabilityZone: "ap-northeast-2a", size: 20, type: "gp3", encrypted: true }, [], false),
            { message: `InvalidParameterValue: New size cannot be smaller than existing size (${vol.id}: 20 GiB → 10 GiB)` });
        // The load balancer's deletion protection refuses DeleteLoadBalancer.
        const alb = p.create(urn("aws:lb/loadBalancer:LoadBalancer", "web-alb"), { loadBalancerType: "application", subnets: EXISTING.subnets.map(x => x.id), securityGroups: [EXISTING.securityGroupIds[0]], enableDeletionProtection: true, name: "web-alb-1234567" }, false);
        assert.throws(() => p.delete(urn("aws:lb/loadBalancer:LoadBalancer", "web-alb"), alb.id, alb.outputs), { message: `OperationNotPermitted: Load balancer '${alb.id}' cannot be deleted because deletion protection is enabled` });
    });

    it("a preview plans what AWS would refuse at up; an up that AWS applied in part reports that part with the error", () => {
        const p = provider();
        const lt = { id: "lt-0123456789abcdef0", version: "1" };
        const mixed = { launchTemplate: { launchTemplateSpecification: { launchTemplateId: lt.id, version: "1" }, overrides: [{ instanceType: "t3.micro" }] }, instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100 } };
        const template = p.create(urn("aws:ec2/launchTemplate:LaunchTemplate", "t"), { name: "t-1", imageId: "ami-0123456789abcdef0", instanceType: "t3.micro" }, false);
        lt.id = template.id;
        mixed.launchTemplate.launchTemplateSpecification.launchTemplateId = template.id;
        const base = { name: "g-1", minSize: 1, maxSize: 2, vpcZoneIdentifiers: [EXISTING.subnets[0].id], instanceRefresh: { strategy: "Rolling" }, waitForCapacityTimeout: "0" };
        const group = p.create(urn("aws:autoscaling/group:Group", "g"), { ...base, launchTemplate: lt }, false);
        const news = { ...base, mixedInstancesPolicy: mixed, __defaults: [] };
        // The program moves to the mixed form; launchTemplate stays planned from state.
        const planned = p.update(urn("aws:autoscaling/group:Group", "g"), group.id, group.outputs, news, { ...base, launchTemplate: lt }, [], true);
        assert.deepEqual(planned.mixedInstancesPolicy, mixed);
        let error: ProviderError | undefined;
        try {
            p.update(urn("aws:autoscaling/group:Group", "g"), group.id, group.outputs, news, { ...base, launchTemplate: lt }, [], false);
        } catch (err) {
            error = err as ProviderError;
        }
        assert.ok(error instanceof ProviderError);
        assert.match(error.message, /^ValidationError: the group g-1 is updated, then StartInstanceRefresh gets a DesiredConfiguration with both/);
        assert.equal(error.partial?.id, group.id);
        assert.equal("launchTemplate" in error.partial!.outputs, false);
        // AWS has the new form: a refresh reads it, and the next update has nothing left to send twice.
        const read = p.read(urn("aws:autoscaling/group:Group", "g"), group.id, error.partial!.outputs, news)!;
        assert.equal("launchTemplate" in read.outputs, false);
        assert.deepEqual((read.outputs.mixedInstancesPolicy as typeof mixed).launchTemplate.overrides, mixed.launchTemplate.overrides);
    });

    it("invokes answer from the model, and an unknown one is an error", () => {
        const p = provider();
        assert.deepEqual(p.invoke("aws:index/getRegion:getRegion", {}).name, "ap-northeast-2");
        assert.throws(() => p.invoke("aws:s3/getBucket:getBucket", {}), /no invoke aws:s3\/getBucket:getBucket/);
    });

    it("wraps the outputs of secret inputs as secrets", () => {
        assert.deepEqual(wrapSecrets({ a: 1, b: "x" }, new Set(["b"])), { a: 1, b: secret("x") });
    });
});
