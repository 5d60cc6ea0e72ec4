import * as assert from "node:assert/strict";
import { sgRuleDescriptionRequired as policy } from "../../../policy/policies/sg-rule-description-required";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX = 'has no description. Say what the rule is for (e.g. "HTTPS from the load balancer"), so a reviewer can tell whether it is still needed.';

const https = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS from anywhere" };
const allOut = { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], description: "All outbound" };

const group = (ingress: unknown, egress: unknown = [allOut], type: string = T.SecurityGroup) =>
    validateResource(policy, { type, props: { vpcId: "vpc-1", ingress, egress } });

describe("sg-rule-description-required", () => {
    it("#1 compliant: every rule described, in every form", async () => {
        assert.deepEqual(await group([https]), []);
        assert.deepEqual(
            await validateResource(policy, { type: T.SecurityGroupRule, props: { type: "ingress", securityGroupId: "sg-1", ...https } }),
            [],
        );
        for (const type of [T.SecurityGroupIngressRule, T.SecurityGroupEgressRule]) {
            assert.deepEqual(
                await validateResource(policy, { type, props: { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "x" } }),
                [],
            );
        }
    });
    it("#2 inline ingress without description", async () => {
        assert.deepEqual(await group([https, { ...https, description: undefined }]), [`ingress[1] (protocol "tcp", ports 443, from 0.0.0.0/0) ${FIX}`]);
    });
    it("#3 inline egress with an empty or blank description, named with its destinations", async () => {
        assert.deepEqual(await group([https], [{ ...allOut, description: "" }, { ...allOut, description: "  " }]), [
            `egress[0] (protocol "-1", ports all, to 0.0.0.0/0, ::/0) ${FIX}`,
            `egress[1] (protocol "-1", ports all, to 0.0.0.0/0, ::/0) ${FIX}`,
        ]);
    });
    it("#4 security group, prefix list and self peers are named", async () => {
        assert.deepEqual(
            await group([{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["sg-app"], prefixListIds: ["pl-1"], self: true }]),
            [`ingress[0] (protocol "tcp", ports 5432, from security group sg-app, prefix list pl-1, self) ${FIX}`],
        );
    });
    it("#5 DefaultSecurityGroup inline rules", async () => {
        assert.deepEqual(await group([{ protocol: "-1", fromPort: 0, toPort: 0, self: true }], [], T.DefaultSecurityGroup), [
            `ingress[0] (protocol "-1", ports all, from self) ${FIX}`,
        ]);
    });
    it("#6 SecurityGroupRule without description (ingress and egress)", async () => {
        assert.deepEqual(
            await validateResource(policy, {
                type: T.SecurityGroupRule,
                props: { type: "egress", securityGroupId: "sg-1", protocol: "tcp", fromPort: "443", toPort: "443", sourceSecurityGroupId: "sg-db" },
            }),
            [`This rule (protocol "tcp", ports 443, to security group sg-db) ${FIX}`],
        );
    });
    it("#7 vpc SecurityGroupIngressRule and SecurityGroupEgressRule without description", async () => {
        assert.deepEqual(
            await validateResource(policy, { type: T.SecurityGroupIngressRule, props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8" } }),
            [`This rule (protocol "tcp", ports 22, from 10.0.0.0/8) ${FIX}`],
        );
        assert.deepEqual(
            await validateResource(policy, { type: T.SecurityGroupEgressRule, props: { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv6: "::/0" } }),
            [`This rule (protocol "-1", ports all, to ::/0) ${FIX}`],
        );
    });
    it("#8 unknown descriptions and unknown lists are not reported; unknown peers are shown as such", async () => {
        assert.deepEqual(await group([{ ...https, description: UNKNOWN }]), []);
        assert.deepEqual(await group(UNKNOWN, UNKNOWN), []);
        assert.deepEqual(
            await validateResource(policy, { type: T.SecurityGroupIngressRule, props: { ipProtocol: "tcp", fromPort: 22, toPort: 22, referencedSecurityGroupId: UNKNOWN } }),
            [`This rule (protocol "tcp", ports 22, from security group (unknown)) ${FIX}`],
        );
        assert.deepEqual(await group([{ ...https, cidrBlocks: UNKNOWN, description: undefined }], []), [`ingress[0] (protocol "tcp", ports 443, from (unknown)) ${FIX}`]);
    });
    it("#9 a rule with no peer at all", async () => {
        assert.deepEqual(await group([{ protocol: "tcp", fromPort: 80, toPort: 80 }], []), [`ingress[0] (protocol "tcp", ports 80, from (none)) ${FIX}`]);
    });
    it("#10 other types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.NetworkAclRule, props: {} });
        assert.equal(outcome.messages.length, 0);
        assert.equal(typeof outcome.notApplicable, "string");
    });
});
