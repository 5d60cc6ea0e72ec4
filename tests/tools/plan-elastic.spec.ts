/**
 * The offline plan and plan:diff for elastic capacity: the web stack plans cleanly under the pack, bad
 * combinations stop with exit 2, and plan:diff says what a change does to a group and its load balancer.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runProgram } from "../../offline/program";
import { runPlan } from "../../tools/plan";
import { toPolicyResources } from "../../offline/plan/resources";
import { diffPlans } from "../../offline/plan/diff";
import { renderText } from "../../tools/plan-diff";
import { parsePlan, Plan } from "../../offline/plan/format";
import { loadPolicyConfig } from "../../offline/policy/config";
import { PolicyPackProcess } from "../../offline/policy/pack";
import { readStackConfig } from "../../offline/stack-config";
import { sharedPack } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const WEB = fs.readFileSync(path.join(ROOT, "Pulumi.web.yaml"), "utf8");

/** A project directory with the real Pulumi.yaml and one web stack file. */
function project(web: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-elastic-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, "Pulumi.web.yaml"), web);
    return dir;
}

async function planOf(web: string, out: string): Promise<Plan> {
    const r = await runPlan({ root: project(web), stack: "web", noPolicy: true, out });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    return parsePlan(JSON.parse(fs.readFileSync(out, "utf8")));
}

