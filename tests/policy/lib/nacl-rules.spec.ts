// policy/lib/nacl-rules.ts: network ACL ingress rules, inline on NetworkAcl/DefaultNetworkAcl or standalone
// NetworkAclRule (egress false), normalised to one NaclRule (naclIngressRules), and describeNaclRule, the start of
// the nacl-no-admin-ports-from-internet message.
import * as assert from "node:assert/strict";
import { describeNaclRule, NACL_TYPES, naclIngressRules } from "../../../policy/lib/nacl-rules";
import { T } from "../../../policy/lib/types";
import { UNKNOWN } from "../../../policy/lib/unknown";
import { asSdkProps, UNKNOWN as ENGINE_UNKNOWN } from "../helpers";

const rulesOf = (type: string, props: Record<string, unknown>) => naclIngressRules(type, asSdkProps(props));

const SSH_ALLOW = { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" };
const STANDALONE = { networkAclId: "acl-1", ruleNumber: 100, ruleAction: "allow", protocol: "6", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" };

describe("policy/lib/nacl-rules", () => {
    it("NACL_TYPES: both ACL types with inline rules, and the standalone rule", () => {
        assert.deepEqual(NACL_TYPES, [T.NetworkAcl, T.DefaultNetworkAcl, T.NetworkAclRule]);
    });

    describe("naclIngressRules", () => {
        it("the inline ingress rules of a NetworkAcl, labelled by ruleNo; egress rules are not ingress", () => {
            const rules = rulesOf(T.NetworkAcl, {
                vpcId: "vpc-1",
                ingress: [SSH_ALLOW, { ruleNo: 110, action: " DENY ", protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlock: "::/0" }],
                egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
            });
            assert.deepEqual(rules, [
                { label: "ingress rule 100", action: "allow", rawProtocol: "tcp", protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] },
                { label: "ingress rule 110", action: "deny", rawProtocol: "-1", protocol: "all", fromPort: 0, toPort: 0, cidrs: ["::/0"] },
            ]);
        });

        it("a DefaultNetworkAcl the same way, with both CIDRs of one entry", () => {
            assert.deepEqual(rulesOf(T.DefaultNetworkAcl, { ingress: [{ ...SSH_ALLOW, ruleNo: "200", ipv6CidrBlock: "::/0" }] }), [
                { label: "ingress rule 200", action: "allow", rawProtocol: "tcp", protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0", "::/0"] },
            ]);
        });

        it("an entry without a known rule number is labelled by its index; non-objects are skipped", () => {
            const rules = rulesOf(T.NetworkAcl, { ingress: [null, { ...SSH_ALLOW, ruleNo: undefined }, { ...SSH_ALLOW, ruleNo: ENGINE_UNKNOWN }] });
            assert.deepEqual(rules.map(r => r.label), ["ingress rule #1", "ingress rule #2"]);
        });

        it("an unknown inline ingress list yields no rules, an unknown entry is skipped", () => {
            assert.deepEqual(rulesOf(T.NetworkAcl, { ingress: ENGINE_UNKNOWN }), []);
            assert.deepEqual(rulesOf(T.NetworkAcl, { ingress: [ENGINE_UNKNOWN, SSH_ALLOW] }).map(r => r.label), ["ingress rule 100"]);
        });

        it("unknown action, protocol, ports and CIDRs of a rule stay UNKNOWN", () => {
            const [rule] = rulesOf(T.NetworkAcl, {
                ingress: [{ ruleNo: 100, action: ENGINE_UNKNOWN, protocol: ENGINE_UNKNOWN, fromPort: ENGINE_UNKNOWN, toPort: ENGINE_UNKNOWN, cidrBlock: ENGINE_UNKNOWN, ipv6CidrBlock: ENGINE_UNKNOWN }],
            });
            assert.deepEqual(rule, { label: "ingress rule 100", action: UNKNOWN, rawProtocol: UNKNOWN, protocol: UNKNOWN, fromPort: UNKNOWN, toPort: UNKNOWN, cidrs: [UNKNOWN, UNKNOWN] });
        });

        it("a NetworkAclRule with egress false or not set is one ingress rule, labelled by ruleNumber, its action from ruleAction", () => {
            const expected = { label: "Rule 100", action: "allow", rawProtocol: "6", protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["0.0.0.0/0"] };
            assert.deepEqual(rulesOf(T.NetworkAclRule, STANDALONE), [expected]);
            assert.deepEqual(rulesOf(T.NetworkAclRule, { ...STANDALONE, egress: false }), [expected]);
            assert.deepEqual(rulesOf(T.NetworkAclRule, { ...STANDALONE, egress: "False" }), [expected]);
            assert.deepEqual(rulesOf(T.NetworkAclRule, { ...STANDALONE, ruleAction: "ALLOW" }), [expected]);
        });

        it("a NetworkAclRule's action is ruleAction, not action", () => {
            const { ruleAction: _, ...noRuleAction } = STANDALONE;
            assert.equal(rulesOf(T.NetworkAclRule, { ...noRuleAction, action: "allow" })[0].action, undefined);
        });

        it("a NetworkAclRule with egress true, or unknown egress, is no ingress rule", () => {
            assert.deepEqual(rulesOf(T.NetworkAclRule, { ...STANDALONE, egress: true }), []);
            assert.deepEqual(rulesOf(T.NetworkAclRule, { ...STANDALONE, egress: "true" }), []);
            assert.deepEqual(rulesOf(T.NetworkAclRule, { ...STANDALONE, egress: ENGINE_UNKNOWN }), []);
        });

        it("a NetworkAclRule with an unknown rule number is Rule (unknown)", () => {
            assert.equal(rulesOf(T.NetworkAclRule, { ...STANDALONE, ruleNumber: ENGINE_UNKNOWN })[0].label, "Rule (unknown)");
        });

        it("no rules for other types", () => {
            assert.deepEqual(rulesOf(T.SecurityGroup, { ingress: [SSH_ALLOW] }), []);
            assert.deepEqual(rulesOf(T.Subnet, STANDALONE), []);
        });
    });

    describe("describeNaclRule", () => {
        it("names the rule, its action, protocol as written, ports and the sources given", () => {
            const [rule] = rulesOf(T.NetworkAcl, { ingress: [SSH_ALLOW] });
            assert.equal(describeNaclRule(rule, ["0.0.0.0/0"]), 'ingress rule 100 (action "allow", protocol "tcp", ports 22, from 0.0.0.0/0)');
        });

        it("all ports for protocol -1, a numeric protocol, several sources", () => {
            const [all] = rulesOf(T.NetworkAclRule, { ...STANDALONE, protocol: "-1", fromPort: 0, toPort: 0 });
            assert.equal(describeNaclRule(all, ["0.0.0.0/0", "::/0"]), 'Rule 100 (action "allow", protocol "-1", ports all, from 0.0.0.0/0, ::/0)');
            const [range] = rulesOf(T.NetworkAcl, { ingress: [{ ...SSH_ALLOW, protocol: 6, fromPort: 1024, toPort: 65535 }] });
            assert.equal(describeNaclRule(range, ["0.0.0.0/0"]), 'ingress rule 100 (action "allow", protocol 6, ports 1024-65535, from 0.0.0.0/0)');
        });

        it("(unknown) and (not set) for what is not known or not given", () => {
            const [rule] = rulesOf(T.NetworkAcl, { ingress: [{ ruleNo: 100, action: ENGINE_UNKNOWN, protocol: ENGINE_UNKNOWN, fromPort: ENGINE_UNKNOWN, toPort: ENGINE_UNKNOWN }] });
            assert.equal(describeNaclRule(rule, ["::/0"]), "ingress rule 100 (action (unknown), protocol (unknown), ports (unknown), from ::/0)");
            const [unset] = rulesOf(T.NetworkAcl, { ingress: [{ ruleNo: 100, protocol: "tcp" }] });
            assert.equal(describeNaclRule(unset, ["0.0.0.0/0"]), 'ingress rule 100 (action (not set), protocol "tcp", ports (not set), from 0.0.0.0/0)');
        });
    });
});
