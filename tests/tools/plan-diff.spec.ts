import * as assert from "node:assert/strict";
import * as path from "node:path";
import { diffPlans, PlanDiff } from "../../offline/plan/diff";
import { main, mdCode, renderMarkdown, renderText, USAGE } from "../../tools/plan-diff";
import { mermaidEscape } from "../../offline/plan/mermaid";
import { parsePlan, Plan, PlanFormatError, readPlanFile } from "../../offline/plan/format";
import { runMain, runScript } from "./helpers";

const REPO = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(REPO, "tests", "fixtures");
const load = (name: string): Plan => readPlanFile(path.join(FIXTURES, name));
const clone = (p: Plan): Plan => JSON.parse(JSON.stringify(p)) as Plan;

const P = "urn:pulumi:dev::ec2-server::";
const URN = {
    subnet: `${P}ec2-server:network:Network$aws:ec2/subnet:Subnet::network-public-ap-northeast-2a`,
    instance: `${P}ec2-server:compute:Instance$aws:ec2/instance:Instance::server-0`,
    volume: `${P}ec2-server:compute:Instance$aws:ebs/volume:Volume::server-0-data`,
    attachment: `${P}ec2-server:compute:Instance$aws:ec2/volumeAttachment:VolumeAttachment::server-0-data`,
    https: `${P}ec2-server:security:SecurityGroup$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::web-in-tcp-443-0.0.0.0-0`,
    sshWorld: `${P}ec2-server:security:SecurityGroup$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::web-in-tcp-22-0.0.0.0-0`,
};
const SRC_INSTANCE = "terraform-provider-aws internal/service/ec2/ec2_instance.go (aws_instance schema)";
const INSTANCE = { urn: URN.instance, type: "aws:ec2/instance:Instance", name: "server-0", custom: true };
const ATTACHMENT = { urn: URN.attachment, type: "aws:ec2/volumeAttachment:VolumeAttachment", name: "server-0-data", custom: true };
const DATA_SURVIVES =
    'data volume "server-0-data": SURVIVES, a separate EBS volume detached from the old instance and re-attached to the new one by "server-0-data"; retainOnDelete keeps it even if it leaves the program';
const SSH_MESSAGE =
    "Security groups must not allow SSH (TCP 22) from the whole internet (0.0.0.0/0 or ::/0): internet-facing SSH is brute-forced within minutes of launch (AWS Security Hub EC2.13).\n" +
    'This rule (protocol "tcp", ports 22, from 0.0.0.0/0) opens SSH (TCP 22) to the internet. Allow SSH only from trusted CIDRs (a VPN or an office /32), or use SSM Session Manager, which needs no inbound port.';
const RISKY_MESSAGE =
    "Security groups should not open high-risk ports (databases, remote administration, file sharing, mail, dev servers; default: the AWS Security Hub EC2.19 list) to the whole internet (0.0.0.0/0 or ::/0).\n" +
    'This rule (protocol "tcp", ports 22, from 0.0.0.0/0) opens high-risk port 22 to the internet. Restrict the source to trusted CIDRs, or put the service behind a load balancer or a VPN.';

function resource(plan: Plan, urn: string) {
    const r = plan.resources.find((x) => x.urn === urn);
    assert.ok(r, `no ${urn}`);
    return r;
}

/** The parts of a diff that say nothing changed. */
function assertQuiet(d: PlanDiff, keys: (keyof PlanDiff)[]) {
    for (const k of keys) assert.deepEqual(d[k], [], `${k} should be empty`);
}

