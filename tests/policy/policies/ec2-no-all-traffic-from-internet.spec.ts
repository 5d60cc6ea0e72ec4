import * as assert from "node:assert/strict";
import { ec2NoAllTrafficFromInternet as policy } from "../../../policy/policies/ec2-no-all-traffic-from-internet";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource } from "../helpers";

const ALL = "allows all protocols and ports from the internet. Open only the ports the service needs (e.g. TCP 443), each in its own rule.";
const EVERY = (t: string) => `opens every ${t} port to the internet. Open only the ports the service needs (e.g. TCP 443), each in its own rule.`;

const https = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" };

const inline = (change: Record<string, unknown>) =>
    validateResource(policy, { type: T.SecurityGroup, props: { ingress: [{ ...https, ...change }] } });
const sgRule = (change: Record<string, unknown>) =>
    validateResource(policy, { type: T.SecurityGroupRule, props: { type: "ingress", securityGroupId: "sg-1", ...https, ...change } });
const vpcRule = (change: Record<string, unknown>) =>
    validateResource(policy, {
        type: T.SecurityGroupIngressRule,
        props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", ...change },
    });

describe("ec2-no-all-traffic-from-internet", () => {
    it("#1 compliant: HTTPS from the internet, in all three rule forms", async () => {
        assert.deepEqual(await inline({}), []);
        assert.deepEqual(await sgRule({}), []);
        assert.deepEqual(await vpcRule({}), []);
    });
    for (const protocol of ["-1", -1, "all", "All"]) {
        it(`#2 inline protocol ${JSON.stringify(protocol)} from 0.0.0.0/0`, async () => {
            assert.deepEqual(await inline({ protocol, fromPort: 0, toPort: 0 }), [
                `ingress[0] (protocol ${JSON.stringify(protocol)}, ports all, from 0.0.0.0/0) ${ALL}`,
            ]);
        });
    }
    it("#3 SecurityGroupRule protocol -1 from ::/0", async () => {
        assert.deepEqual(await sgRule({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: undefined, ipv6CidrBlocks: ["::/0"] }), [
            `This rule (protocol "-1", ports all, from ::/0) ${ALL}`,
        ]);
    });
    it("#4 SecurityGroupIngressRule ipProtocol -1 without ports", async () => {
        assert.deepEqual(await vpcRule({ ipProtocol: "-1", fromPort: undefined, toPort: undefined }), [
            `This rule (protocol "-1", ports all, from 0.0.0.0/0) ${ALL}`,
        ]);
    });
    it("#5 the full TCP range 0-65535", async () => {
        assert.deepEqual(await inline({ fromPort: 0, toPort: 65535 }), [`ingress[0] (protocol "tcp", ports 0-65535, from 0.0.0.0/0) ${EVERY("TCP")}`]);
    });
    it("#6 the full UDP range 1-65535, ports as strings, protocol \"17\"", async () => {
        assert.deepEqual(await vpcRule({ ipProtocol: "17", fromPort: "1", toPort: "65535" }), [
            `This rule (protocol "17", ports 1-65535, from 0.0.0.0/0) ${EVERY("UDP")}`,
        ]);
    });
    it("#7 a large but partial range 1024-65535 is not all ports", async () => {
        assert.deepEqual(await inline({ fromPort: 1024, toPort: 65535 }), []);
    });
    it("#8 ICMP with all types and codes (-1) is not all traffic", async () => {
        assert.deepEqual(await vpcRule({ ipProtocol: "icmp", fromPort: -1, toPort: -1 }), []);
    });
    it("#9 all traffic from a private range, a security group or self is fine", async () => {
        assert.deepEqual(await inline({ protocol: "-1", cidrBlocks: ["10.0.0.0/16"] }), []);
        assert.deepEqual(await sgRule({ protocol: "-1", cidrBlocks: undefined, sourceSecurityGroupId: "sg-lb" }), []);
        assert.deepEqual(await inline({ protocol: "-1", cidrBlocks: undefined, self: true }), []);
    });
    it("#10 all-traffic egress is not checked", async () => {
        assert.deepEqual(
            await validateResource(policy, { type: T.SecurityGroup, props: { egress: [{ ...https, protocol: "-1", fromPort: 0, toPort: 0 }] } }),
            [],
        );
    });
    it("#11 unknown protocol, ports or CIDR are not reported", async () => {
        assert.deepEqual(await vpcRule({ ipProtocol: UNKNOWN }), []);
        assert.deepEqual(await inline({ fromPort: 0, toPort: UNKNOWN }), []);
        assert.deepEqual(await inline({ protocol: "-1", cidrBlocks: UNKNOWN }), []);
    });
});
