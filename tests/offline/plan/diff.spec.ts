// offline/plan/diff.ts, with offline/plan/diff-warnings.ts (the warnings) and offline/plan/mermaid.ts (the graph
// the Markdown carries; its escaping is tested with the rendering in tests/tools/plan-diff.spec.ts): the plan diff's
// data. The plans are the dev stack's base plan and named changes of it (tests/fixtures/plans.ts).
import * as assert from "node:assert/strict";
import { diffPlans } from "../../../offline/plan/diff";
import { Plan } from "../../../offline/plan/format";
import {
    assertQuiet, ATTACHMENT, basePlan, clone, DATA_SURVIVES, INSTANCE, planWith, RISKY_MESSAGE, SSH_MESSAGE, URN,
} from "../../fixtures/plans";

const SRC_INSTANCE = "terraform-provider-aws internal/service/ec2/ec2_instance.go (aws_instance schema)";

function resource(plan: Plan, urn: string) {
    const r = plan.resources.find((x) => x.urn === urn);
    assert.ok(r, `no ${urn}`);
    return r;
}

describe("offline/plan/diff", () => {
    const base = basePlan();

    it("identical plans: no changes, no warnings, exit-relevant verdict clean", async () => {
        const d = diffPlans(base, clone(base));
        assertQuiet(d, ["added", "removed", "changed", "ignored", "outputs", "warnings", "newMandatory"]);
        assert.deepEqual(d.policy, { evaluated: true, head: [], new: [], resolved: [] });
    });

    it("AMI change on a pinned-id instance: replacement warning with data-volume survival, attachment cascades", async () => {
        const d = diffPlans(base, planWith("ami"));
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
        const d = diffPlans(planWith("ami-alias-base"), planWith("ami-alias-head"));
        assertQuiet(d, ["added", "removed", "changed", "warnings", "newMandatory"]);
        assert.deepEqual(d.ignored, [{ ...INSTANCE, paths: ["ami"] }]);
    });

    it("ingress rule added: one added resource, nothing replaced", async () => {
        const d = diffPlans(base, planWith("rule-added"));
        assert.deepEqual(d.added, [
            { urn: URN.https, type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "web-in-tcp-443-0.0.0.0-0", custom: true },
        ]);
        assertQuiet(d, ["removed", "changed", "ignored", "warnings", "newMandatory"]);
    });

    it("data volume removed: retained volume warns that it is kept, attachment listed as removed", async () => {
        const d = diffPlans(base, planWith("volume-removed"));
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
        const d = diffPlans(b, planWith("volume-removed"));
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
        const d = diffPlans(base, planWith("ssh-violation"));
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
        const again = diffPlans(planWith("ssh-violation"), planWith("ssh-violation"));
        assert.deepEqual(again.newMandatory, []);
        assert.deepEqual(again.policy.new, []);
        const fixed = diffPlans(planWith("ssh-violation"), base);
        assert.deepEqual(fixed.policy.resolved, [ssh, risky]);
        assert.deepEqual(fixed.newMandatory, []);
    });

    it("matches violations on policyName + urn + message: a changed message is new", async () => {
        const b = planWith("ssh-violation");
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
});
