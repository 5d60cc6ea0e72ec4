// policy/lib/sg-rules.ts: the three ways to write a security group rule (inline on SecurityGroup/DefaultSecurityGroup,
// SecurityGroupRule, vpc SecurityGroupIngressRule/EgressRule) normalised to one SgRule; ingressRules, internetCidrs
// (0.0.0.0/0 and ::/0 sources, unknowns left out) and describeRule, the start of every security group message.
import * as assert from "node:assert/strict";
import {
    describeRule, GROUP_TYPES, ingressRules, internetCidrs, securityGroupRules, SG_RULE_TYPES, SgRule, STANDALONE_RULE_TYPES,
} from "../../../policy/lib/sg-rules";
import { T } from "../../../policy/lib/types";
import { UNKNOWN } from "../../../policy/lib/unknown";
import { asSdkProps, UNKNOWN as ENGINE_UNKNOWN } from "../helpers";

/** The rules of a resource as a policy sees its props: through the SDK's unknown-checking proxy. */
const rulesOf = (type: string, props: Record<string, unknown>) => securityGroupRules(type, asSdkProps(props));

const SSH_FROM_ANYWHERE = {
    protocol: "tcp", fromPort: 22, toPort: 22, description: "SSH",
    cidrBlocks: ["10.0.0.0/8", " 0.0.0.0/0 "], ipv6CidrBlocks: ["::/0"], securityGroups: ["sg-1"], prefixListIds: ["pl-1"], self: true,
};

