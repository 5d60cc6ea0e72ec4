import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main, runPlan, USAGE } from "../../tools/plan";
import { parsePlan } from "../../offline/plan/format";
import { PROGRAM } from "../../offline/program";
import { PolicyPackProcess } from "../../offline/policy/pack";
import { runMain, runScript, sharedPack, withLentPack } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");

/** A project directory with the real Pulumi.yaml and one extra stack file. */
function projectWith(stack: string, stackYaml: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-plan-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stackYaml);
    return dir;
}

/** A config error only a lookup shows (parseConfig takes up to 6 zones; the region has 4), and the program's message. */
const TOO_MANY_ZONES = {
    stack: "config:\n  aws:region: ap-northeast-2\n  ec2-server:availabilityZones: 6\n",
    stderr: [
        "Invalid ec2-server configuration (1 error); nothing was created:",
        "  - ec2-server:availabilityZones: got 6, expected at most 4 (the zones of ap-northeast-2: ap-northeast-2a, ap-northeast-2b, ap-northeast-2c, ap-northeast-2d)",
        "Set values with `pulumi config set ec2-server:<key> <value>` (objects and lists: --path or the stack file). Every key: docs/configuration.md.",
        "",
    ].join("\n"),
};

describe("tools/plan (npm run plan)", function () {
    let pack: PolicyPackProcess;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-plans-"));
    before(async () => {
        pack = await sharedPack();
    });
    after(async () => {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("dev: prints the tree, outputs with the key as [secret], policy verdicts; writes a plan with no key material", async () => {
        const out = path.join(tmp, "dev.json");
        const r = await runPlan({ stack: "dev", out, pack });
        assert.equal(r.code, 0);
        assert.equal(r.stderr, "");
        const lines = r.stdout.split("\n");
        assert.equal(lines[0], "Previewing ec2-server/dev offline (Pulumi SDK mock runtime + the AWS model, ap-northeast-2); values such as ids and addresses come from the model.");
        assert.ok(lines.some(l => /^ \+ {3}├─ ec2-server:network:Network\s+network$/.test(l)));
        assert.ok(lines.some(l => /^ \+ {3}│ {2}└─ aws:ec2\/vpc:Vpc\s+network-vpc$/.test(l)));
        assert.ok(lines.some(l => /^ \+ {6}└─ aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule\s+firewall-in-tcp-22-203\.0\.113\.10-32$/.test(l)));
        assert.ok(lines.includes("    privateKeyPem:    [secret]"));
        assert.ok(lines.includes("    + 24 to create (19 AWS/TLS resources, 5 components and stack)"));
        assert.ok(lines.includes("    0 mandatory, 2 advisory violation(s): passed"));

        const text = fs.readFileSync(out, "utf8");
        assert.equal(/PRIVATE KEY|b3BlbnNzaC1rZXktdjE/.test(text), false, "no private key material in the plan file");
        const plan = parsePlan(JSON.parse(text), out);
        assert.deepEqual(plan, r.plan);
        assert.equal(plan.stack, "dev");
        assert.equal(plan.region, "ap-northeast-2");
        assert.equal(plan.resources.length, 24);
        assert.equal(plan.outputs.privateKeyPem, "[secret]");
        const server = plan.resources.find(x => x.type === "aws:ec2/instance:Instance")!;
        assert.equal(server.urn, "urn:pulumi:dev::ec2-server::ec2-server:compute:Instance$aws:ec2/instance:Instance::server-0");
        assert.equal(server.parent, "urn:pulumi:dev::ec2-server::ec2-server:compute:Instance::server");
        assert.deepEqual(server.options.ignoreChanges, ["ami"]);
        // The servers take their public address from the public subnets (the instance sends no
        // associatePublicIpAddress that a later read would contradict), so the subnets carry the advisory.
        const subnetUrn = (az: string) => `urn:pulumi:dev::ec2-server::ec2-server:network:Network$aws:ec2/subnet:Subnet::network-public-${az}`;
        assert.deepEqual(plan.policy!.diagnostics.map(d => [d.policyName, d.enforcementLevel, d.urn]), [
            ["vpc-subnet-no-auto-public-ip", "advisory", subnetUrn("ap-northeast-2a")],
            ["vpc-subnet-no-auto-public-ip", "advisory", subnetUrn("ap-northeast-2b")],
        ]);
        assert.equal(plan.policy!.policies.length, 20);
    });

    it("prod: zero violations, a retained data volume, no secrets", async () => {
        const r = await runPlan({ stack: "prod", pack, details: true });
        assert.equal(r.code, 0);
        assert.deepEqual(r.plan!.policy!.diagnostics, []);
        assert.ok(r.stdout.includes("(retainOnDelete: true)"));
        assert.deepEqual(Object.values(r.plan!.outputs).filter(v => v === "[secret]"), []);
        assert.equal(r.plan!.resources.length, 32);
    });

    it("prod with policy/config/strict.json: still no mandatory violation", async () => {
        const strict = JSON.parse(fs.readFileSync(path.join(ROOT, "policy", "config", "strict.json"), "utf8"));
        const r = await runPlan({ stack: "prod", pack, policyConfig: strict });
        assert.deepEqual(r.plan!.policy!.diagnostics.filter(d => d.enforcementLevel === "mandatory"), []);
        assert.equal(r.code, 0);
    });

    it("a stack with SSH from 0.0.0.0/0 exits 1 with exactly the SSH violation", async () => {
        const root = projectWith("open", "config:\n  aws:region: ap-northeast-2\n  ec2-server:sshCidrs:\n    - 0.0.0.0/0\n");
        const r = await runPlan({ root, stack: "open", pack });
        assert.equal(r.code, 1);
        const mandatory = r.plan!.policy!.diagnostics.filter(d => d.enforcementLevel === "mandatory");
        assert.deepEqual(mandatory.map(d => [d.policyName, d.urn]), [
            ["ec2-no-ssh-from-internet", "urn:pulumi:open::ec2-server::ec2-server:security:SecurityGroup$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::firewall-in-tcp-22-0.0.0.0-0"],
        ]);
        assert.ok(r.stdout.includes("FAILED (pulumi up would be blocked)"));
    });

    it("a stack with bad values exits 2 with the program's message and writes no plan, before it starts a pack or the program", async () => {
        const root = projectWith("bad", "config:\n  aws:region: ap-northeast-2\n  ec2-server:instanceCount: 0\n  ec2-server:instancetype: t3.large\n");
        const out = path.join(root, "plan.json");
        // Each program run loads index.ts anew (offline/program.ts drops it from the module cache first).
        const program = require.cache[PROGRAM];
        const { result: r, starts, closes } = await withLentPack(pack, () => runPlan({ root, stack: "bad", out }));
        assert.deepEqual({ starts, closes }, { starts: 0, closes: 0 });
        assert.equal(r.code, 2);
        assert.equal(r.stdout, "");
        assert.equal(r.stderr.split("\n").slice(0, 3).join("\n"), [
            "Invalid ec2-server configuration (2 errors); nothing was created:",
            `  - ec2-server:instancetype: got "t3.large", expected one of the known keys: ami, autoScaling, availabilityZones, dataVolumes, egress, elasticIp, existingSecurityGroupIds, existingSubnetIds, existingVpcId, ingress, instanceCount, instanceType, keyAlgorithm, keyPair, loadBalancer, monitoring, natGateways, privateSubnets, publicIp, publicKey, rootVolume, sshCidrs, ssm, tags, terminationProtection, userData, userDataReplaceOnChange, vpcCidr (unknown key; did you mean "instanceType"?)`,
            "  - ec2-server:instanceCount: got 0, expected an integer from 1 to 50",
        ].join("\n"));
        assert.equal(fs.existsSync(out), false);
        assert.equal(require.cache[PROGRAM], program, "the program was not evaluated");
    });

    it("what only a lookup shows (more zones than the region has) stops the program: exit 2 with its message, and the pack it started is closed", async () => {
        const root = projectWith("zones", TOO_MANY_ZONES.stack);
        const { result: r, starts, closes } = await withLentPack(pack, () => runPlan({ root, stack: "zones" }));
        assert.deepEqual({ starts, closes }, { starts: 1, closes: 1 });
        assert.equal(r.code, 2);
        assert.equal(r.stdout, "");
        assert.equal(r.stderr, TOO_MANY_ZONES.stderr);
    });

    it("as a command (main, as the script runs it): exit 0 for dev with the plan file written, exit 2 for an unknown stack", async () => {
        const out = path.join(tmp, "cli.json");
        const ok = await runMain(main, USAGE, ["--stack", "dev", "--out", out], { pack });
        assert.equal(ok.status, 0, ok.stderr);
        assert.ok(ok.stdout.endsWith(`Plan written to ${out}\n`));
        assert.equal(parsePlan(JSON.parse(fs.readFileSync(out, "utf8"))).resources.length, 24);
        // A project with exactly the stacks this repository ships (other stacks may be added next to them).
        const root = projectWith("dev", fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8"));
        fs.copyFileSync(path.join(ROOT, "Pulumi.prod.yaml"), path.join(root, "Pulumi.prod.yaml"));
        const bad = await runMain(main, USAGE, ["--root", root, "--stack", "nope"]);
        assert.equal(bad.status, 2);
        assert.equal(bad.stderr, "error: no stack file Pulumi.nope.yaml; stacks here: dev, prod\n");
    });

    it("runs as a process (npm run plan): a config error the program finds exits 2 with only the program's message", () => {
        // A lookup's error fails the program halfway, while the pack the plan started may still be starting: no stack
        // trace from the SDK's leftover rejections, no leaked promises reported, no pack output, and the pack closed
        // (else the process would not exit). Only a real process shows what escapes at exit.
        const root = projectWith("zones", TOO_MANY_ZONES.stack);
        const invalid = runScript("plan", ["--root", root, "--stack", "zones"]);
        assert.equal(invalid.status, 2);
        assert.equal(invalid.stdout, "");
        assert.equal(invalid.stderr, TOO_MANY_ZONES.stderr);
    });
});
