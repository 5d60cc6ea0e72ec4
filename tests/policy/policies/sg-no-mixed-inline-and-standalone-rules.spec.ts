import * as assert from "node:assert/strict";
import { sgNoMixedInlineAndStandaloneRules as policy } from "../../../policy/policies/sg-no-mixed-inline-and-standalone-rules";
import { T } from "../../../policy/lib/types";
import { StackResourceInput, UNKNOWN, urnOf, validateStack, validateStackDetailed } from "../helpers";

const FIX = "Each side removes the other's rules on every update. Keep one style: move the inline entries into " +
    "aws.vpc.SecurityGroupIngressRule/SecurityGroupEgressRule resources and remove ingress/egress from the group.";

const GROUP_URN = urnOf(T.SecurityGroup, "web");
const ssh = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"], description: "SSH" };

const group = (props: Record<string, unknown>, type: string = T.SecurityGroup): StackResourceInput => ({
    type,
    name: "web",
    props: { id: "sg-web", vpcId: "vpc-1", ingress: [], egress: [], ...props },
});
const vpcRule = (props: Record<string, unknown>, extra: Partial<StackResourceInput> = {}): StackResourceInput => ({
    type: T.SecurityGroupIngressRule,
    name: "https",
    props: { id: "sgr-1", securityGroupId: "sg-web", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", ...props },
    ...extra,
});
const mixed = (inline: string, standalone: string, urn = GROUP_URN) => [
    { message: `This security group declares inline rules (${inline}) and is also the target of standalone rules: ${standalone}. ${FIX}`, urn },
];

describe("sg-no-mixed-inline-and-standalone-rules", () => {
    it("#1 compliant: only standalone rules, or only inline rules", async () => {
        assert.deepEqual(await validateStack(policy, [group({}), vpcRule({})]), []);
        assert.deepEqual(await validateStack(policy, [group({ ingress: [ssh] })]), []);
    });
    it("#2 inline ingress plus a SecurityGroupIngressRule with the group's id", async () => {
        assert.deepEqual(
            await validateStack(policy, [group({ ingress: [ssh] }), vpcRule({})]),
            mixed(`ingress[0] (protocol "tcp", ports 22, from 10.0.0.0/8)`, `https (${T.SecurityGroupIngressRule})`),
        );
    });
    it("#3 inline egress plus a SecurityGroupRule and a SecurityGroupEgressRule", async () => {
        const rules: StackResourceInput[] = [
            { type: T.SecurityGroupRule, name: "ssh", props: { type: "ingress", securityGroupId: "sg-web", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] } },
            { type: T.SecurityGroupEgressRule, name: "out", props: { securityGroupId: "sg-web", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" } },
        ];
        assert.deepEqual(
            await validateStack(policy, [group({ egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }), ...rules]),
            mixed(`egress[0] (protocol "-1", ports all, to 0.0.0.0/0)`, `ssh (${T.SecurityGroupRule}), out (${T.SecurityGroupEgressRule})`),
        );
    });
    it("#4 preview: unknown ids, matched through the rule's propertyDependencies.securityGroupId", async () => {
        const resources = [
            group({ id: UNKNOWN, ingress: [ssh] }),
            vpcRule({ securityGroupId: UNKNOWN }, { propertyDependencies: { securityGroupId: [GROUP_URN] }, dependencies: [GROUP_URN] }),
        ];
        assert.deepEqual(
            await validateStack(policy, resources),
            mixed(`ingress[0] (protocol "tcp", ports 22, from 10.0.0.0/8)`, `https (${T.SecurityGroupIngressRule})`),
        );
    });
    it("#5 preview: an unknown securityGroupId without a recorded dependency matches nothing", async () => {
        assert.deepEqual(await validateStack(policy, [group({ id: UNKNOWN, ingress: [ssh] }), vpcRule({ securityGroupId: UNKNOWN })]), []);
        assert.deepEqual(
            await validateStack(policy, [group({ id: UNKNOWN, ingress: [ssh] }), vpcRule({ securityGroupId: UNKNOWN }, { dependencies: [GROUP_URN] })]),
            [],
        );
    });
    it("#6 a rule targeting another group does not count", async () => {
        assert.deepEqual(await validateStack(policy, [group({ ingress: [ssh] }), vpcRule({ securityGroupId: "sg-other" })]), []);
    });
    it("#7 after a refresh, outputs listing the standalone rules' own entries are not inline rules", async () => {
        const reflected = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: [], securityGroups: [], self: false };
        assert.deepEqual(await validateStack(policy, [group({ ingress: [reflected] }), vpcRule({})]), []);
    });
    it("#8 an entry with the same ports but another source is still inline", async () => {
        const entry = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0", "192.0.2.0/24"] };
        assert.deepEqual(
            await validateStack(policy, [group({ ingress: [entry] }), vpcRule({})]),
            mixed(`ingress[0] (protocol "tcp", ports 443, from 0.0.0.0/0, 192.0.2.0/24)`, `https (${T.SecurityGroupIngressRule})`),
        );
    });
    it("#9 the DefaultSecurityGroup counts as a group", async () => {
        const dsg = group({ ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] }, T.DefaultSecurityGroup);
        assert.deepEqual(
            await validateStack(policy, [dsg, vpcRule({})]),
            mixed(`ingress[0] (protocol "-1", ports all, from self)`, `https (${T.SecurityGroupIngressRule})`, urnOf(T.DefaultSecurityGroup, "web")),
        );
    });
    it("#10 unknown ingress/egress outputs hold no provable inline rule", async () => {
        assert.deepEqual(await validateStack(policy, [group({ ingress: UNKNOWN, egress: UNKNOWN }), vpcRule({})]), []);
    });
    it("#11 a stack without security groups is not applicable", async () => {
        assert.deepEqual(await validateStackDetailed(policy, [vpcRule({})]), { violations: [], notApplicable: "the stack has no security groups" });
    });
});