describe("tools/plan and plan:diff: elastic capacity (web stack)", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-elastic-plans-"));
    // The worker's one pack (sharedPack): starting one costs most of a second of CPU.
    let pack: PolicyPackProcess;
    before(async () => {
        pack = await sharedPack();
    });
    after(async () => {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("npm run plan -- --stack web exits 0 under the pack: the group, template, scaling policy, load balancer and NAT gateway; one advisory (plain HTTP)", async () => {
        const r = await runPlan({ stack: "web", pack });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const lines = r.stdout.split("\n");
        for (const [type, name] of [
            ["aws:autoscaling/group:Group", "servers-group"],
            ["aws:ec2/launchTemplate:LaunchTemplate", "servers-template"],
            ["aws:autoscaling/policy:Policy", "servers-cpu"],
            ["aws:lb/loadBalancer:LoadBalancer", "web-alb"],
            ["aws:lb/listener:Listener", "web-http"],
            ["aws:ec2/natGateway:NatGateway", "network-nat-ap-northeast-2a"],
        ]) {
            assert.ok(lines.some(l => l.startsWith(" +   ") && l.includes(type) && l.trimEnd().endsWith(name)), `${type} ${name}`);
        }
        assert.deepEqual(r.plan!.policy!.diagnostics.map(d => [d.policyName, d.enforcementLevel, d.urn?.split("::").pop()]), [
            ["alb-http-redirects-to-https", "advisory", "web-http"],
        ]);
    });

    it("under policy/config/strict.json the only mandatory violation is the plain HTTP listener: what the group launches carries the required tags (Environment from aws:defaultTags)", async () => {
        const policyConfig = loadPolicyConfig(path.join(ROOT, "policy", "config", "strict.json"));
        const r = await runPlan({ stack: "web", pack, policyConfig });
        // Blocked by the listener alone: web serves HTTP until a certificate is configured (loadBalancer.certificateArn).
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.deepEqual(r.plan!.policy!.diagnostics.map(d => [d.policyName, d.enforcementLevel, d.urn?.split("::").pop()]), [
            ["alb-http-redirects-to-https", "mandatory", "web-http"],
        ]);
    });

    it("the pack sees the group attached through its TrafficSourceAttachment (propertyDependencies): with EC2 health checks it would report it", async () => {
        const { config, secretKeys, project } = readStackConfig(ROOT, "web");
        const run = await runProgram({ stack: "web", config, secretKeys, project });
        const resources = toPolicyResources(run, "web", project, config);
        const group = resources.find(r => r.type === "aws:autoscaling/group:Group")!;
        const attachment = resources.find(r => r.type === "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment")!;
        // The group's name is an output: the attachment is matched through what its input was computed from.
        assert.equal("name" in group.properties, false);
        assert.deepEqual(attachment.propertyDependencies!.autoscalingGroupName, [group.urn]);
        group.properties = { ...group.properties, healthCheckType: "EC2" };
        await pack.configure({});
        const diagnostics = await pack.analyzeStack(resources);
        assert.deepEqual(diagnostics.map(d => [d.policyName, d.urn, d.message]), [[
            "autoscaling-group-elb-health-check", group.urn,
            "Auto Scaling groups behind a load balancer should use ELB health checks (healthCheckType \"ELB\"): with EC2 status checks only, the group " +
            "keeps instances whose application is down and the load balancer has taken out of service (AWS Security Hub AutoScaling.1).\n" +
            "This group is attached to a load balancer (servers-target (aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment)) but healthCheckType is \"EC2\", " +
            "so it replaces only instances that fail EC2 status checks and keeps those the load balancer finds unhealthy. " +
            'Set healthCheckType: "ELB", with a healthCheckGracePeriod long enough for an instance to boot.',
        ]]);
    });

    it("an adopted network the model does not know: the load balancer's subnets are looked up after the servers' and take the next zones; with publicIp the subnets' mapPublicIpOnLaunch is not assumed (the template says it)", async () => {
        const [vpc, s1, s2, l1, l2] = ["vpc-0a1b2c3d4e5f67890", "subnet-0b1c2d3e4f5a69788", "subnet-0c2d3e4f5a6b79899", "subnet-0d3e4f5a6b7c8a9aa", "subnet-0e4f5a6b7c8d9abbb"];
        const adopted = WEB.replace("  ec2-server:availabilityZones: 2\n  ec2-server:privateSubnets: true\n", `  ec2-server:existingVpcId: ${vpc}\n  ec2-server:existingSubnetIds: [${s1}, ${s2}]\n`)
            .replace("  ec2-server:natGateways: single\n", "")
            .replace("ec2-server:publicIp: false", "ec2-server:publicIp: true")
            .replace("    healthCheckPath: /\n", `    healthCheckPath: /\n    subnetIds: [${l1}, ${l2}]\n`);
        const r = await runPlan({ root: project(adopted), stack: "web", noPolicy: true });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const assumed = (zone: string) => `assumed zone ${zone} (unknown subnets take the region's zones in turn), VPC ${vpc} (the stack's existingVpcId); unknown: CIDR (private IPs show <private-ip>)`;
        assert.deepEqual(r.plan!.notVerified!.filter(a => a.subject.startsWith("subnet-")), [
            { subject: s1, assumed: assumed("ap-northeast-2a") },
            { subject: s2, assumed: assumed("ap-northeast-2b") },
            { subject: l1, assumed: assumed("ap-northeast-2c") },
            { subject: l2, assumed: assumed("ap-northeast-2d") },
        ]);
        assert.deepEqual(r.plan!.resources.find(x => x.type === "aws:lb/loadBalancer:LoadBalancer")!.inputs.subnets, [l1, l2]);
        const template = r.plan!.resources.find(x => x.type === "aws:ec2/launchTemplate:LaunchTemplate")!;
        assert.equal((template.inputs.networkInterfaces as Record<string, unknown>[])[0].associatePublicIpAddress, "true");
    });

    it("a bad combination exits 2 naming its key, and registers nothing", async () => {
        const r = await runPlan({ root: project(`${WEB.replace("ec2-server:publicIp: false", "ec2-server:publicIp: true")}  ec2-server:elasticIp: true\n`), stack: "web", noPolicy: true });
        assert.equal(r.code, 2);
        assert.equal(r.stdout, "");
        assert.equal(r.stderr.split("\n").slice(0, 2).join("\n"), [
            "Invalid ec2-server configuration (1 error); nothing was created:",
            "  - Cannot specify both ec2-server:autoScaling and ec2-server:elasticIp: true: a group's servers are disposable, so data and fixed addresses do not belong on them (the group launches and terminates servers on its own, and a new server would not get the address); reach the group through loadBalancer instead",
        ].join("\n"));
    });

    it("plan:diff: a template change rolls the group by instance refresh (min healthy 90 %), nothing is replaced", async () => {
        const base = await planOf(WEB, path.join(tmp, "base.json"));
        const head = await planOf(WEB.replace("instanceType: t3.small", "instanceType: t3.medium"), path.join(tmp, "type.json"));
        const d = diffPlans(base, head);
        // The group's mixed instances policy lists the template's type first: it changes with it, in place.
        assert.deepEqual(d.changed.map(c => [c.type, c.name, c.replacement, c.changes.map(x => x.path)]), [
            ["aws:ec2/launchTemplate:LaunchTemplate", "servers-template", "none", ["instanceType"]],
            ["aws:autoscaling/group:Group", "servers-group", "none", ["mixedInstancesPolicy.launchTemplate.overrides[0].instanceType"]],
        ]);
        assert.deepEqual(d.warnings.map(w => [w.kind, w.name, w.headline, w.lines]), [[
            "in-place", "servers-group", "servers-group: rolling instance refresh (launch template \"servers-template\" changed: instanceType)",
            [
                "the template gets a new version; the group points at its latestVersion and is updated in place, not replaced",
                "AWS replaces the servers a few at a time (instanceRefresh Rolling), keeping at least 90% healthy; their root volumes go with them",
            ],
        ]]);
        assert.ok(renderText(d).includes("  !! servers-group: rolling instance refresh (launch template \"servers-template\" changed: instanceType)\n"));
    });

    it("plan:diff: a size change resizes the group in place; the group keeps owning its desired capacity", async () => {
        const base = await planOf(WEB, path.join(tmp, "base2.json"));
        const head = await planOf(WEB.replace("max: 6", "max: 8"), path.join(tmp, "size.json"));
        const d = diffPlans(base, head);
        assert.deepEqual(d.changed.map(c => [c.name, c.replacement, c.changes.map(x => [x.path, x.before, x.after])]), [["servers-group", "none", [["maxSize", 6, 8]]]]);
        assert.deepEqual(d.warnings.map(w => [w.headline, w.lines]), [[
            "servers-group: resized in place (maxSize 6 → 8)",
            [
                "AWS launches or terminates servers to fit the new bounds; scale-in terminates the servers its termination policy picks, with their root volumes",
                "desiredCapacity is ignored after creation: the group (and its scaling policies) own the current size",
            ],
        ]]);
    });

    it("plan:diff: a listener port change is applied in place; the load balancer keeps its address", async () => {
        const base = await planOf(WEB, path.join(tmp, "base3.json"));
        const head = await planOf(WEB.replace("    targetPort: 80\n", "    port: 8080\n    targetPort: 80\n"), path.join(tmp, "listener.json"));
        const d = diffPlans(base, head);
        const listener = d.changed.find(c => c.type === "aws:lb/listener:Listener")!;
        assert.equal(listener.replacement, "none");
        assert.deepEqual(listener.changes.map(x => [x.path, x.before, x.after]), [["port", 80, 8080]]);
        assert.ok(d.warnings.some(w => w.headline === "web-http: listener modified in place (port)"));
        assert.equal(d.changed.some(c => c.type === "aws:lb/loadBalancer:LoadBalancer"), false);
    });
});
