import * as assert from "node:assert/strict";
import { ec2NoRdpFromInternet as policy } from "../../../policy/policies/ec2-no-rdp-from-internet";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const opens = (transports: string) =>
    `opens RDP (${transports} 3389) to the internet. Allow RDP only from trusted CIDRs (a VPN or an office /32), ` +
    "or use SSM Session Manager port forwarding, which needs no inbound port.";
const FIX = opens("TCP");
const UDP = opens("UDP");
const BOTH = opens("TCP and UDP");

const rdpRule = { protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["192.168.0.0/16"], description: "RDP from the office" };

const inline = (change: Record<string, unknown>) =>
    validateResource(policy, { type: T.SecurityGroup, props: { ingress: [{ ...rdpRule, ...change }] } });
const sgRule = (change: Record<string, unknown>) =>
    validateResource(policy, { type: T.SecurityGroupRule, props: { type: "ingress", securityGroupId: "sg-1", ...rdpRule, ...change } });
const vpcRule = (change: Record<string, unknown>) =>
    validateResource(policy, {
        type: T.SecurityGroupIngressRule,
        props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 3389, toPort: 3389, cidrIpv4: "192.168.0.0/16", ...change },
    });

describe("ec2-no-rdp-from-internet", () => {
    it("#1 compliant: RDP from a private range, in all three rule forms", async () => {
        assert.deepEqual(await inline({}), []);
        assert.deepEqual(await sgRule({}), []);
        assert.deepEqual(await vpcRule({}), []);
    });
    it("#2 inline tcp 3389 from 0.0.0.0/0", async () => {
        assert.deepEqual(await inline({ cidrBlocks: ["0.0.0.0/0"] }), [`ingress[0] (protocol "tcp", ports 3389, from 0.0.0.0/0) ${FIX}`]);
    });
    it("#3 port range 3000-4000 includes 3389", async () => {
        assert.deepEqual(await inline({ fromPort: 3000, toPort: 4000, ipv6CidrBlocks: ["::/0"] }), [
            `ingress[0] (protocol "tcp", ports 3000-4000, from ::/0) ${FIX}`,
        ]);
    });
    it("#4 port 22 alone is not RDP", async () => {
        assert.deepEqual(await inline({ fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }), []);
    });
    it("#5 SecurityGroupRule with protocol \"6\" and ports as strings", async () => {
        assert.deepEqual(await sgRule({ protocol: "6", fromPort: "3389", toPort: "3389", cidrBlocks: ["0.0.0.0/00"] }), [
            `This rule (protocol "6", ports 3389, from 0.0.0.0/00) ${FIX}`,
        ]);
    });
    it("#6 SecurityGroupIngressRule from ::/0 spelled 0:0:0:0:0:0:0:0/0", async () => {
        assert.deepEqual(await vpcRule({ cidrIpv4: undefined, cidrIpv6: "0:0:0:0:0:0:0:0/0" }), [
            `This rule (protocol "tcp", ports 3389, from 0:0:0:0:0:0:0:0/0) ${FIX}`,
        ]);
    });
    it("#7 protocol -1 (number) opens RDP over TCP and UDP", async () => {
        assert.deepEqual(await vpcRule({ ipProtocol: -1, fromPort: undefined, toPort: undefined, cidrIpv4: "0.0.0.0/0" }), [
            `This rule (protocol -1, ports all, from 0.0.0.0/0) ${BOTH}`,
        ]);
        assert.deepEqual(await inline({ protocol: "all", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }), [
            `ingress[0] (protocol "all", ports all, from 0.0.0.0/0) ${BOTH}`,
        ]);
    });
    it("#8 ICMP does not open RDP", async () => {
        assert.deepEqual(await vpcRule({ ipProtocol: "icmp", fromPort: -1, toPort: -1, cidrIpv4: "0.0.0.0/0" }), []);
        assert.deepEqual(await inline({ protocol: "1", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] }), []);
    });
    it("#9 security group or prefix list as the source", async () => {
        assert.deepEqual(await vpcRule({ cidrIpv4: undefined, referencedSecurityGroupId: "sg-jump" }), []);
        assert.deepEqual(await sgRule({ cidrBlocks: undefined, prefixListIds: ["pl-office"] }), []);
    });
    it("#10 unknown CIDR, ports or protocol are not reported", async () => {
        assert.deepEqual(await vpcRule({ cidrIpv6: UNKNOWN, cidrIpv4: undefined }), []);
        assert.deepEqual(await sgRule({ fromPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }), []);
        assert.deepEqual(await inline({ protocol: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }), []);
    });
    it("#11 other resource types are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.NetworkAcl, props: {} });
        assert.deepEqual(outcome.messages, []);
        assert.equal(typeof outcome.notApplicable, "string");
    });
    describe("UDP 3389 (RDP's UDP transport)", () => {
        it("#12 inline udp 3389 from 0.0.0.0/0", async () => {
            assert.deepEqual(await inline({ protocol: "udp", cidrBlocks: ["0.0.0.0/0"] }), [`ingress[0] (protocol "udp", ports 3389, from 0.0.0.0/0) ${UDP}`]);
        });
        it("#13 inline protocol \"17\", range 3000-4000 from ::/0", async () => {
            assert.deepEqual(await inline({ protocol: "17", fromPort: 3000, toPort: 4000, ipv6CidrBlocks: ["::/0"] }), [
                `ingress[0] (protocol "17", ports 3000-4000, from ::/0) ${UDP}`,
            ]);
        });
        it("#14 SecurityGroupRule protocol \"UDP\" with ports as strings", async () => {
            assert.deepEqual(await sgRule({ protocol: "UDP", fromPort: "3389", toPort: " 3389 ", cidrBlocks: ["0.0.0.0/0"] }), [
                `This rule (protocol "UDP", ports 3389, from 0.0.0.0/0) ${UDP}`,
            ]);
        });
        it("#15 SecurityGroupRule protocol 17 (number) from IPv6 ::/0", async () => {
            assert.deepEqual(await sgRule({ protocol: 17, cidrBlocks: undefined, ipv6CidrBlocks: ["::/0"] }), [`This rule (protocol 17, ports 3389, from ::/0) ${UDP}`]);
        });
        it("#16 SecurityGroupIngressRule ipProtocol \"udp\" from 0.0.0.0/0 and from ::/0", async () => {
            assert.deepEqual(await vpcRule({ ipProtocol: "udp", cidrIpv4: "0.0.0.0/0" }), [`This rule (protocol "udp", ports 3389, from 0.0.0.0/0) ${UDP}`]);
            assert.deepEqual(await vpcRule({ ipProtocol: "udp", cidrIpv4: undefined, cidrIpv6: "::/0" }), [`This rule (protocol "udp", ports 3389, from ::/0) ${UDP}`]);
        });
        it("#17 SecurityGroupIngressRule ipProtocol \"17\" with a string range 1024-65535", async () => {
            assert.deepEqual(await vpcRule({ ipProtocol: "17", fromPort: "1024", toPort: "65535", cidrIpv4: "0.0.0.0/0" }), [
                `This rule (protocol "17", ports 1024-65535, from 0.0.0.0/0) ${UDP}`,
            ]);
        });
        it("#18 UDP ranges that leave 3389 out, and UDP from a private range, are fine", async () => {
            assert.deepEqual(await inline({ protocol: "udp", fromPort: 3390, toPort: 4000, cidrBlocks: ["0.0.0.0/0"] }), []);
            assert.deepEqual(await vpcRule({ ipProtocol: "udp", fromPort: 53, toPort: 53, cidrIpv4: "0.0.0.0/0" }), []);
            assert.deepEqual(await sgRule({ protocol: "udp" }), []);
        });
        it("#19 UDP with unknown ports, or an unknown CIDR, is not reported", async () => {
            assert.deepEqual(await vpcRule({ ipProtocol: "udp", toPort: UNKNOWN, cidrIpv4: "0.0.0.0/0" }), []);
            assert.deepEqual(await inline({ protocol: "udp", cidrBlocks: [UNKNOWN] }), []);
        });
        it("#20 UDP egress is not checked", async () => {
            assert.deepEqual(await sgRule({ type: "egress", protocol: "udp", cidrBlocks: ["0.0.0.0/0"] }), []);
        });
    });
});
