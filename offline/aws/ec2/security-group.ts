/**
 * `aws:ec2/securityGroup:SecurityGroup` (aws_security_group, terraform-provider-aws
 * internal/service/ec2/vpc_security_group.go): what AWS and the provider do for it, as the offline engine and the
 * simulated provider model it.
 */
import { AwsError } from "../errors";
import { regionRow, TF_EC2, TF_SERVICE } from "../rows";
import { EGRESS_RULE, INGRESS_RULE, SECURITY_GROUP } from "../tokens";
import type { AwsType } from "../type";
import { ACCOUNT_ID } from "../world";

const SRC = {
    securityGroup: `${TF_EC2}vpc_security_group.go (aws_security_group schema)`,
} as const;

export const securityGroup: AwsType = {
    token: SECURITY_GROUP,
    kind: {
        stateful: false,
        label: "security group",
        forceNew: [
            { path: "description", source: SRC.securityGroup }, // description: ForceNew
            { path: "name", source: SRC.securityGroup }, // name: ForceNew
            { path: "namePrefix", source: SRC.securityGroup }, // name_prefix: ForceNew
            { path: "vpcId", source: SRC.securityGroup }, // vpc_id: ForceNew
            regionRow,
        ],
        references: [{ path: "vpcId", targetType: "aws:ec2/vpc:Vpc", changesOnReplace: "always" }],
    },
    // Optional+Computed: the `Optional: true, Computed: true` attributes of the schema (terraform-provider-aws vpc_security_group.go `ResourceSecurityGroup`).
    computed: [
        "ingress", "egress", "name", "namePrefix",
    ],
    // pulumi-aws provider/autonaming.go setAutonaming: tfbridge.AutoName("name", 255, "-") for an input `name`.
    autonamed: { property: "name", maxLength: 255 },
    readBackRules: [
        { property: "ingress, egress", rule: "every rule of the group, the separate rule resources' too (Optional+Computed, ConfigModeAttr): what the program did not write there stays out of its inputs, so no diff and no policy sees it", source: `${TF_SERVICE}ec2/vpc_security_group.go resourceSecurityGroupRead (matchRules appends the remote rules not matched locally)` },
    ],
    create(w, a) {
        const { p, name: n } = a;
        const vpcId = String(p.vpcId);
        if (!w.vpc(vpcId)) {
            throw new AwsError("InvalidVpcID.NotFound", `The vpc ID '${vpcId}' does not exist`);
        }
        const id = w.awsId("sg", n);
        w.securityGroups.set(id, { vpcId });
        // A group created through the API has no rules at all: AWS's default allow-all egress is removed
        // by the provider, so `egress` is empty unless the program adds rules.
        return { id, state: a.state({ name: p.name ?? w.autoname(n), arn: w.arn("ec2", `security-group/${id}`), ownerId: ACCOUNT_ID, ingress: p.ingress ?? [], egress: p.egress ?? [] }) };
    },
    seed(w, id, o) {
        w.securityGroups.set(id, { vpcId: String(o.vpcId) });
    },
    readBack(out, r, world) {
        // resourceSecurityGroupRead: the inline rules it matched, then every other rule AWS reports on the group.
        const inline = (kind: "ingress" | "egress") => (Array.isArray(r.inputs[kind]) ? r.inputs[kind] as unknown[] : []);
        const standalone = (type: string) => world.filter(x => x.type === type && x.outputs.securityGroupId === r.id).map(x => inlineRule(x.outputs));
        out.ingress = [...inline("ingress"), ...standalone(INGRESS_RULE)];
        out.egress = [...inline("egress"), ...standalone(EGRESS_RULE)];
    },
};

/** A separate rule (aws.vpc.SecurityGroupIngressRule / EgressRule) as the group's own `ingress`/`egress` reads it. */
function inlineRule(rule: Record<string, unknown>): Record<string, unknown> {
    const all = String(rule.ipProtocol) === "-1";
    const list = (v: unknown) => (typeof v === "string" && v !== "" ? [v] : []);
    return {
        protocol: String(rule.ipProtocol),
        fromPort: all ? 0 : rule.fromPort,
        toPort: all ? 0 : rule.toPort,
        cidrBlocks: list(rule.cidrIpv4),
        ipv6CidrBlocks: list(rule.cidrIpv6),
        prefixListIds: list(rule.prefixListId),
        securityGroups: list(rule.referencedSecurityGroupId),
        self: false,
        description: rule.description ?? "",
    };
}
