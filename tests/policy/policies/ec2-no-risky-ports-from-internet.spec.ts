import * as assert from "node:assert/strict";
import { EC2_19_HIGH_RISK_PORTS, ec2NoRiskyPortsFromInternet as policy } from "../../../policy/policies/ec2-no-risky-ports-from-internet";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource } from "../helpers";

const FIX = "to the internet. Restrict the source to trusted CIDRs, or put the service behind a load balancer or a VPN.";

const https = { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" };

const inline = (change: Record<string, unknown>, config?: Record<string, unknown>) =>
    validateResource(policy, { type: T.SecurityGroup, props: { ingress: [{ ...https, ...change }] }, config });
const vpcRule = (change: Record<string, unknown>, config?: Record<string, unknown>) =>
    validateResource(policy, {
        type: T.SecurityGroupIngressRule,
        props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0", ...change },
        config,
    });

describe("ec2-no-risky-ports-from-internet", () => {
    it("#1 compliant: HTTPS and HTTP from the internet", async () => {
        assert.deepEqual(await inline({}), []);
        assert.deepEqual(await vpcRule({ fromPort: 80, toPort: 80 }), []);
    });
    it("#2 the default list is AWS Security Hub EC2.19's, in the config schema too", () => {
        const expected = [20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300];
        assert.deepEqual(EC2_19_HIGH_RISK_PORTS, expected);
        assert.deepEqual(policy.configSchema, {
            properties: {
                ports: {
                    type: "array",
                    items: { type: "integer", minimum: 0, maximum: 65535 },
                    default: expected,
                    description: "Ports (TCP or UDP) that must not be open to the internet.",
                },
            },
        });
    });
    it("#3 MySQL 3306 from 0.0.0.0/0", async () => {
        assert.deepEqual(await inline({ fromPort: 3306, toPort: 3306 }), [`ingress[0] (protocol "tcp", ports 3306, from 0.0.0.0/0) opens high-risk port 3306 ${FIX}`]);
    });
    it("#4 port range 5400-5700 includes 5432, 5500 and 5601", async () => {
        assert.deepEqual(await vpcRule({ fromPort: 5400, toPort: 5700, cidrIpv4: undefined, cidrIpv6: "::/0" }), [
            `This rule (protocol "tcp", ports 5400-5700, from ::/0) opens high-risk ports 5432, 5500, 5601 ${FIX}`,
        ]);
    });
    it("#5 UDP counts too (1434 is SQL Server's browser service)", async () => {
        assert.deepEqual(await vpcRule({ ipProtocol: "udp", fromPort: 1434, toPort: 1434 }), [
            `This rule (protocol "udp", ports 1434, from 0.0.0.0/0) opens high-risk port 1434 ${FIX}`,
        ]);
    });
    it("#6 all traffic opens every listed port", async () => {
        assert.deepEqual(await inline({ protocol: "-1", fromPort: 0, toPort: 0 }), [
            `ingress[0] (protocol "-1", ports all, from 0.0.0.0/0) opens high-risk ports ${EC2_19_HIGH_RISK_PORTS.join(", ")} ${FIX}`,
        ]);
    });
    it("#7 SecurityGroupRule with ports as strings", async () => {
        assert.deepEqual(
            await validateResource(policy, {
                type: T.SecurityGroupRule,
                props: { type: "ingress", securityGroupId: "sg-1", protocol: "TCP", fromPort: "8080", toPort: "8080", cidrBlocks: ["0.0.0.0/0"] },
            }),
            [`This rule (protocol "TCP", ports 8080, from 0.0.0.0/0) opens high-risk port 8080 ${FIX}`],
        );
    });
    it("#8 ICMP opens no port; a private source is fine", async () => {
        assert.deepEqual(await vpcRule({ ipProtocol: "icmp", fromPort: 22, toPort: 22 }), []);
        assert.deepEqual(await inline({ fromPort: 3306, toPort: 3306, cidrBlocks: ["10.0.0.0/8"] }), []);
    });
    it("#9 config: a custom port list replaces the default", async () => {
        const config = { ports: [443, 6379] };
        assert.deepEqual(await inline({}, config), [`ingress[0] (protocol "tcp", ports 443, from 0.0.0.0/0) opens high-risk port 443 ${FIX}`]);
        assert.deepEqual(await vpcRule({ fromPort: 6000, toPort: 7000 }, config), [
            `This rule (protocol "tcp", ports 6000-7000, from 0.0.0.0/0) opens high-risk port 6379 ${FIX}`,
        ]);
        assert.deepEqual(await vpcRule({ fromPort: 22, toPort: 22 }, config), []);
    });
    it("#10 config: an empty list checks nothing", async () => {
        assert.deepEqual(await inline({ protocol: "-1" }, { ports: [] }), []);
    });
    it("#11 unknown ports or CIDR are not reported", async () => {
        assert.deepEqual(await vpcRule({ fromPort: UNKNOWN, toPort: 3306 }), []);
        assert.deepEqual(await vpcRule({ fromPort: 3306, toPort: 3306, cidrIpv4: UNKNOWN }), []);
    });
});
