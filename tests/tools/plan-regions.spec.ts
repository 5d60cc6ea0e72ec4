/**
 * Every commercial AWS region plans offline. The regions are those of the AWS Standard partition in
 * hashicorp/aws-sdk-go-base endpoints/endpoints_gen.go (generated from the AWS SDKs' partitions.json). Zone names
 * the model cannot know, and a load balancer's hosted zone where terraform-provider-aws does not list one, are
 * named under "Not verified offline" instead of being made up.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ALB_HOSTED_ZONE_IDS, AwsModel, REGION_ZONES } from "../../offline/aws/model";
import { runPlan } from "../../tools/plan";

const ROOT = path.join(__dirname, "..", "..");

const COMMERCIAL_REGIONS = [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
    "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
];

/** A project directory with the real Pulumi.yaml and the given stack files. */
function project(stacks: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-regions-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    for (const [name, text] of Object.entries(stacks)) {
        fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), text);
    }
    return dir;
}

/** Stacks like the shipped ones (one server with a public IP; two zones, private subnets and a retained volume; an ALB), in `region`. */
const STACKS: Record<string, string> = {
    dev: [
        "config:",
        "  aws:region: REGION",
        "  ec2-server:instanceType: t3.micro",
        "  ec2-server:ami: al2023",
        "  ec2-server:publicIp: true",
        "  ec2-server:sshCidrs: [203.0.113.10/32]",
    ].join("\n"),
    prod: [
        "config:",
        "  aws:region: REGION",
        "  ec2-server:instanceType: t3.small",
        "  ec2-server:ami: al2023",
        "  ec2-server:availabilityZones: 2",
        "  ec2-server:privateSubnets: true",
        "  ec2-server:publicIp: false",
        "  ec2-server:keyPair: none",
        "  ec2-server:ssm: true",
        "  ec2-server:dataVolumes: [{ name: data, sizeGiB: 50, deviceName: /dev/sdf }]",
    ].join("\n"),
    web: [
        "config:",
        "  aws:region: REGION",
        "  ec2-server:instanceType: t3.small",
        "  ec2-server:ami: al2023",
        "  ec2-server:availabilityZones: 2",
        "  ec2-server:privateSubnets: true",
        "  ec2-server:publicIp: false",
        "  ec2-server:natGateways: single",
        "  ec2-server:keyPair: none",
        "  ec2-server:ssm: true",
        "  ec2-server:autoScaling: { min: 2, max: 6, cpuTarget: 50 }",
        "  ec2-server:loadBalancer: { targetPort: 80, healthCheckPath: / }",
    ].join("\n"),
};
const stackIn = (stack: string, region: string) => `${STACKS[stack].replace("REGION", region)}\n`;

describe("every commercial AWS region plans offline", () => {
    const dirs: string[] = [];
    after(() => {
        for (const d of dirs) {
            fs.rmSync(d, { recursive: true, force: true });
        }
    });

    it("the model knows every region of the AWS Standard partition, with zones named after it", () => {
        for (const region of COMMERCIAL_REGIONS) {
            const model = new AwsModel({ region });
            assert.ok(model.zones.length >= 2, region);
            assert.ok(model.zones.every(z => new RegExp(`^${region}[a-z]$`).test(z)), `${region}: ${model.zones.join(", ")}`);
            assert.equal(model.partition, "aws", region);
            assert.ok(region in ALB_HOSTED_ZONE_IDS, region);
        }
        assert.deepEqual(COMMERCIAL_REGIONS.filter(r => !(r in REGION_ZONES)), []);
    });

    it("in every one of them an elastic stack (NAT gateway, Session Manager endpoints, Auto Scaling group, ALB) plans with exit 0", async () => {
        const root = project(Object.fromEntries(COMMERCIAL_REGIONS.map(region => [region, stackIn("web", region)])));
        dirs.push(root);
        for (const region of COMMERCIAL_REGIONS) {
            const r = await runPlan({ root, stack: region, noPolicy: true });
            assert.equal(r.stderr, "", region);
            assert.equal(r.code, 0, `${region}: ${r.stdout}`);
        }
    });

    it("ap-southeast-1 and sa-east-1: dev and prod plan with exit 0, with the region's zones", async () => {
        for (const region of ["ap-southeast-1", "sa-east-1"]) {
            const root = project({ dev: stackIn("dev", region), prod: stackIn("prod", region) });
            dirs.push(root);
            for (const stack of ["dev", "prod"]) {
                const r = await runPlan({ root, stack, noPolicy: true });
                assert.equal(r.stderr, "", `${region} ${stack}`);
                assert.equal(r.code, 0, `${region} ${stack}: ${r.stdout}`);
                assert.ok(r.stdout.startsWith(`Previewing ec2-server/${stack} offline (Pulumi SDK mock runtime + the AWS model, ${region});`));
                assert.deepEqual(r.plan!.outputs.serverZones, [`${region}a`]);
                const subnets = r.plan!.resources.filter(x => x.type === "aws:ec2/subnet:Subnet").map(x => x.inputs.availabilityZone);
                assert.deepEqual([...new Set(subnets)], [`${region}a`, `${region}b`]);
                assert.equal(r.plan!.notVerified, undefined, `${region} ${stack}: nothing assumed`);
            }
        }
    });

    it("a region whose zone names depend on the account (us-west-1) plans, and says which names it assumed", async () => {
        const root = project({ dev: stackIn("dev", "us-west-1") });
        dirs.push(root);
        const r = await runPlan({ root, stack: "dev", noPolicy: true });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.deepEqual(r.plan!.notVerified, [{
            subject: "zones of us-west-1",
            assumed: "assumed us-west-1a, us-west-1c (AWS names this region's zones for each account, and gives an account two of its three; `pulumi up` uses your account's names)",
        }]);
        assert.ok(r.stdout.includes("\n    zones of us-west-1: assumed us-west-1a, us-west-1c (AWS names"), r.stdout);
    });

    it("a load balancer in a region whose ALB hosted zone terraform-provider-aws does not list: zoneId left unknown, and said so", async () => {
        assert.equal(ALB_HOSTED_ZONE_IDS["ap-east-2"], null);
        const root = project({ web: stackIn("web", "ap-east-2") });
        dirs.push(root);
        const r = await runPlan({ root, stack: "web", noPolicy: true });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const alb = r.plan!.resources.find(x => x.type === "aws:lb/loadBalancer:LoadBalancer");
        assert.ok(alb);
        assert.deepEqual(r.plan!.notVerified?.filter(a => a.subject.startsWith("zones of") || a.subject.startsWith("ALB")), [
            { subject: "zones of ap-east-2", assumed: "assumed ap-east-2a, ap-east-2b, ap-east-2c (three zones, named as in the Regions AWS names alike for every account; not checked against AWS)" },
            { subject: "ALB hosted zone of ap-east-2", assumed: "unknown: terraform-provider-aws (elbv2 hosted_zone_id_data_source.go) does not list it, so the load balancers' zoneId is left unset" },
        ]);
    });
});
