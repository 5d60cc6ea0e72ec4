// tools/plan-diff.ts: the text and Markdown rendering of a plan diff, and the command. The diff's data is tested in
// tests/offline/plan/diff.spec.ts.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { diffPlans } from "../../offline/plan/diff";
import { mermaidEscape } from "../../offline/plan/mermaid";
import { main, mdCode, renderMarkdown, renderText, USAGE } from "../../tools/plan-diff";
import { assertQuiet, basePlan, DATA_SURVIVES, INSTANCE, planWith, URN, writePlanFile } from "../fixtures/plans";
import { runMain, runScript } from "./helpers";

describe("tools/plan-diff", () => {
    const base = basePlan();

    it("instance type change: updated in place, no replacement warning", async () => {
        const d = diffPlans(base, planWith("instance-type"));
        assert.deepEqual(d.changed, [
            { ...INSTANCE, changes: [{ path: "instanceType", kind: "changed", before: "t3.micro", after: "t3.small" }], optionChanges: [], replacement: "none" },
        ]);
        assertQuiet(d, ["added", "removed", "ignored", "warnings", "newMandatory"]);
        assert.equal(
            renderText(d),
            [
                "Plan diff for ec2-server/dev (ap-northeast-2)",
                "  0 to add, 1 to change, 0 to remove; 0 warning(s); policy: 0 violation(s) (0 mandatory, 0 advisory), 0 new, 0 resolved",
                "",
                "CHANGED (1)",
                '  ~ aws:ec2/instance:Instance "server-0"',
                '      instanceType: "t3.micro" → "t3.small"',
                "",
                "POLICY (HEAD)",
                "  no violations",
                "",
                "OK: no new mandatory policy violations",
                "",
            ].join("\n"),
        );
    });

    it("markdown: alerts, resource list and a Mermaid graph TD of HEAD", async () => {
        const d = diffPlans(base, planWith("ami"));
        const md = renderMarkdown(d);
        const mermaid = /```mermaid\n([\s\S]*?)\n```/.exec(md);
        assert.ok(mermaid);
        assert.equal(mermaid[1], d.mermaid);
        assert.deepEqual(d.mermaid.split("\n").slice(0, 16), [
            "graph TD",
            '    n0["ec2-server-dev<br/>pulumi:pulumi:Stack"]:::stack',
            '    n1["network<br/>ec2-server:network:Network"]:::component',
            '    n2["network-vpc<br/>aws:ec2/vpc:Vpc"]',
            '    n3["network-public-ap-northeast-2a<br/>aws:ec2/subnet:Subnet"]',
            '    n4["web<br/>ec2-server:security:SecurityGroup"]:::component',
            '    n5["web-sg<br/>aws:ec2/securityGroup:SecurityGroup"]',
            '    n6["web-in-tcp-22-203.0.113.10-32<br/>aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"]',
            '    n7["web-out-all-0.0.0.0-0<br/>aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"]',
            '    n8["ssh<br/>ec2-server:keys:KeyPair"]:::component',
            '    n9["ssh-private-key<br/>tls:index/privateKey:PrivateKey"]',
            '    n10["ssh-key<br/>aws:ec2/keyPair:KeyPair"]',
            '    n11["server<br/>ec2-server:compute:Instance"]:::component',
            '    n12["server-0<br/>aws:ec2/instance:Instance"]:::replaced',
            '    n13["server-0-data<br/>aws:ebs/volume:Volume"]',
            '    n14["server-0-data<br/>aws:ec2/volumeAttachment:VolumeAttachment"]:::replaced',
        ]);
        const edges = d.mermaid.split("\n").filter((l) => / (-->|-\.->) /.test(l));
        assert.deepEqual(edges, [
            "    n0 --> n1",
            "    n1 --> n2",
            "    n1 --> n3",
            "    n0 --> n4",
            "    n4 --> n5",
            "    n4 --> n6",
            "    n4 --> n7",
            "    n0 --> n8",
            "    n8 --> n9",
            "    n8 --> n10",
            "    n0 --> n11",
            "    n11 --> n12",
            "    n11 --> n13",
            "    n11 --> n14",
            "    n2 -.-> n3",
            "    n2 -.-> n5",
            "    n5 -.-> n6",
            "    n5 -.-> n7",
            "    n9 -.-> n10",
            "    n3 -.-> n12",
            "    n5 -.-> n12",
            "    n10 -.-> n12",
            "    n12 -.-> n14",
            "    n13 -.-> n14",
        ]);
        const lines = md.split("\n");
        assert.equal(lines[0], "### Plan diff: `ec2-server/dev` (`ap-northeast-2`)");
        const alert = lines.indexOf("> [!CAUTION]");
        assert.deepEqual(lines.slice(alert, alert + 7), [
            "> [!CAUTION]",
            '> **REPLACE stateful EC2 instance "server-0" (aws:ec2/instance:Instance)**  ',
            `> \`${URN.instance}\``,
            '> - ami: "ami-0c9c942bd7bf113a2" → "ami-0e1d30f2c40c4c701" forces replacement \\[terraform-provider-aws internal/service/ec2/ec2\\_instance.go (aws\\_instance schema)\\]',
            "> - order: the new one is created first, then the old one is deleted",
            "> - root volume: contents are LOST (rootBlockDevice.deleteOnTermination is true)",
            `> - ${DATA_SURVIVES}`,
        ]);
    });

    it("escapes Mermaid labels and Markdown code spans", async () => {
        assert.equal(mermaidEscape('a"b<c>#d\ne'), "a#quot;b#lt;c#gt;#35;d e");
        assert.equal(mdCode("plain"), "`plain`");
        assert.equal(mdCode("a`b"), "``a`b``");
        assert.equal(mdCode("`x`"), "`` `x` ``");
    });

    describe("as a script", () => {
        // One real process (npm run plan:diff); the other cases run main() here, through the same runCli.
        const run = (...args: string[]) => runMain(main, USAGE, args);
        const fx = (n: string) => path.join("tests", "fixtures", n);

        it("exits 1 on a new mandatory violation (as a process), 0 otherwise, 2 on bad input or usage", async () => {
            const violation = runScript("plan:diff", [fx("plan-base.json"), writePlanFile(planWith("ssh-violation"))]);
            assert.equal(violation.status, 1, violation.stderr);
            assert.deepEqual(violation.stdout.trimEnd().split("\n").slice(-1), ["FAIL: 1 new mandatory policy violation(s)"]);

            const fine = await run(fx("plan-base.json"), writePlanFile(planWith("ami")), "--markdown");
            assert.equal(fine.status, 0, fine.stderr);
            assert.equal(fine.stdout.split("\n")[0], "### Plan diff: `ec2-server/dev` (`ap-northeast-2`)");

            const missing = await run(fx("plan-base.json"), fx("no-such-plan.json"));
            assert.equal(missing.status, 2);
            assert.equal(missing.stderr, `error: cannot read ${fx("no-such-plan.json")}: ENOENT\n`);

            const notPlan = await run(fx("plan-base.json"), fx("stack-export.json"));
            assert.equal(notPlan.status, 2);
            assert.equal(notPlan.stderr.split("\n")[0], `error: ${fx("stack-export.json")} is not a valid plan file (version 1):`);

            const usage = await run(fx("plan-base.json"));
            assert.equal(usage.status, 2);
            assert.equal(usage.stderr, "error: expected BASE.json and HEAD.json\nusage: npm run -s plan:diff -- BASE.json HEAD.json [--markdown]   (BASE: a plan file or a `pulumi stack export`)\n");
        });
    });
});
