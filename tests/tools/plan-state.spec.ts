/**
 * `npm run plan -- --write-state FILE` and `--state FILE`: the offline preview against a deployed stack, and
 * `plan:diff` with a stack export as BASE.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runPlan } from "../../tools/plan";
import { diffPlans, planFromStackExport } from "../../offline/plan/diff";
import { parsePlan } from "../../offline/plan/format";
import { InputError } from "../../tools/lib/cli";
import { PINNED_IMAGES } from "../../offline/aws/model";

const ROOT = path.join(__dirname, "..", "..");

/** A project directory with the real Pulumi.yaml and the given stack files. */
function project(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-state-"));
    fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
    return dir;
}

const PROD = fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8");
const DEV = fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8");

describe("tools/plan --state / --write-state", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-plan-state-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: --write-state then --state reports 0 changes, and the state holds no secret value`, async () => {
            const state = path.join(tmp, `${stack}-state.json`);
            const first = await runPlan({ stack, noPolicy: true, writeState: state });
            assert.equal(first.code, 0);
            assert.ok(first.stdout.endsWith(`State after \`pulumi up\` + \`pulumi refresh\` (as modelled) written to ${state}\n`));
            const text = fs.readFileSync(state, "utf8");
            assert.doesNotMatch(text, /PRIVATE KEY/);
            const doc = JSON.parse(text);
            assert.equal(doc.version, 3);
            const types = doc.deployment.resources.map((r: { type: string }) => r.type);
            assert.equal(types[0], "pulumi:pulumi:Stack");
            assert.ok(types.includes("pulumi:providers:aws"));
            const second = await runPlan({ stack, noPolicy: true, state, out: path.join(tmp, `${stack}-plan.json`) });
            assert.equal(second.code, 0);
            assert.match(second.stdout, /\nResources:\n {4}\+ 0 to create\n {4}~ 0 to update\n {3}\+- 0 to replace\n {4}- 0 to delete\n {6}\d+ unchanged\n {4}0 change\(s\)\n/);
            const plan = parsePlan(JSON.parse(fs.readFileSync(path.join(tmp, `${stack}-plan.json`), "utf8")));
            assert.ok(plan.resources.every(r => r.op === "same" && r.diffs?.length === 0));
        });
    }

    it("a change: ~ update with the property, +- replace with the property that forces it, - delete with its fate; the plan file carries op and diffs", async () => {
        const vols = "  ec2-server:dataVolumes:\n    - name: data\n      sizeGiB: 20\n      deviceName: /dev/sdf\n";
        const state = path.join(tmp, "change-state.json");
        const base = project({ "Pulumi.dev.yaml": `${DEV}  ec2-server:instanceCount: 2\n${vols}` });
        assert.equal((await runPlan({ root: base, stack: "dev", noPolicy: true, writeState: state })).code, 0);
        const head = project({ "Pulumi.dev.yaml": `${DEV.replace("t3.micro", "t3.small").replace("ami: al2023", `ami: ${PINNED_IMAGES[0].id}`)}  ec2-server:instanceCount: 1\n${vols}` });
        const out = path.join(tmp, "change-plan.json");
        const r = await runPlan({ root: head, stack: "dev", noPolicy: true, state, out });
        assert.equal(r.code, 0, r.stdout + r.stderr);
        const lines = r.stdout.split("\n");
        assert.ok(lines.some(l => /^ \+- {2}│ {2}├─ aws:ec2\/instance:Instance\s+server-0$/.test(l)), r.stdout);
        assert.ok(lines.some(l => /~ ami: "ami-0[0-9a-f]{16}" => "ami-0123456789abcdef0" {2}\[forces replacement: terraform-provider-aws internal\/service\/ec2\/ec2_instance\.go/.test(l)), r.stdout);
        assert.ok(lines.some(l => /~ instanceType: "t3\.micro" => "t3\.small"$/.test(l)), r.stdout);
        assert.ok(lines.some(l => /^ - {3}│ {2}├─ aws:ec2\/instance:Instance\s+server-1$/.test(l)), r.stdout);
        assert.ok(lines.some(l => /! retained: vol-0[0-9a-f]{16} leaves the stack but stays in AWS \(still billed\); delete it in AWS or import it again$/.test(l)), r.stdout);
        const plan = parsePlan(JSON.parse(fs.readFileSync(out, "utf8")));
        const server0 = plan.resources.find(x => x.name === "server-0" && x.type === "aws:ec2/instance:Instance")!;
        assert.equal(server0.op, "replace");
        assert.deepEqual(server0.diffs?.map(d => [d.path, d.kind, d.replaces]), [["ami", "update", true], ["instanceType", "update", false]]);
        const server1 = plan.resources.find(x => x.name === "server-1" && x.type === "aws:ec2/instance:Instance")!;
        assert.equal(server1.op, "delete");
        assert.match(server1.notes![0], /^terminates i-0[0-9a-f]{16}; its root volume is deleted with it \(deleteOnTermination\)$/);
        const volume1 = plan.resources.find(x => x.name === "server-1-data" && x.type === "aws:ebs/volume:Volume")!;
        assert.equal(volume1.op, "delete");
        assert.equal(volume1.options.retainOnDelete, true);
    });

    it("what AWS or the engine would refuse is reported before anything runs, with exit 1", async () => {
        const state = path.join(tmp, "prod-refuse.json");
        assert.equal((await runPlan({ stack: "prod", noPolicy: true, writeState: state })).code, 0);
        const head = project({ "Pulumi.prod.yaml": PROD.replace("ami: al2023", `ami: ${PINNED_IMAGES[0].id}`) });
        const r = await runPlan({ root: head, stack: "prod", noPolicy: true, state });
        assert.equal(r.code, 1);
        // The server and its data volume's attachment, protected with it (components/instance.ts).
        assert.match(r.stdout, /\nRefused: 2 operation\(s\) that AWS or the Pulumi engine would refuse; `pulumi up` would fail:\n {4}server-0: unable to replace resource "urn:pulumi:prod::ec2-server::ec2-server:compute:Instance\$aws:ec2\/instance:Instance::server-0"\n(?: {8}[^\n]*\n){2} {4}server-0-data: unable to replace resource "urn:pulumi:prod::ec2-server::ec2-server:compute:Instance\$aws:ec2\/volumeAttachment:VolumeAttachment::server-0-data"\n/);
    });

    it("a state of another stack, or not a stack export, is a usage error naming the file", async () => {
        const state = path.join(tmp, "dev-for-prod.json");
        await runPlan({ stack: "dev", noPolicy: true, writeState: state });
        await assert.rejects(runPlan({ stack: "prod", noPolicy: true, state }), (err: Error) => err instanceof InputError
            && err.message === `state ${state} is not of stack ec2-server/prod: it holds urn:pulumi:dev::ec2-server::pulumi:pulumi:Stack::ec2-server-dev`);
        const bad = path.join(tmp, "bad.json");
        fs.writeFileSync(bad, JSON.stringify({ version: 1 }));
        await assert.rejects(runPlan({ stack: "dev", noPolicy: true, state: bad }), (err: Error) => err instanceof InputError
            && err.message === `${bad} is not a \`pulumi stack export\` document: expected { "version": 3, "deployment": { "resources": [...] } }`);
    });

    it("plan:diff takes a stack export as BASE: secrets as [secret], providers left out, no change against the same stack", async () => {
        const state = path.join(tmp, "diff-state.json");
        const planFile = path.join(tmp, "diff-plan.json");
        await runPlan({ stack: "dev", noPolicy: true, writeState: state, out: planFile });
        const base = planFromStackExport(JSON.parse(fs.readFileSync(state, "utf8")), state);
        assert.equal(base.stack, "dev");
        assert.equal(base.region, "ap-northeast-2");
        assert.equal(base.resources.some(r => r.type.startsWith("pulumi:providers:")), false);
        const head = parsePlan(JSON.parse(fs.readFileSync(planFile, "utf8")));
        const d = diffPlans(base, head);
        assert.deepEqual([d.added, d.removed, d.changed, d.warnings], [[], [], [], []]);
    });

    it("names the instance store of a d type, in the plan and in plan:diff for a type change", async () => {
        const state = path.join(tmp, "store-state.json");
        const planBase = path.join(tmp, "store-base.json");
        const planHead = path.join(tmp, "store-head.json");
        const base = project({ "Pulumi.dev.yaml": DEV.replace("t3.micro", "m6id.large") });
        const r = await runPlan({ root: base, stack: "dev", noPolicy: true, writeState: state, out: planBase });
        assert.ok(r.stdout.includes("\nInstance store:\n    server-0 (m6id.large) has NVMe instance storage: its NVMe instance store is wiped: instance-store data does not survive a stop, a hibernation or a termination (EC2 User Guide, \"Instance store lifetime\"). Keep data on EBS (rootVolume, dataVolumes).\n"), r.stdout);
        const head = project({ "Pulumi.dev.yaml": DEV.replace("t3.micro", "m6id.xlarge") });
        const h = await runPlan({ root: head, stack: "dev", noPolicy: true, state, out: planHead });
        assert.ok(h.stdout.includes("! its NVMe instance store is wiped"), h.stdout);
        const d = diffPlans(parsePlan(JSON.parse(fs.readFileSync(planBase, "utf8"))), parsePlan(JSON.parse(fs.readFileSync(planHead, "utf8"))));
        assert.deepEqual(d.warnings.map(w => w.headline), ["server-0: stopped and started in place (m6id.large → m6id.xlarge): its instance store is wiped"]);
    });
});
