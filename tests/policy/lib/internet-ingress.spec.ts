// policy/lib/internet-ingress.ts: the shared logic of the "X from the internet" security group policies:
// validateInternetIngress (check each ingress rule with a known 0.0.0.0/0 or ::/0 source, in all three rule forms, and
// report `<rule> <problem>`), opensTcpPort and transportsOpening (which ports a rule opens, protocol -1 meaning all).
import * as assert from "node:assert/strict";
import { ResourceValidationPolicy } from "@pulumi/policy";
import { opensTcpPort, transportsOpening, validateInternetIngress } from "../../../policy/lib/internet-ingress";
import { securityGroupRules, SgRule } from "../../../policy/lib/sg-rules";
import { T } from "../../../policy/lib/types";
import { asSdkProps, UNKNOWN as ENGINE_UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

/** One vpc ingress rule from the internet, as a policy sees it. */
const rule = (ipProtocol: unknown, fromPort?: unknown, toPort?: unknown): SgRule =>
    securityGroupRules(T.SecurityGroupIngressRule, asSdkProps({ ipProtocol, fromPort, toPort, cidrIpv4: "0.0.0.0/0" }))[0];

/** The rules `check` was called with, by label. */
const checked: string[] = [];
/** A policy built on validateInternetIngress: SSH from the internet, with the configured note appended. */
const policy: ResourceValidationPolicy = {
    name: "test-internet-ingress",
    description: "no SSH from the internet",
    enforcementLevel: "mandatory",
    validateResource: validateInternetIngress((r, args) => {
        checked.push(r.label);
        const note = args.getConfig<{ note?: string }>().note;
        return opensTcpPort(r, 22) ? `opens SSH.${note === undefined ? "" : ` ${note}`}` : undefined;
    }),
};

const ssh = { protocol: "tcp", fromPort: 22, toPort: 22 };

describe("policy/lib/internet-ingress", () => {
    beforeEach(() => {
        checked.length = 0;
    });

    describe("validateInternetIngress", () => {
        it("checks only ingress rules with a whole-internet source, and names only those sources in the message", async () => {
            const messages = await validateResource(policy, {
                type: T.SecurityGroup,
                props: {
                    vpcId: "vpc-1",
                    ingress: [
                        { ...ssh, cidrBlocks: ["10.0.0.0/8", " 0.0.0.0/0 "], securityGroups: ["sg-1"] },
                        { ...ssh, cidrBlocks: ["10.0.0.0/8"] },
                        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                        { protocol: "tcp", fromPort: 20, toPort: 30, ipv6CidrBlocks: ["::/0"] },
                    ],
                    egress: [{ ...ssh, cidrBlocks: ["0.0.0.0/0"] }],
                },
            });
            assert.deepEqual(messages, [
                'ingress[0] (protocol "tcp", ports 22, from 0.0.0.0/0) opens SSH.',
                'ingress[3] (protocol "tcp", ports 20-30, from ::/0) opens SSH.',
            ]);
            assert.deepEqual(checked, ["ingress[0]", "ingress[2]", "ingress[3]"]);
        });

        it("passes the policy's args on, so the check reads its config", async () => {
            const messages = await validateResource(policy, {
                type: T.SecurityGroupRule,
                props: { type: "ingress", securityGroupId: "sg-1", ...ssh, cidrBlocks: ["0.0.0.0/0", "::/0"] },
                config: { note: "Use SSM." },
            });
            assert.deepEqual(messages, ['This rule (protocol "tcp", ports 22, from 0.0.0.0/0, ::/0) opens SSH. Use SSM.']);
        });

        it("a standalone SecurityGroupRule only when its type is ingress", async () => {
            const props = { securityGroupId: "sg-1", ...ssh, cidrBlocks: ["0.0.0.0/0"] };
            assert.equal((await validateResource(policy, { type: T.SecurityGroupRule, props: { ...props, type: "ingress" } })).length, 1);
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroupRule, props: { ...props, type: "egress" } }), []);
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroupRule, props: { ...props, type: ENGINE_UNKNOWN } }), []);
            assert.deepEqual(checked, ["This rule"]);
        });

        it("vpc SecurityGroupIngressRule from ::/0 with protocol -1; a SecurityGroupEgressRule is never checked", async () => {
            const props = { securityGroupId: "sg-1", ipProtocol: "-1", cidrIpv6: "::/0" };
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroupIngressRule, props }), ['This rule (protocol "-1", ports all, from ::/0) opens SSH.']);
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroupEgressRule, props }), []);
            assert.deepEqual(checked, ["This rule"]);
        });

        it("in preview: an unknown CIDR or rule list is not the internet; an unknown protocol or port opens nothing", async () => {
            const unknowns = [
                { ingress: [{ ...ssh, cidrBlocks: ENGINE_UNKNOWN }] },
                { ingress: [{ ...ssh, cidrBlocks: [ENGINE_UNKNOWN] }] },
                { ingress: ENGINE_UNKNOWN },
                { ingress: [ENGINE_UNKNOWN] },
            ];
            for (const props of unknowns) {
                assert.deepEqual(await validateResourceDetailed(policy, { type: T.SecurityGroup, props }), { messages: [] }, JSON.stringify(props));
            }
            assert.deepEqual(checked, []);
            for (const change of [{ protocol: ENGINE_UNKNOWN }, { fromPort: ENGINE_UNKNOWN }, { toPort: ENGINE_UNKNOWN }]) {
                const props = { ingress: [{ ...ssh, ...change, cidrBlocks: ["0.0.0.0/0"] }] };
                assert.deepEqual(await validateResourceDetailed(policy, { type: T.SecurityGroup, props }), { messages: [] }, JSON.stringify(change));
            }
            assert.deepEqual(checked, ["ingress[0]", "ingress[0]", "ingress[0]"]);
        });

        it("is not applicable to other types, and checks nothing there", async () => {
            const outcome = await validateResourceDetailed(policy, { type: T.NetworkAcl, props: { ingress: [{ ...ssh, cidrBlock: "0.0.0.0/0", action: "allow", ruleNo: 100 }] } });
            assert.deepEqual(outcome, {
                messages: [],
                notApplicable: "applies only to aws:ec2/securityGroup:SecurityGroup, aws:ec2/defaultSecurityGroup:DefaultSecurityGroup, " +
                    "aws:ec2/securityGroupRule:SecurityGroupRule, aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule, " +
                    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
            });
            assert.deepEqual(checked, []);
        });
    });

    describe("opensTcpPort", () => {
        it("TCP rules whose range contains the port, by name or number (6), in any case", () => {
            assert.equal(opensTcpPort(rule("tcp", 22, 22), 22), true);
            assert.equal(opensTcpPort(rule("TCP", 20, 30), 22), true);
            assert.equal(opensTcpPort(rule("6", "22", "22"), 22), true);
            assert.equal(opensTcpPort(rule("tcp", 0, 65535), 3389), true);
            assert.equal(opensTcpPort(rule("tcp", 3389, 3389), 3389), true);
        });
        it("not a TCP range that leaves the port out", () => {
            assert.equal(opensTcpPort(rule("tcp", 23, 30), 22), false);
            assert.equal(opensTcpPort(rule("tcp", 1, 21), 22), false);
            assert.equal(opensTcpPort(rule("tcp", 3390, 3390), 3389), false);
        });
        it('all traffic (-1 or "all"), whatever its ports say', () => {
            assert.equal(opensTcpPort(rule("-1", 0, 0), 22), true);
            assert.equal(opensTcpPort(rule("-1"), 3389), true);
            assert.equal(opensTcpPort(rule("all", 0, 0), 22), true);
        });
        it("not UDP, ICMP or other protocols, even over the same numbers", () => {
            assert.equal(opensTcpPort(rule("udp", 22, 22), 22), false);
            assert.equal(opensTcpPort(rule("17", 0, 65535), 22), false);
            assert.equal(opensTcpPort(rule("icmp", -1, -1), 22), false);
            assert.equal(opensTcpPort(rule("58", -1, -1), 22), false);
        });
        it("not when the protocol or a port is unknown, or the ports are not given", () => {
            assert.equal(opensTcpPort(rule(ENGINE_UNKNOWN, 22, 22), 22), false);
            assert.equal(opensTcpPort(rule("tcp", ENGINE_UNKNOWN, 22), 22), false);
            assert.equal(opensTcpPort(rule("tcp", 22, ENGINE_UNKNOWN), 22), false);
            assert.equal(opensTcpPort(rule("tcp"), 22), false);
        });
    });

    describe("transportsOpening", () => {
        it("TCP, UDP or both, by protocol name or number", () => {
            assert.deepEqual(transportsOpening(rule("tcp", 3389, 3389), 3389), ["TCP"]);
            assert.deepEqual(transportsOpening(rule("udp", 3300, 3400), 3389), ["UDP"]);
            assert.deepEqual(transportsOpening(rule("17", 3389, 3389), 3389), ["UDP"]);
            assert.deepEqual(transportsOpening(rule("-1", 0, 0), 3389), ["TCP", "UDP"]);
            assert.deepEqual(transportsOpening(rule("ALL"), 3389), ["TCP", "UDP"]);
        });
        it("none for a range without the port, other protocols, and unknowns", () => {
            assert.deepEqual(transportsOpening(rule("tcp", 3390, 4000), 3389), []);
            assert.deepEqual(transportsOpening(rule("icmp", -1, -1), 3389), []);
            assert.deepEqual(transportsOpening(rule("50"), 3389), []);
            assert.deepEqual(transportsOpening(rule(ENGINE_UNKNOWN, 3389, 3389), 3389), []);
            assert.deepEqual(transportsOpening(rule("udp", ENGINE_UNKNOWN, ENGINE_UNKNOWN), 3389), []);
        });
    });
});
