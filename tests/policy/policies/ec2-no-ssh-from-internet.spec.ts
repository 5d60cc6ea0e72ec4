import * as assert from "node:assert/strict";
import { ec2NoSshFromInternet as policy } from "../../../policy/policies/ec2-no-ssh-from-internet";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX = "opens SSH (TCP 22) to the internet. Allow SSH only from trusted CIDRs (a VPN or an office /32), " +
    "or use SSM Session Manager, which needs no inbound port.";

const sshRule = { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"], description: "SSH from the VPN" };

/** A SecurityGroup with one inline ingress rule: SSH from a private range, changed by `change`. */
const inline = (change: Record<string, unknown>) =>
    validateResource(policy, { type: T.SecurityGroup, props: { vpcId: "vpc-1", ingress: [{ ...sshRule, ...change }] } });
const sgRule = (change: Record<string, unknown>) =>
    validateResource(policy, { type: T.SecurityGroupRule, props: { type: "ingress", securityGroupId: "sg-1", ...sshRule, ...change } });
const vpcRule = (change: Record<string, unknown>) =>
    validateResource(policy, {
        type: T.SecurityGroupIngressRule,
        props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "10.0.0.0/8", ...change },
    });

describe("ec2-no-ssh-from-internet", () => {
    it("#1 compliant: SSH from a private range, in all three rule forms", async () => {
        assert.deepEqual(await inline({}), []);
        assert.deepEqual(await sgRule({}), []);
        assert.deepEqual(await vpcRule({}), []);
    });

    describe("inline ingress on aws.ec2.SecurityGroup", () => {
        it("#2 tcp 22 from 0.0.0.0/0", async () => {
            assert.deepEqual(await inline({ cidrBlocks: ["0.0.0.0/0"] }), [`ingress[0] (protocol "tcp", ports 22, from 0.0.0.0/0) ${FIX}`]);
        });
        it("#3 port range 20-30 includes 22", async () => {
            assert.deepEqual(await inline({ fromPort: 20, toPort: 30, cidrBlocks: ["0.0.0.0/0"] }), [
                `ingress[0] (protocol "tcp", ports 20-30, from 0.0.0.0/0) ${FIX}`,
            ]);
        });
        it("#4 port range 23-30 excludes 22", async () => {
            assert.deepEqual(await inline({ fromPort: 23, toPort: 30, cidrBlocks: ["0.0.0.0/0"] }), []);
        });
        it("#5 IPv6 ::/0 in ipv6CidrBlocks", async () => {
            assert.deepEqual(await inline({ cidrBlocks: [], ipv6CidrBlocks: ["::/0"] }), [`ingress[0] (protocol "tcp", ports 22, from ::/0) ${FIX}`]);
        });
        it("#6 both families name both sources, private CIDRs are left out", async () => {
            assert.deepEqual(await inline({ cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }), [
                `ingress[0] (protocol "tcp", ports 22, from 0.0.0.0/0, ::/0) ${FIX}`,
            ]);
        });
        for (const cidr of [" 0.0.0.0/0 ", "0.0.0.0/00", "0::0/0", "0:0:0:0:0:0:0:0/0", "10.1.2.3/0"]) {
            it(`#7 any spelling of an all-addresses CIDR: ${JSON.stringify(cidr)}`, async () => {
                assert.deepEqual(await inline({ cidrBlocks: [cidr] }), [`ingress[0] (protocol "tcp", ports 22, from ${cidr.trim()}) ${FIX}`]);
            });
        }
        for (const cidr of ["0.0.0.0", "0.0.0.0/1", "0.0.0.0/x", "::/128"]) {
            it(`#8 not the whole internet: ${JSON.stringify(cidr)}`, async () => {
                assert.deepEqual(await inline({ cidrBlocks: [cidr] }), []);
            });
        }
        for (const protocol of ["TCP", "6", " tcp "]) {
            it(`#9 protocol ${JSON.stringify(protocol)} is TCP`, async () => {
                assert.deepEqual(await inline({ protocol, cidrBlocks: ["0.0.0.0/0"] }), [
                    `ingress[0] (protocol ${JSON.stringify(protocol)}, ports 22, from 0.0.0.0/0) ${FIX}`,
                ]);
            });
        }
        for (const protocol of ["-1", -1, "all", "ALL"]) {
            it(`#10 protocol ${JSON.stringify(protocol)} opens all ports whatever fromPort/toPort say`, async () => {
                assert.deepEqual(await inline({ protocol, fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }), [
                    `ingress[0] (protocol ${JSON.stringify(protocol)}, ports all, from 0.0.0.0/0) ${FIX}`,
                ]);
            });
        }
        for (const protocol of ["udp", "17", "icmp", "1", "58", "50"]) {
            it(`#11 protocol ${JSON.stringify(protocol)} does not open SSH`, async () => {
                assert.deepEqual(await inline({ protocol, cidrBlocks: ["0.0.0.0/0"] }), []);
            });
        }
        it("#12 ports given as strings", async () => {
            assert.deepEqual(await inline({ fromPort: "20", toPort: " 30 ", cidrBlocks: ["0.0.0.0/0"] }), [
                `ingress[0] (protocol "tcp", ports 20-30, from 0.0.0.0/0) ${FIX}`,
            ]);
        });
        it("#13 a security group, prefix list or self as the only source is not the internet", async () => {
            assert.deepEqual(await inline({ cidrBlocks: undefined, securityGroups: ["sg-bastion"] }), []);
            assert.deepEqual(await inline({ cidrBlocks: undefined, prefixListIds: ["pl-123"] }), []);
            assert.deepEqual(await inline({ cidrBlocks: undefined, self: true }), []);
        });
        it("#14 egress to 0.0.0.0/0 is not checked", async () => {
            assert.deepEqual(
                await validateResource(policy, { type: T.SecurityGroup, props: { egress: [{ ...sshRule, cidrBlocks: ["0.0.0.0/0"] }] } }),
                [],
            );
        });
        it("#15 every offending rule is reported, named by its index", async () => {
            const props = {
                ingress: [
                    { ...sshRule, fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                    { ...sshRule, cidrBlocks: ["0.0.0.0/0"] },
                    { ...sshRule, protocol: "-1", ipv6CidrBlocks: ["::/0"] },
                ],
            };
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroup, props }), [
                `ingress[1] (protocol "tcp", ports 22, from 0.0.0.0/0) ${FIX}`,
                `ingress[2] (protocol "-1", ports all, from ::/0) ${FIX}`,
            ]);
        });
        it("#16 inline ingress on the DefaultSecurityGroup", async () => {
            assert.deepEqual(
                await validateResource(policy, { type: T.DefaultSecurityGroup, props: { ingress: [{ ...sshRule, cidrBlocks: ["0.0.0.0/0"] }] } }),
                [`ingress[0] (protocol "tcp", ports 22, from 0.0.0.0/0) ${FIX}`],
            );
        });
    });

    describe("aws.ec2.SecurityGroupRule", () => {
        it("#17 type ingress, tcp 22 from 0.0.0.0/0", async () => {
            assert.deepEqual(await sgRule({ cidrBlocks: ["0.0.0.0/0"] }), [`This rule (protocol "tcp", ports 22, from 0.0.0.0/0) ${FIX}`]);
        });
        it("#18 IPv6 ::/0", async () => {
            assert.deepEqual(await sgRule({ cidrBlocks: undefined, ipv6CidrBlocks: ["::/0"] }), [`This rule (protocol "tcp", ports 22, from ::/0) ${FIX}`]);
        });
        it("#19 type \"INGRESS\" in another case, range 0-1024, protocol -1", async () => {
            assert.deepEqual(await sgRule({ type: "INGRESS", fromPort: 0, toPort: 1024, cidrBlocks: ["0.0.0.0/0"] }), [
                `This rule (protocol "tcp", ports 0-1024, from 0.0.0.0/0) ${FIX}`,
            ]);
            assert.deepEqual(await sgRule({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }), [
                `This rule (protocol "-1", ports all, from 0.0.0.0/0) ${FIX}`,
            ]);
        });
        it("#20 type egress is not checked", async () => {
            assert.deepEqual(await sgRule({ type: "egress", cidrBlocks: ["0.0.0.0/0"] }), []);
        });
        it("#21 sourceSecurityGroupId, prefixListIds or self as the only source", async () => {
            assert.deepEqual(await sgRule({ cidrBlocks: undefined, sourceSecurityGroupId: "sg-bastion" }), []);
            assert.deepEqual(await sgRule({ cidrBlocks: undefined, prefixListIds: ["pl-1"] }), []);
            assert.deepEqual(await sgRule({ cidrBlocks: undefined, self: true }), []);
        });
        it("#22 udp 22 does not open SSH", async () => {
            assert.deepEqual(await sgRule({ protocol: "udp", cidrBlocks: ["0.0.0.0/0"] }), []);
        });
    });

    describe("aws.vpc.SecurityGroupIngressRule", () => {
        it("#23 cidrIpv4 0.0.0.0/0", async () => {
            assert.deepEqual(await vpcRule({ cidrIpv4: "0.0.0.0/0" }), [`This rule (protocol "tcp", ports 22, from 0.0.0.0/0) ${FIX}`]);
        });
        it("#24 cidrIpv6 ::/0", async () => {
            assert.deepEqual(await vpcRule({ cidrIpv4: undefined, cidrIpv6: "::/0" }), [`This rule (protocol "tcp", ports 22, from ::/0) ${FIX}`]);
        });
        it("#25 ipProtocol \"-1\" has no ports and opens them all", async () => {
            assert.deepEqual(await vpcRule({ ipProtocol: "-1", fromPort: undefined, toPort: undefined, cidrIpv4: "0.0.0.0/0" }), [
                `This rule (protocol "-1", ports all, from 0.0.0.0/0) ${FIX}`,
            ]);
        });
        it("#26 ports as strings, range 1-1000", async () => {
            assert.deepEqual(await vpcRule({ fromPort: "1", toPort: "1000", cidrIpv4: "0.0.0.0/0" }), [
                `This rule (protocol "tcp", ports 1-1000, from 0.0.0.0/0) ${FIX}`,
            ]);
        });
        it("#27 referencedSecurityGroupId or prefixListId as the source", async () => {
            assert.deepEqual(await vpcRule({ cidrIpv4: undefined, referencedSecurityGroupId: "sg-bastion" }), []);
            assert.deepEqual(await vpcRule({ cidrIpv4: undefined, prefixListId: "pl-1" }), []);
        });
        it("#28 tcp without ports opens nothing provable", async () => {
            assert.deepEqual(await vpcRule({ fromPort: undefined, toPort: undefined, cidrIpv4: "0.0.0.0/0" }), []);
        });
        it("#29 a vpc.SecurityGroupEgressRule to 0.0.0.0/0 is not checked", async () => {
            const outcome = await validateResourceDetailed(policy, {
                type: T.SecurityGroupEgressRule,
                props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" },
            });
            assert.deepEqual(outcome.messages, []);
            assert.equal(outcome.notApplicable, undefined);
        });
    });

    describe("unknown (preview) and undefined values never crash; unknown alone is not reported", () => {
        it("#30 unknown CIDR is not treated as the internet", async () => {
            assert.deepEqual(await vpcRule({ cidrIpv4: UNKNOWN }), []);
            assert.deepEqual(await sgRule({ cidrBlocks: UNKNOWN }), []);
            assert.deepEqual(await inline({ cidrBlocks: [UNKNOWN] }), []);
        });
        it("#31 a known 0.0.0.0/0 next to an unknown CIDR is still reported", async () => {
            assert.deepEqual(await inline({ cidrBlocks: [UNKNOWN, "0.0.0.0/0"] }), [`ingress[0] (protocol "tcp", ports 22, from 0.0.0.0/0) ${FIX}`]);
        });
        it("#32 unknown protocol or ports open nothing provable", async () => {
            assert.deepEqual(await vpcRule({ ipProtocol: UNKNOWN, cidrIpv4: "0.0.0.0/0" }), []);
            assert.deepEqual(await vpcRule({ fromPort: UNKNOWN, cidrIpv4: "0.0.0.0/0" }), []);
            assert.deepEqual(await inline({ toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }), []);
        });
        it("#33 unknown ingress list, unknown rule entry, unknown rule type", async () => {
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroup, props: { ingress: UNKNOWN } }), []);
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroup, props: { ingress: [UNKNOWN] } }), []);
            assert.deepEqual(await sgRule({ type: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }), []);
        });
        it("#34 protocol -1 with unknown ports is still all traffic", async () => {
            assert.deepEqual(await inline({ protocol: "-1", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }), [
                `ingress[0] (protocol "-1", ports all, from 0.0.0.0/0) ${FIX}`,
            ]);
        });
        it("#35 empty props and null values", async () => {
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroup, props: {} }), []);
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroupRule, props: {} }), []);
            assert.deepEqual(await validateResource(policy, { type: T.SecurityGroupIngressRule, props: {} }), []);
            assert.deepEqual(await inline({ cidrBlocks: null, protocol: null }), []);
        });
    });

    it("#36 other resource types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.Instance, props: {} });
        assert.deepEqual(outcome.messages, []);
        assert.equal(
            outcome.notApplicable,
            `applies only to ${[T.SecurityGroup, T.DefaultSecurityGroup, T.SecurityGroupRule, T.SecurityGroupIngressRule, T.SecurityGroupEgressRule].join(", ")}`,
        );
    });
});
