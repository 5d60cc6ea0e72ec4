// tools/policy-check.ts: the report, the command and its exit codes against the real pack.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { main, toJsonReport, USAGE } from "../../tools/policy-check";
import { PolicyPackProcess } from "../../offline/policy/pack";
import { EXPORT_URN } from "../fixtures/urns";
import { runMain, runScript, sharedPack } from "./helpers";

const URN = EXPORT_URN;
const SSH_DIAGNOSTIC = {
    policyName: "ec2-no-ssh-from-internet",
    urn: URN.rule,
    enforcementLevel: "mandatory",
    message:
        "Security groups must not allow SSH (TCP 22) from the whole internet (0.0.0.0/0 or ::/0): internet-facing SSH is brute-forced within minutes of launch (AWS Security Hub EC2.13).\n" +
        'This rule (protocol "tcp", ports 22, from 0.0.0.0/0) opens SSH (TCP 22) to the internet. Allow SSH only from trusted CIDRs (a VPN or an office /32), or use SSM Session Manager, which needs no inbound port.',
};

describe("tools/policy-check", () => {
    describe("the --json report (pure; the formats and their conversion: tests/offline/policy/resources.spec.ts)", () => {
        it("--json report keeps only the documented fields", async () => {
            const report = toJsonReport({
                policies: [{ name: "p", enforcementLevel: "mandatory" }],
                diagnostics: [
                    { policyName: "p", policyPackName: "pack", policyPackVersion: "0.1.0", description: "d", message: "m", enforcementLevel: "mandatory", urn: "u" },
                    { policyName: "s", policyPackName: "pack", policyPackVersion: "0.1.0", description: "d", message: "m2", enforcementLevel: "advisory" },
                ],
            });
            assert.equal(
                JSON.stringify(report),
                '{"policies":[{"name":"p","enforcementLevel":"mandatory"}],"diagnostics":[{"policyName":"p","urn":"u","enforcementLevel":"mandatory","message":"m"},{"policyName":"s","enforcementLevel":"advisory","message":"m2"}]}',
            );
        });
    });

    describe("as a script, against the real pack", () => {
        // One real process (npm run policy:check); the other cases run main() here, through the same runCli, with
        // the worker's one pack (sharedPack).
        let pack: PolicyPackProcess;
        before(async () => {
            pack = await sharedPack();
        });
        const run = (...args: string[]) => runMain(main, USAGE, args, { pack });
        const fx = (n: string) => path.join("tests", "fixtures", n);

        it("stack export with SSH open to the internet: exit 1, exactly that mandatory diagnostic (--json), as a process", async () => {
            const r = runScript("policy:check", [fx("stack-export.json"), "--json"]);
            assert.equal(r.status, 1, r.stderr);
            assert.equal(r.stderr, "");
            const report = JSON.parse(r.stdout) as { policies: Record<string, unknown>[]; diagnostics: Record<string, unknown>[] };
            assert.deepEqual(Object.keys(report), ["policies", "diagnostics"]);
            assert.equal(report.policies.length > 0, true);
            for (const p of report.policies) {
                assert.deepEqual(Object.keys(p), ["name", "enforcementLevel"]);
                assert.equal(typeof p.name, "string");
            }
            assert.deepEqual(
                report.policies.filter((p) => p.name === "ec2-no-ssh-from-internet"),
                [{ name: "ec2-no-ssh-from-internet", enforcementLevel: "mandatory" }],
            );
            for (const d of report.diagnostics) assert.deepEqual(Object.keys(d), ["policyName", "urn", "enforcementLevel", "message"]);
            assert.deepEqual(
                report.diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
                [SSH_DIAGNOSTIC],
            );
        });

        it("preview of the same program: exit 1 with the same mandatory diagnostic (text report)", async () => {
            const r = await run(fx("preview.json"));
            assert.equal(r.status, 1, r.stderr);
            const lines = r.stdout.trimEnd().split("\n");
            assert.deepEqual(lines.slice(0, 2), [
                `policy check: ${fx("preview.json")} (pulumi preview --json, 4 resources, ${lines[0].match(/(\d+) policies/)?.[1]} policies)`,
                "  note: the preview lists only changed resources; run `pulumi preview --json --show-sames` to check every resource",
            ]);
            const mandatory = lines.indexOf("  [mandatory] ec2-no-ssh-from-internet");
            assert.deepEqual(lines.slice(mandatory, mandatory + 4), [
                "  [mandatory] ec2-no-ssh-from-internet",
                `      ${URN.rule}`,
                `      ${SSH_DIAGNOSTIC.message.split("\n")[0]}`,
                `      ${SSH_DIAGNOSTIC.message.split("\n")[1]}`,
            ]);
            assert.equal(lines.filter((l) => l.startsWith("  [mandatory]")).length, 1);
            assert.match(lines[lines.length - 1], /^summary: 1 mandatory, \d+ advisory violation\(s\): FAILED$/);
        });

        it("a compliant plan file: exit 0", async () => {
            const r = await run(fx("plan-base.json"));
            assert.equal(r.status, 0, r.stderr);
            const lines = r.stdout.trimEnd().split("\n");
            assert.deepEqual(lines.slice(1), [
                `  note: ${fx("plan-base.json")} records no provider configuration (written before plan files carried it), so policies cannot see aws:defaultTags; write the plan again`,
                "summary: 0 mandatory, 0 advisory violation(s): passed",
            ]);
        });

        it("exit 2 on unreadable or unrecognised input and on usage errors", async () => {
            const missing = await run(fx("nope.json"));
            assert.equal(missing.status, 2);
            assert.equal(missing.stderr, `error: cannot read ${fx("nope.json")}: ENOENT\n`);
            const usage = await run();
            assert.equal(usage.status, 2);
            assert.equal(usage.stderr, "error: expected exactly one FILE\nusage: npm run -s policy:check -- FILE [--policy-config FILE] [--json]\n");
            const unknownFlag = await run(fx("plan-base.json"), "--strict");
            assert.equal(unknownFlag.status, 2);
            assert.equal(unknownFlag.stderr, "error: unknown option --strict\nusage: npm run -s policy:check -- FILE [--policy-config FILE] [--json]\n");
        });
    });
});
