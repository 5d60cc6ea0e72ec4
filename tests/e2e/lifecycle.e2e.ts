/**
 * The rest of a stack's life under the real Pulumi CLI against the simulated AWS: the policy pack as `pulumi preview
 * --policy-pack` runs it, a bad config, the private key's way to `save-key`, and `destroy`.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { ProgramError } from "../../offline/program";
import { REPO_ROOT } from "../../offline/provider/cli";
import { nameOf, offlinePlan, SimStack, stackConfig } from "./harness";

describe("e2e: the policy pack under the real CLI (`pulumi preview --policy-pack policy`)", () => {
    it("SSH open to the internet: the mandatory ec2-no-ssh-from-internet fails the preview, and `up` creates nothing", () => {
        const s = new SimStack("dev", stackConfig("dev", { "ec2-server:sshCidrs": JSON.stringify(["0.0.0.0/0"]) }));
        try {
            const { run, violations } = s.policyPreview(["--policy-pack", "policy"]);
            assert.notEqual(run.status, 0);
            const mandatory = violations.filter(d => d.enforcementLevel === "mandatory");
            assert.deepEqual(mandatory.map(d => [d.policyName, nameOf(d.urn)]), [["ec2-no-ssh-from-internet", "firewall-in-tcp-22-0.0.0.0-0"]]);
            assert.match(mandatory[0].message, /opens SSH \(TCP 22\) to the internet/);
            const up = s.up(["--policy-pack", "policy"]);
            assert.notEqual(up.status, 0);
            assert.match(up.stdout, /ec2-no-ssh-from-internet/);
            assert.deepEqual(s.account().resources.filter(r => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"), []);
        } finally {
            s.dispose();
        }
    });

    it("RDP and all traffic from the internet through `ingress`: both mandatory policies name their rules", () => {
        const s = new SimStack("dev", stackConfig("dev", {
            "ec2-server:ingress": JSON.stringify([
                { protocol: "tcp", port: 3389, cidr: "0.0.0.0/0", description: "rdp" },
                { protocol: "all", cidr: "0.0.0.0/0", description: "everything" },
            ]),
        }));
        try {
            const { run, violations } = s.policyPreview(["--policy-pack", "policy"]);
            assert.notEqual(run.status, 0);
            const mandatory = violations.filter(d => d.enforcementLevel === "mandatory").map(d => `${d.policyName} ${nameOf(d.urn)}`).sort();
            assert.deepEqual(mandatory, [
                "ec2-no-all-traffic-from-internet firewall-in-all-0.0.0.0-0",
                "ec2-no-rdp-from-internet firewall-in-all-0.0.0.0-0",
                "ec2-no-rdp-from-internet firewall-in-tcp-3389-0.0.0.0-0",
                "ec2-no-ssh-from-internet firewall-in-all-0.0.0.0-0",
            ]);
        } finally {
            s.dispose();
        }
    });

    it("--policy-pack-config policy/config/strict.json: prod passes; dev fails on its subnets' auto-assigned public IPs", () => {
        const prod = new SimStack("prod", stackConfig("prod"));
        const dev = new SimStack("dev", stackConfig("dev"));
        try {
            const strict = ["--policy-pack", "policy", "--policy-pack-config", "policy/config/strict.json"];
            const ok = prod.policyPreview(strict);
            assert.equal(ok.run.status, 0, ok.run.stdout);
            assert.deepEqual(ok.violations.filter(d => d.enforcementLevel === "mandatory"), []);
            const bad = dev.policyPreview(strict);
            assert.notEqual(bad.run.status, 0);
            const mandatory = bad.violations.filter(d => d.enforcementLevel === "mandatory");
            assert.deepEqual(mandatory.map(d => `${d.policyName} ${nameOf(d.urn)}`).sort(), [
                "vpc-subnet-no-auto-public-ip network-public-ap-northeast-2a",
                "vpc-subnet-no-auto-public-ip network-public-ap-northeast-2b",
            ]);
        } finally {
            prod.dispose();
            dev.dispose();
        }
    });
});

describe("e2e: bad config, secrets and destroy under the real CLI", () => {
    it("a bad config fails the preview with the message the offline plan prints, every error at once, and creates nothing", async () => {
        const overrides = { "ec2-server:instanceType": "t3.mirco", "ec2-server:instanceCount": "0", "ec2-server:sshCidrs": JSON.stringify(["10.0.0.1/8"]) };
        const config = stackConfig("dev", overrides);
        const s = new SimStack("dev", config);
        try {
            const { run } = s.preview();
            assert.notEqual(run.status, 0);
            let offline: Error | undefined;
            try {
                await offlinePlan("dev", config, []);
            } catch (err) {
                offline = err as Error;
            }
            assert.ok(offline instanceof ProgramError, String(offline));
            const lines = offline.message.split("\n");
            assert.match(lines[0], /^Invalid ec2-server configuration \(3 errors\); nothing was created:$/);
            const doc = JSON.parse(run.stdout) as { diagnostics: { message: string; severity: string }[] };
            const error = doc.diagnostics.find(d => d.severity === "error" && d.message.includes("Invalid ec2-server configuration"));
            assert.ok(error, run.stdout);
            for (const line of lines) {
                assert.ok(error.message.includes(line), `the CLI's message lacks ${JSON.stringify(line)}:\n${error.message}`);
            }
            assert.equal(s.up().status, 1);
            assert.deepEqual(s.account().resources, []);
        } finally {
            s.dispose();
        }
    });

    it("the private key: a secret output that `stack output --show-secrets | save-key` writes owner-read-only; encrypted in the state, never in the account", () => {
        const s = new SimStack("dev", stackConfig("dev"), { "ec2-server:userData": "#!/bin/bash\nexport TOKEN=s3cr3t-user-data\n" });
        try {
            assert.equal(s.up().status, 0);
            assert.equal(s.output("privateKeyPem"), "[secret]");
            const pem = s.output("privateKeyPem", true);
            assert.match(pem, /^-----BEGIN OPENSSH PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END OPENSSH PRIVATE KEY-----$/);
            const file = path.join(s.dir, "key.pem");
            const save = spawnSync(process.execPath, ["-r", "./offline/register.js", "tools/save-key.ts", file], { cwd: REPO_ROOT, input: `${pem}\n`, encoding: "utf8" });
            assert.equal(save.status, 0, save.stderr);
            assert.equal(fs.readFileSync(file, "utf8"), `${pem}\n`);
            assert.equal(fs.statSync(file).mode & 0o777, 0o400);
            const body = pem.split("\n")[1];
            const state = s.stateFileText();
            assert.equal(state.includes(body), false, "the private key is in the state file in clear");
            assert.equal(state.includes("s3cr3t-user-data"), false, "the secret user data is in the state file in clear");
            const exported = s.exportDoc() as { deployment: { resources: { type: string; outputs?: Record<string, unknown> }[] } };
            const key = exported.deployment.resources.find(r => r.type === "tls:index/privateKey:PrivateKey")!;
            assert.deepEqual(Object.keys(key.outputs!.privateKeyOpenssh as object).sort(), [specialSigKey, "ciphertext"]);
            const account = JSON.stringify(s.account());
            assert.equal(account.includes(body), false);
            assert.equal(account.includes("s3cr3t-user-data"), false, "the simulated account holds the secret user data in clear");
        } finally {
            s.dispose();
        }
    });

    it("dev and web destroy cleanly: nothing is left in the simulated account", () => {
        for (const stack of ["dev", "web"]) {
            const s = new SimStack(stack, stackConfig(stack));
            try {
                assert.equal(s.up().status, 0);
                const destroy = s.destroy();
                assert.equal(destroy.status, 0, destroy.stdout);
                assert.deepEqual(s.account().resources.map(r => `${r.type} ${r.name}`), []);
                assert.deepEqual(s.state().filter(r => r.custom), []);
            } finally {
                s.dispose();
            }
        }
    });

    it("destroy keeps the retained data volumes in AWS, and says so", () => {
        const s = new SimStack("dev", stackConfig("dev", { "ec2-server:dataVolumes": JSON.stringify([{ name: "data", sizeGiB: 20, deviceName: "/dev/sdf" }]) }));
        try {
            assert.equal(s.up().status, 0);
            const volume = s.account().resources.find(r => r.type === "aws:ebs/volume:Volume")!;
            const run = s.run(["destroy", "--preview-only", "--json", "--stack", s.stack, "--config-file", s.configFile, "--non-interactive"]);
            const steps = (JSON.parse(run.stdout) as { steps: { op: string; urn: string; oldState?: { retainOnDelete?: boolean } }[] }).steps;
            const deleted = steps.find(x => nameOf(x.urn) === "server-0-data" && x.urn.includes("aws:ebs/volume:Volume"))!;
            assert.equal(deleted.op, "delete");
            assert.equal(deleted.oldState?.retainOnDelete, true);
            const destroy = s.destroy();
            assert.equal(destroy.status, 0, destroy.stdout);
            assert.deepEqual(s.account().resources.map(r => [r.type, r.id]), [["aws:ebs/volume:Volume", volume.id]]);
        } finally {
            s.dispose();
        }
    });

    it("a protected prod server refuses destroy and keeps its data volume attached; what nothing protected depends on is deleted", () => {
        const s = new SimStack("prod", stackConfig("prod"));
        try {
            assert.equal(s.up().status, 0);
            const before = s.account().resources.map(r => `${r.type} ${r.name}`);
            const destroy = s.destroy();
            assert.notEqual(destroy.status, 0);
            // The engine refuses a protected resource when it reaches it (step.go DeleteStep), not before the destroy
            // starts: deletes already under way finish.
            assert.match(destroy.stdout, /cannot be deleted\n\s*because it is protected/);
            const after = new Set(s.account().resources.map(r => `${r.type} ${r.name}`));
            for (const kept of ["aws:ec2/instance:Instance server-0", "aws:ec2/volumeAttachment:VolumeAttachment server-0-data", "aws:ebs/volume:Volume server-0-data", "aws:ec2/vpc:Vpc network-vpc", "aws:ec2/subnet:Subnet network-private-ap-northeast-2a"]) {
                assert.ok(after.has(kept), `${kept} was deleted`);
            }
            const deleted = before.filter(r => !after.has(r));
            assert.ok(deleted.every(r => /SecurityGroup(Ingress|Egress)Rule|RouteTableAssociation|:Route |VpcEndpoint|RolePolicyAttachment/.test(r)), `deleted: ${deleted.join(", ")}`);
        } finally {
            s.dispose();
        }
    });
});
