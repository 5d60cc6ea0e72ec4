/**
 * One change, one verdict: what the Pulumi engine (or AWS) refuses makes plan:diff fail, as `plan --state` fails,
 * with the same message. The engine refuses to delete a protected resource, and to replace one that the state and
 * the program both protect (pulumi/pulumi step_generator.go; offline/lifecycle-rules.ts deleteRefusal).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { diffPlans } from "../../offline/plan/diff";
import { main, renderMarkdown, renderText, USAGE } from "../../tools/plan-diff";
import { runPlan } from "../../tools/plan";
import { Plan } from "../../offline/plan/format";
import { PINNED_IMAGES } from "../../offline/aws/model";
import { basePlan, planWith, URN } from "../fixtures/plans";
import { runMain } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");
const P = "urn:pulumi:dev::ec2-server::";
const INSTANCE = URN.instance;
const RULE = `${P}ec2-server:security:SecurityGroup$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::web-in-tcp-22-203.0.113.10-32`;
const REPLACE_REFUSED = `unable to replace resource "${INSTANCE}"\nas it is currently marked for protection. To unprotect the resource, remove the \`protect\` flag from the resource in your Pulumi program and run \`pulumi up\``;
const REPLACE_SOURCE = "pulumi/pulumi pkg/resource/deploy/step_generator.go (a protected resource's replacement fails at preview, before anything is created)";

function protect(plan: Plan, urn: string): Plan {
    const copy = JSON.parse(JSON.stringify(plan)) as Plan;
    copy.resources.find(r => r.urn === urn)!.options.protect = true;
    return copy;
}

describe("tools/plan-diff: changes the engine refuses", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ec2-server-refusals-"));
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    it("a server protected in BASE and HEAD and replaced: REFUSED, with the engine's message, and a FAIL verdict", () => {
        const d = diffPlans(protect(basePlan(), INSTANCE), protect(planWith("ami"), INSTANCE));
        assert.deepEqual(d.refusals, [{ urn: INSTANCE, type: "aws:ec2/instance:Instance", name: "server-0", message: REPLACE_REFUSED, source: REPLACE_SOURCE }]);
        const text = renderText(d).split("\n");
        assert.deepEqual(text.slice(0, 8), [
            "Plan diff for ec2-server/dev (ap-northeast-2)",
            "  0 to add, 2 to change (2 replaced), 0 to remove; 1 refused; 2 warning(s); policy: 0 violation(s) (0 mandatory, 0 advisory), 0 new, 0 resolved",
            "",
            "REFUSED: 1 change(s) that the Pulumi engine or AWS would refuse; `pulumi up` would fail",
            `  !! server-0: unable to replace resource "${INSTANCE}"`,
            "     as it is currently marked for protection. To unprotect the resource, remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`",
            `     (${REPLACE_SOURCE})`,
            "",
        ]);
        assert.ok(text.includes("     - protect: REFUSED, the state and the program both protect it (see REFUSED)"), text.join("\n"));
        assert.deepEqual(text.slice(-2), ["FAIL: 1 change(s) that `pulumi up` would refuse", ""]);
        const md = renderMarkdown(d);
        assert.ok(md.includes("> [!CAUTION]\n> **1 change(s) that `pulumi up` would refuse**: the Pulumi engine or AWS refuses them before anything changes.\n> - `server-0`: unable to replace resource"), md);
    });

    it("protect set by this change, or removed by it: the replacement goes ahead, and the warning says why", () => {
        const added = diffPlans(basePlan(), protect(planWith("ami"), INSTANCE));
        assert.deepEqual(added.refusals, []);
        assert.ok(added.warnings[0].lines.includes("protect: set by this change; the engine refuses a replacement only when the state and the program both protect the resource, so this one goes ahead"));
        const removed = diffPlans(protect(basePlan(), INSTANCE), planWith("ami"));
        assert.deepEqual(removed.refusals, []);
        assert.ok(removed.warnings[0].lines.includes("protect: removed by this change, so the engine lets the replacement go ahead"));
        assert.equal(renderText(removed).trimEnd().split("\n").pop(), "OK: no new mandatory policy violations");
    });

    it("a protected resource that leaves the program (any type) is refused, as `pulumi up` refuses its delete", () => {
        const base = protect(basePlan(), RULE);
        const head = basePlan();
        head.resources = head.resources.filter(r => r.urn !== RULE);
        const d = diffPlans(base, head);
        assert.deepEqual(d.refusals.map(r => [r.name, r.message.split("\n")[0], r.source]), [
            ["web-in-tcp-22-203.0.113.10-32", `unable to delete resource "${RULE}"`, "pulumi/pulumi pkg/resource/deploy/step.go DeleteStep.Apply"],
        ]);
    });

    it("as a command: the same change `plan --state` refuses (a protected prod server's new AMI) makes plan:diff exit 1", async () => {
        const state = path.join(tmp, "prod-state.json");
        assert.equal((await runPlan({ stack: "prod", noPolicy: true, writeState: state })).code, 0);
        const root = fs.mkdtempSync(path.join(tmp, "head-"));
        fs.copyFileSync(path.join(ROOT, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
        fs.writeFileSync(path.join(root, "Pulumi.prod.yaml"), fs.readFileSync(path.join(ROOT, "Pulumi.prod.yaml"), "utf8").replace("ami: al2023", `ami: ${PINNED_IMAGES[0].id}`));
        const head = path.join(tmp, "head.json");
        const planned = await runPlan({ root, stack: "prod", noPolicy: true, state, out: head });
        assert.equal(planned.code, 1);
        // The resources plan --state lists under "Refused:" (each one `    <name>: <message>`).
        const refusedByPlan = planned.stdout.split("\n").filter(l => /^ {4}\S+: unable to /.test(l)).map(l => l.trim().split(":")[0]);
        assert.ok(refusedByPlan.includes("server-0"), planned.stdout);
        const r = await runMain(main, USAGE, [state, head]);
        assert.equal(r.stderr, "");
        assert.equal(r.status, 1, r.stdout);
        const lines = r.stdout.trimEnd().split("\n");
        assert.deepEqual(lines.filter(l => l.startsWith("  !! ") && l.includes(": unable to ")).map(l => l.slice(5).split(":")[0]), refusedByPlan);
        assert.equal(lines[lines.length - 1], `FAIL: ${refusedByPlan.length} change(s) that \`pulumi up\` would refuse`);
        assert.ok(lines.includes('  !! server-0: unable to replace resource "urn:pulumi:prod::ec2-server::ec2-server:compute:Instance$aws:ec2/instance:Instance::server-0"'), r.stdout);
    });
});
