import * as assert from "node:assert/strict";
import { vpcDefaultSecurityGroupClosed as policy } from "../../../policy/policies/vpc-default-security-group-closed";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX = "Remove every ingress and egress entry from this DefaultSecurityGroup (declaring it with no rules revokes AWS's defaults) " +
    "and give each instance its own security group.";
const rule = { protocol: "-1", fromPort: 0, toPort: 0, self: true };

const check = (props: Record<string, unknown>) => validateResource(policy, { type: T.DefaultSecurityGroup, props: { vpcId: "vpc-1", ...props } });

describe("vpc-default-security-group-closed", () => {
    it("#1 compliant: no rules, or empty lists", async () => {
        assert.deepEqual(await check({}), []);
        assert.deepEqual(await check({ ingress: [], egress: [] }), []);
    });
    it("#2 one ingress rule (AWS's default self-reference)", async () => {
        assert.deepEqual(await check({ ingress: [rule] }), [`The default security group declares 1 ingress rule. ${FIX}`]);
    });
    it("#3 one egress rule (AWS's default allow-all)", async () => {
        assert.deepEqual(await check({ egress: [{ ...rule, self: undefined, cidrBlocks: ["0.0.0.0/0"] }] }), [
            `The default security group declares 1 egress rule. ${FIX}`,
        ]);
    });
    it("#4 both directions", async () => {
        assert.deepEqual(await check({ ingress: [rule, rule], egress: [rule] }), [`The default security group declares 2 ingress rules and 1 egress rule. ${FIX}`]);
    });
    it("#5 unknown lists are not counted; known ones still are", async () => {
        assert.deepEqual(await check({ ingress: UNKNOWN, egress: UNKNOWN }), []);
        assert.deepEqual(await check({ ingress: UNKNOWN, egress: [rule] }), [`The default security group declares 1 egress rule. ${FIX}`]);
        assert.deepEqual(await check({ ingress: [UNKNOWN] }), [`The default security group declares 1 ingress rule. ${FIX}`]);
    });
    it("#6 a normal SecurityGroup is not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.SecurityGroup, props: { ingress: [rule] } });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.DefaultSecurityGroup}` });
    });
});