describe("policy/lib/sg-rules", () => {
    it("the type lists: groups with inline rules, standalone rules, and both", () => {
        assert.deepEqual(GROUP_TYPES, [T.SecurityGroup, T.DefaultSecurityGroup]);
        assert.deepEqual(STANDALONE_RULE_TYPES, [T.SecurityGroupRule, T.SecurityGroupIngressRule, T.SecurityGroupEgressRule]);
        assert.deepEqual(SG_RULE_TYPES, [...GROUP_TYPES, ...STANDALONE_RULE_TYPES]);
    });

    describe("securityGroupRules", () => {
        it("inline rules of a SecurityGroup: ingress then egress, each labelled with its list and index", () => {
            const rules = rulesOf(T.SecurityGroup, {
                vpcId: "vpc-1",
                ingress: [SSH_FROM_ANYWHERE],
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
            });
            assert.deepEqual(rules, [
                {
                    label: "ingress[0]", direction: "ingress", rawProtocol: "tcp", protocol: "tcp", fromPort: 22, toPort: 22, description: "SSH",
                    cidrs: ["10.0.0.0/8", " 0.0.0.0/0 ", "::/0"], peers: ["security group sg-1", "prefix list pl-1", "self"],
                },
                {
                    label: "egress[0]", direction: "egress", rawProtocol: "-1", protocol: "all", fromPort: 0, toPort: 0, description: undefined,
                    cidrs: ["0.0.0.0/0"], peers: [],
                },
            ]);
        });

        it("a DefaultSecurityGroup's inline rules the same way", () => {
            const [rule] = rulesOf(T.DefaultSecurityGroup, { ingress: [{ protocol: "6", fromPort: "3389", toPort: "3389", ipv6CidrBlocks: ["::/0"] }] });
            assert.deepEqual(rule, {
                label: "ingress[0]", direction: "ingress", rawProtocol: "6", protocol: "tcp", fromPort: 3389, toPort: 3389, description: undefined,
                cidrs: ["::/0"], peers: [],
            });
        });

        it("skips entries that are no objects but keeps the others' indexes", () => {
            const rules = rulesOf(T.SecurityGroup, { ingress: [null, "x", { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] });
            assert.deepEqual(rules.map(r => r.label), ["ingress[2]"]);
        });

        it("a SecurityGroupRule: its type is the direction (any case), sourceSecurityGroupId a peer, labelled This rule", () => {
            const props = { type: " INGRESS ", securityGroupId: "sg-9", protocol: "TCP", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"], sourceSecurityGroupId: "sg-2", prefixListIds: ["pl-2"], self: true, description: "d" };
            assert.deepEqual(rulesOf(T.SecurityGroupRule, props), [{
                label: "This rule", direction: "ingress", rawProtocol: "TCP", protocol: "tcp", fromPort: 22, toPort: 22, description: "d",
                cidrs: ["0.0.0.0/0", "::/0"], peers: ["security group sg-2", "prefix list pl-2", "self"],
            }]);
            assert.equal(rulesOf(T.SecurityGroupRule, { ...props, type: "egress" })[0].direction, "egress");
            assert.equal(rulesOf(T.SecurityGroupRule, { ...props, type: "inbound" })[0].direction, undefined);
            assert.equal(rulesOf(T.SecurityGroupRule, { ...props, type: ENGINE_UNKNOWN })[0].direction, UNKNOWN);
        });

        it("a vpc SecurityGroupIngressRule: ipProtocol, one IPv4 and one IPv6 CIDR, one referenced group or prefix list", () => {
            const props = { securityGroupId: "sg-9", ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", cidrIpv6: "::/0", referencedSecurityGroupId: "sg-3", prefixListId: "pl-3", description: "all" };
            assert.deepEqual(rulesOf(T.SecurityGroupIngressRule, props), [{
                label: "This rule", direction: "ingress", rawProtocol: "-1", protocol: "all", fromPort: undefined, toPort: undefined, description: "all",
                cidrs: ["0.0.0.0/0", "::/0"], peers: ["security group sg-3", "prefix list pl-3"],
            }]);
            assert.equal(rulesOf(T.SecurityGroupEgressRule, props)[0].direction, "egress");
        });

        it("a vpc rule reads ipProtocol, not protocol", () => {
            const [rule] = rulesOf(T.SecurityGroupIngressRule, { protocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" });
            assert.equal(rule.rawProtocol, undefined);
            assert.equal(rule.protocol, undefined);
        });

        it("unknowns in preview: an unknown list of CIDRs or peers is one unknown entry, an unknown element stays one", () => {
            const [rule] = rulesOf(T.SecurityGroup, {
                ingress: [{ protocol: ENGINE_UNKNOWN, fromPort: ENGINE_UNKNOWN, toPort: 22, cidrBlocks: ENGINE_UNKNOWN, ipv6CidrBlocks: ["::/0", ENGINE_UNKNOWN], securityGroups: ENGINE_UNKNOWN, prefixListIds: [ENGINE_UNKNOWN], self: ENGINE_UNKNOWN, description: ENGINE_UNKNOWN }],
            });
            assert.deepEqual(rule, {
                label: "ingress[0]", direction: "ingress", rawProtocol: UNKNOWN, protocol: UNKNOWN, fromPort: UNKNOWN, toPort: 22, description: UNKNOWN,
                cidrs: [UNKNOWN, "::/0", UNKNOWN], peers: ["security group (unknown)", "prefix list (unknown)", "self (unknown)"],
            });
            const [vpc] = rulesOf(T.SecurityGroupIngressRule, { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: ENGINE_UNKNOWN, referencedSecurityGroupId: ENGINE_UNKNOWN });
            assert.deepEqual(vpc.cidrs, [UNKNOWN]);
            assert.deepEqual(vpc.peers, ["security group (unknown)"]);
        });

        it("an unknown inline list yields no rules from it; the other list still counts", () => {
            const rules = rulesOf(T.SecurityGroup, { ingress: ENGINE_UNKNOWN, egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
            assert.deepEqual(rules.map(r => r.label), ["egress[0]"]);
            assert.deepEqual(rulesOf(T.SecurityGroup, { ingress: [ENGINE_UNKNOWN] }), []);
        });

        it("leaves out CIDRs that are no strings, and self unless it is true", () => {
            const [rule] = rulesOf(T.SecurityGroup, { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [null, 5, "10.0.0.0/8"], self: false }] });
            assert.deepEqual(rule.cidrs, ["10.0.0.0/8"]);
            assert.deepEqual(rule.peers, []);
        });

        it("no rules for other types, and for none at all", () => {
            assert.deepEqual(rulesOf(T.Instance, { ingress: [SSH_FROM_ANYWHERE] }), []);
            assert.deepEqual(rulesOf(T.NetworkAcl, { ingress: [SSH_FROM_ANYWHERE] }), []);
            assert.deepEqual(rulesOf(T.SecurityGroup, { vpcId: "vpc-1" }), []);
        });
    });

    describe("ingressRules", () => {
        it("only rules whose direction is known to be ingress", () => {
            assert.deepEqual(ingressRules(T.SecurityGroup, asSdkProps({ ingress: [SSH_FROM_ANYWHERE], egress: [SSH_FROM_ANYWHERE] })).map(r => r.label), ["ingress[0]"]);
            const rule = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] };
            assert.equal(ingressRules(T.SecurityGroupRule, asSdkProps({ ...rule, type: "ingress" })).length, 1);
            assert.deepEqual(ingressRules(T.SecurityGroupRule, asSdkProps({ ...rule, type: "egress" })), []);
            assert.deepEqual(ingressRules(T.SecurityGroupRule, asSdkProps({ ...rule, type: ENGINE_UNKNOWN })), []);
            assert.deepEqual(ingressRules(T.SecurityGroupEgressRule, asSdkProps({ ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" })), []);
            assert.equal(ingressRules(T.SecurityGroupIngressRule, asSdkProps({ ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" })).length, 1);
        });
    });

    describe("internetCidrs", () => {
        const withCidrs = (cidrs: SgRule["cidrs"]): SgRule => ({
            label: "ingress[0]", direction: "ingress", rawProtocol: "tcp", protocol: "tcp", fromPort: 22, toPort: 22, description: undefined, cidrs, peers: [],
        });

        it("the whole-internet CIDRs of both families, trimmed, in order", () => {
            assert.deepEqual(internetCidrs(withCidrs(["10.0.0.0/8", " 0.0.0.0/0 ", "2001:db8::/32", "::/0", "0::0/0"])), ["0.0.0.0/0", "::/0", "0::0/0"]);
        });

        it("none for private or partial ranges, and an unknown CIDR is not the internet", () => {
            assert.deepEqual(internetCidrs(withCidrs(["10.0.0.0/8", "0.0.0.0/1", "::/1", "0.0.0.0"])), []);
            assert.deepEqual(internetCidrs(withCidrs([UNKNOWN])), []);
            assert.deepEqual(internetCidrs(withCidrs([])), []);
        });
    });

    describe("describeRule", () => {
        const [inline] = rulesOf(T.SecurityGroup, { ingress: [SSH_FROM_ANYWHERE] });

        it("names the rule, its protocol as written, its ports and all its peers", () => {
            assert.equal(describeRule(inline), 'ingress[0] (protocol "tcp", ports 22, from 10.0.0.0/8, 0.0.0.0/0, ::/0, security group sg-1, prefix list pl-1, self)');
        });

        it("or only the peers given", () => {
            assert.equal(describeRule(inline, ["0.0.0.0/0", "::/0"]), 'ingress[0] (protocol "tcp", ports 22, from 0.0.0.0/0, ::/0)');
        });

        it('"to" for egress, "all" ports for protocol -1, a port range, a numeric protocol', () => {
            const [egress] = rulesOf(T.SecurityGroup, { egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] });
            assert.equal(describeRule(egress), 'egress[0] (protocol "-1", ports all, to 0.0.0.0/0)');
            const [range] = rulesOf(T.SecurityGroupRule, { type: "ingress", protocol: 6, fromPort: 20, toPort: 30, cidrBlocks: ["0.0.0.0/0"] });
            assert.equal(describeRule(range), "This rule (protocol 6, ports 20-30, from 0.0.0.0/0)");
        });

        it("(unknown) for unknown protocol, ports and CIDRs, (none) without peers", () => {
            const [unknown] = rulesOf(T.SecurityGroupIngressRule, { ipProtocol: ENGINE_UNKNOWN, fromPort: ENGINE_UNKNOWN, toPort: ENGINE_UNKNOWN, cidrIpv4: ENGINE_UNKNOWN });
            assert.equal(describeRule(unknown), "This rule (protocol (unknown), ports (unknown), from (unknown))");
            const [bare] = rulesOf(T.SecurityGroupIngressRule, { ipProtocol: "tcp", fromPort: 22, toPort: 22 });
            assert.equal(describeRule(bare), 'This rule (protocol "tcp", ports 22, from (none))');
        });
    });
});