describe("tools/plan-diff", () => {
    const base = load("plan-base.json");

    it("identical plans: no changes, no warnings, exit-relevant verdict clean", async () => {
        const d = diffPlans(base, clone(base));
        assertQuiet(d, ["added", "removed", "changed", "ignored", "outputs", "warnings", "newMandatory"]);
        assert.deepEqual(d.policy, { evaluated: true, head: [], new: [], resolved: [] });
    });

    it("instance type change: updated in place, no replacement warning", async () => {
        const d = diffPlans(base, load("plan-head-instance-type.json"));
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

    it("AMI change on a pinned-id instance: replacement warning with data-volume survival, attachment cascades", async () => {
        const d = diffPlans(base, load("plan-head-ami.json"));
        assert.deepEqual(d.changed, [
            {
                ...INSTANCE,
                changes: [{ path: "ami", kind: "changed", before: "ami-0c9c942bd7bf113a2", after: "ami-0e1d30f2c40c4c701" }],
                optionChanges: [],
                replacement: "replace",
            },
            { ...ATTACHMENT, changes: [], optionChanges: [], replacement: "replace" },
        ]);
        assert.deepEqual(d.warnings, [
            {
                kind: "replace",
                urn: URN.instance,
                type: "aws:ec2/instance:Instance",
                name: "server-0",
                stateful: true,
                severity: "danger",
                headline: 'REPLACE stateful EC2 instance "server-0" (aws:ec2/instance:Instance)',
                lines: [
                    `ami: "ami-0c9c942bd7bf113a2" → "ami-0e1d30f2c40c4c701" forces replacement [${SRC_INSTANCE}]`,
                    "order: the new one is created first, then the old one is deleted",
                    "root volume: contents are LOST (rootBlockDevice.deleteOnTermination is true)",
                    DATA_SURVIVES,
                ],
            },
            {
                kind: "replace",
                urn: URN.attachment,
                type: "aws:ec2/volumeAttachment:VolumeAttachment",
                name: "server-0-data",
                stateful: false,
                severity: "warning",
                headline: 'REPLACE volume attachment "server-0-data" (aws:ec2/volumeAttachment:VolumeAttachment)',
                lines: [
                    'instanceId: refers to EC2 instance "server-0", which is replaced, so it gets a new value',
                    "order: deleteBeforeReplace, so the old one is deleted before the new one is created",
                ],
            },
        ]);
        assertQuiet(d, ["added", "removed", "ignored", "newMandatory"]);
    });

    it("AMI change under ignoreChanges (AMI from an alias): no change, no warning, listed as ignored", async () => {
        const d = diffPlans(load("plan-base-ami-alias.json"), load("plan-head-ami-alias.json"));
        assertQuiet(d, ["added", "removed", "changed", "warnings", "newMandatory"]);
        assert.deepEqual(d.ignored, [{ ...INSTANCE, paths: ["ami"] }]);
    });

    it("ingress rule added: one added resource, nothing replaced", async () => {
        const d = diffPlans(base, load("plan-head-rule-added.json"));
        assert.deepEqual(d.added, [
            { urn: URN.https, type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "web-in-tcp-443-0.0.0.0-0", custom: true },
        ]);
        assertQuiet(d, ["removed", "changed", "ignored", "warnings", "newMandatory"]);
    });

    it("data volume removed: retained volume warns that it is kept, attachment listed as removed", async () => {
        const d = diffPlans(base, load("plan-head-volume-removed.json"));
        assert.deepEqual(d.removed, [
            { urn: URN.volume, type: "aws:ebs/volume:Volume", name: "server-0-data", custom: true },
            ATTACHMENT,
        ]);
        assert.deepEqual(d.warnings, [
            {
                kind: "remove",
                urn: URN.volume,
                type: "aws:ebs/volume:Volume",
                name: "server-0-data",
                stateful: true,
                severity: "warning",
                headline: 'REMOVE stateful EBS volume "server-0-data" (aws:ebs/volume:Volume)',
                lines: ["data: KEPT in AWS with its data (retainOnDelete) but no longer managed by Pulumi; delete it by hand when it is no longer needed"],
            },
        ]);
        assertQuiet(d, ["added", "changed", "ignored", "newMandatory"]);
    });

    it("a removed volume without retainOnDelete warns that its data is deleted", async () => {
        const b = clone(base);
        resource(b, URN.volume).options.retainOnDelete = false;
        const d = diffPlans(b, load("plan-head-volume-removed.json"));
        assert.deepEqual(
            d.warnings.map((w) => [w.headline, w.severity, w.lines]),
            [['REMOVE stateful EBS volume "server-0-data" (aws:ebs/volume:Volume)', "danger", ["data: the volume and its data are DELETED"]]],
        );
    });

    it("a removed instance: terminated, root lost, its attached data volume survives", async () => {
        const h = clone(base);
        h.resources = h.resources.filter((r) => r.urn !== URN.instance && r.urn !== URN.attachment);
        const d = diffPlans(base, h);
        assert.deepEqual(d.removed, [INSTANCE, ATTACHMENT]);
        assert.deepEqual(d.warnings.map((w) => [w.headline, w.lines]), [
            [
                'REMOVE stateful EC2 instance "server-0" (aws:ec2/instance:Instance)',
                [
                    "the instance is terminated",
                    "root volume: contents are LOST (rootBlockDevice.deleteOnTermination is true)",
                    'data volume "server-0-data": SURVIVES, a separate EBS volume that is only detached; retainOnDelete keeps it even if it leaves the program',
                ],
            ],
        ]);
    });

    it("a new mandatory violation: marked NEW, counted as new mandatory; advisory one listed too", async () => {
        const d = diffPlans(base, load("plan-head-ssh-violation.json"));
        const ssh = { policyName: "ec2-no-ssh-from-internet", urn: URN.sshWorld, enforcementLevel: "mandatory" as const, message: SSH_MESSAGE };
        const risky = { policyName: "ec2-no-risky-ports-from-internet", urn: URN.sshWorld, enforcementLevel: "advisory" as const, message: RISKY_MESSAGE };
        assert.deepEqual(d.policy, {
            evaluated: true,
            head: [
                { ...ssh, isNew: true },
                { ...risky, isNew: true },
            ],
            new: [ssh, risky],
            resolved: [],
        });
        assert.deepEqual(d.newMandatory, [ssh]);
        // The same violation in BASE and HEAD is not new; one that disappears is resolved.
        const again = diffPlans(load("plan-head-ssh-violation.json"), load("plan-head-ssh-violation.json"));
        assert.deepEqual(again.newMandatory, []);
        assert.deepEqual(again.policy.new, []);
        const fixed = diffPlans(load("plan-head-ssh-violation.json"), base);
        assert.deepEqual(fixed.policy.resolved, [ssh, risky]);
        assert.deepEqual(fixed.newMandatory, []);
    });

    it("matches violations on policyName + urn + message: a changed message is new", async () => {
        const b = load("plan-head-ssh-violation.json");
        const h = clone(b);
        (h.policy as NonNullable<Plan["policy"]>).diagnostics[0].message = "another message";
        const d = diffPlans(b, h);
        assert.deepEqual(d.newMandatory, [{ policyName: "ec2-no-ssh-from-internet", urn: URN.sshWorld, enforcementLevel: "mandatory", message: "another message" }]);
        assert.deepEqual(d.policy.resolved.map((x) => x.message), [SSH_MESSAGE]);
    });

    it("a subnet CIDR change cascades: subnet, instance (subnetId) and attachment (instanceId) are replaced", async () => {
        const h = clone(base);
        resource(h, URN.subnet).inputs.cidrBlock = "10.20.1.0/24";
        const d = diffPlans(base, h);
        assert.deepEqual(
            d.changed.map((c) => [c.name, c.replacement]),
            [
                ["network-public-ap-northeast-2a", "replace"],
                ["server-0", "replace"],
                ["server-0-data", "replace"],
            ],
        );
        assert.deepEqual(
            d.warnings.map((w) => [w.headline, w.lines[0]]),
            [
                [
                    'REPLACE subnet "network-public-ap-northeast-2a" (aws:ec2/subnet:Subnet)',
                    'cidrBlock: "10.20.0.0/24" → "10.20.1.0/24" forces replacement [terraform-provider-aws internal/service/ec2/vpc_subnet.go (aws_subnet schema)]',
                ],
                [
                    'REPLACE stateful EC2 instance "server-0" (aws:ec2/instance:Instance)',
                    'subnetId: refers to subnet "network-public-ap-northeast-2a", which is replaced, so it gets a new value',
                ],
                [
                    'REPLACE volume attachment "server-0-data" (aws:ec2/volumeAttachment:VolumeAttachment)',
                    'instanceId: refers to EC2 instance "server-0", which is replaced, so it gets a new value',
                ],
            ],
        );
    });

    it("secrets: [secret] vs [secret] is unchanged, except on a force-new property where it is a possible replacement", async () => {
        const b = clone(base);
        resource(b, URN.instance).inputs.userData = "[secret]";
        const quiet = diffPlans(b, clone(b));
        assertQuiet(quiet, ["changed", "warnings"]);

        resource(b, URN.instance).inputs.userDataReplaceOnChange = true;
        const d = diffPlans(b, clone(b));
        // The attachment's instanceId changes only if the instance is replaced: also a possible replacement.
        assert.deepEqual(d.changed, [
            { ...INSTANCE, changes: [], optionChanges: [], replacement: "possible" },
            { ...ATTACHMENT, changes: [], optionChanges: [], replacement: "possible" },
        ]);
        assert.deepEqual(
            d.warnings.map((w) => [w.kind, w.severity, w.headline, w.lines[0]]),
            [
                [
                    "possible-replace",
                    "warning",
                    'POSSIBLE REPLACE stateful EC2 instance "server-0" (aws:ec2/instance:Instance)',
                    "userData: secret value (cannot compare); if it changed, it forces replacement, because userDataReplaceOnChange is true " +
                        "[terraform-provider-aws internal/service/ec2/ec2_instance.go (CustomizeDiff: customdiff.ForceNewIf on user_data_replace_on_change)]",
                ],
                [
                    "possible-replace",
                    "warning",
                    'POSSIBLE REPLACE volume attachment "server-0-data" (aws:ec2/volumeAttachment:VolumeAttachment)',
                    'instanceId: refers to EC2 instance "server-0", which may be replaced, so it would get a new value',
                ],
            ],
        );
    });

    it("a plain value that becomes secret is a visible change, without revealing anything", async () => {
        const b = clone(base);
        resource(b, URN.instance).inputs.userData = "#cloud-config\n";
        const h = clone(b);
        resource(h, URN.instance).inputs.userData = "[secret]";
        const d = diffPlans(b, h);
        assert.deepEqual(d.changed[0].changes, [{ path: "userData", kind: "changed", before: "#cloud-config\n", after: "[secret]" }]);
        assert.deepEqual(d.warnings, []);
    });

    it("nested and list changes have precise paths; options changes are reported separately", async () => {
        const h = clone(base);
        const inst = resource(h, URN.instance);
        (inst.inputs.rootBlockDevice as Record<string, unknown>).volumeSize = 40;
        (inst.inputs.tags as Record<string, string>)["cost center"] = "42";
        inst.inputs.vpcSecurityGroupIds = ["sg-0a1b2c3d4e5f60001", "sg-0a1b2c3d4e5f60002"];
        inst.options.protect = true;
        const d = diffPlans(base, h);
        assert.deepEqual(d.changed, [
            {
                ...INSTANCE,
                changes: [
                    { path: "vpcSecurityGroupIds", kind: "changed", before: ["sg-0a1b2c3d4e5f60001"], after: ["sg-0a1b2c3d4e5f60001", "sg-0a1b2c3d4e5f60002"] },
                    { path: "rootBlockDevice.volumeSize", kind: "changed", before: 20, after: 40 },
                    { path: 'tags["cost center"]', kind: "added", after: "42" },
                ],
                optionChanges: [{ path: "protect", kind: "changed", before: false, after: true }],
                replacement: "none",
            },
        ]);
        assert.deepEqual(d.warnings, []);
    });

    it("replaceOnChanges makes any covered change a replacement", async () => {
        const b = clone(base);
        resource(b, URN.instance).options.replaceOnChanges = ["tags"];
        const h = clone(b);
        (resource(h, URN.instance).inputs.tags as Record<string, string>).Name = "server-zero";
        const d = diffPlans(b, h);
        assert.deepEqual(d.warnings[0].lines[0], "tags: changed (tags.Name) and is listed in the replaceOnChanges resource option");
        assert.deepEqual(d.changed.map((c) => [c.name, c.replacement]), [["server-0", "replace"], ["server-0-data", "replace"]]);
    });

    it("refuses to compare plans of different stacks", async () => {
        const other = clone(base);
        other.stack = "prod";
        other.resources = [];
        assert.throws(() => diffPlans(base, other), { message: "BASE is ec2-server/dev but HEAD is ec2-server/prod; compare plans of the same stack" });
    });

    it("markdown: alerts, resource list and a Mermaid graph TD of HEAD", async () => {
        const d = diffPlans(base, load("plan-head-ami.json"));
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

    it("the plan reader reports every problem at once", async () => {
        const bad = {
            version: 2,
            project: "ec2-server",
            stack: "dev",
            resources: [
                { urn: "not-a-urn", type: "aws:ec2/vpc:Vpc", name: "v", custom: true, inputs: {} },
                { urn: `${P}aws:ec2/vpc:Vpc::v`, type: "aws:ec2/vpc:Vpc", name: "v", custom: "yes", inputs: {}, options: { protect: 1 } },
                { urn: `${P}aws:ec2/vpc:Vpc::w`, type: "aws:ec2/vpc:Vpc", name: "w", custom: true, inputs: {}, parent: `${P}pulumi:pulumi:Stack::missing` },
            ],
            policy: { policies: [{ name: "x", enforcementLevel: "fatal" }], diagnostics: [] },
        };
        assert.throws(
            () => parsePlan(bad, "bad.json"),
            (err: unknown) => {
                assert.ok(err instanceof PlanFormatError);
                assert.deepEqual(err.problems, [
                    "version must be 1 (got 2)",
                    "region must be a non-empty string",
                    "resources[0].urn is not a Pulumi URN: not-a-urn",
                    "resources[1].custom must be a boolean",
                    "resources[1].options.protect must be a boolean",
                    `${P}aws:ec2/vpc:Vpc::w: parent ${P}pulumi:pulumi:Stack::missing is not in resources`,
                    "policy.policies[0] must be { name: string, enforcementLevel: advisory|mandatory|remediate|disabled }",
                ]);
                return true;
            },
        );
    });

    describe("as a script", () => {
        // One real process (npm run plan:diff); the other cases run main() here, through the same runCli.
        const run = (...args: string[]) => runMain(main, USAGE, args);
        const fx = (n: string) => path.join("tests", "fixtures", n);

        it("exits 1 on a new mandatory violation (as a process), 0 otherwise, 2 on bad input or usage", async () => {
            const violation = runScript("plan:diff", [fx("plan-base.json"), fx("plan-head-ssh-violation.json")]);
            assert.equal(violation.status, 1, violation.stderr);
            assert.deepEqual(violation.stdout.trimEnd().split("\n").slice(-1), ["FAIL: 1 new mandatory policy violation(s)"]);

            const fine = await run(fx("plan-base.json"), fx("plan-head-ami.json"), "--markdown");
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
