import * as assert from "node:assert/strict";
import { naclNoAdminPortsFromInternet as policy } from "../../../policy/policies/nacl-no-admin-ports-from-internet";
import { T } from "../../../policy/lib/types";
import { UNKNOWN, validateResource, validateResourceDetailed } from "../helpers";

const FIX = "from the internet. Restrict the rule's CIDR to trusted networks, or narrow its port range so it leaves these ports out.";

const https = { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" };

const inline = (change: Record<string, unknown>, type: string = T.NetworkAcl) =>
    validateResource(policy, { type, props: { vpcId: "vpc-1", ingress: [{ ...https, ...change }] } });
const aclRule = (change: Record<string, unknown>) =>
    validateResource(policy, {
        type: T.NetworkAclRule,
        props: { networkAclId: "acl-1", ruleNumber: 200, egress: false, ruleAction: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0", ...change },
    });

describe("nacl-no-admin-ports-from-internet", () => {
    it("#1 compliant: HTTPS allowed from the internet, inline and as a NetworkAclRule", async () => {
        assert.deepEqual(await inline({}), []);
        assert.deepEqual(await aclRule({}), []);
    });
    it("#2 inline allow tcp 22 from 0.0.0.0/0", async () => {
        assert.deepEqual(await inline({ fromPort: 22, toPort: 22 }), [
            `ingress rule 100 (action "allow", protocol "tcp", ports 22, from 0.0.0.0/0) allows SSH (TCP 22) ${FIX}`,
        ]);
    });
    it("#3 port range 3000-3500 includes RDP 3389, on the DefaultNetworkAcl, from ::/0", async () => {
        assert.deepEqual(await inline({ fromPort: 3000, toPort: 3500, cidrBlock: undefined, ipv6CidrBlock: "::/0" }, T.DefaultNetworkAcl), [
            `ingress rule 100 (action "allow", protocol "tcp", ports 3000-3500, from ::/0) allows RDP (TCP 3389) ${FIX}`,
        ]);
    });
    it("#4 range 0-4000 includes both SSH and RDP", async () => {
        assert.deepEqual(await inline({ fromPort: 0, toPort: 4000 }), [
            `ingress rule 100 (action "allow", protocol "tcp", ports 0-4000, from 0.0.0.0/0) allows SSH (TCP 22) and RDP (TCP 3389) ${FIX}`,
        ]);
    });
    for (const protocol of ["-1", -1, "all"]) {
        it(`#5 protocol ${JSON.stringify(protocol)} allows all ports`, async () => {
            assert.deepEqual(await inline({ protocol, fromPort: 0, toPort: 0 }), [
                `ingress rule 100 (action "allow", protocol ${JSON.stringify(protocol)}, ports all, from 0.0.0.0/0) allows all ports ${FIX}`,
            ]);
        });
    }
    it("#6 every UDP port (0-65535) is all ports", async () => {
        assert.deepEqual(await inline({ protocol: "17", fromPort: 0, toPort: 65535 }), [
            `ingress rule 100 (action "allow", protocol "17", ports 0-65535, from 0.0.0.0/0) allows all ports ${FIX}`,
        ]);
    });
    it("#7 UDP 22 and ICMP do not admit SSH/RDP", async () => {
        assert.deepEqual(await inline({ protocol: "udp", fromPort: 22, toPort: 22 }), []);
        assert.deepEqual(await inline({ protocol: "1", fromPort: 0, toPort: 0, icmpType: -1, icmpCode: -1 }), []);
    });
    it("#8 deny rules are fine, in any case", async () => {
        assert.deepEqual(await inline({ action: "deny", protocol: "-1" }), []);
        assert.deepEqual(await aclRule({ ruleAction: "DENY", fromPort: 22, toPort: 22 }), []);
    });
    it("#9 action \"Allow\" in another case and protocol \"TCP\"", async () => {
        assert.deepEqual(await inline({ action: "Allow", protocol: "TCP", fromPort: "22", toPort: "22" }), [
            `ingress rule 100 (action "allow", protocol "TCP", ports 22, from 0.0.0.0/0) allows SSH (TCP 22) ${FIX}`,
        ]);
    });
    it("#10 NetworkAclRule ingress (egress false or unset) tcp 22", async () => {
        const expected = [`Rule 200 (action "allow", protocol "tcp", ports 22, from 0.0.0.0/0) allows SSH (TCP 22) ${FIX}`];
        assert.deepEqual(await aclRule({ fromPort: 22, toPort: 22 }), expected);
        assert.deepEqual(await aclRule({ egress: undefined, fromPort: 22, toPort: 22 }), expected);
    });
    it("#11 NetworkAclRule egress and inline egress are not checked", async () => {
        assert.deepEqual(await aclRule({ egress: true, protocol: "-1" }), []);
        assert.deepEqual(await validateResource(policy, { type: T.NetworkAcl, props: { egress: [{ ...https, protocol: "-1" }] } }), []);
    });
    it("#12 a private CIDR is fine; 0.0.0.0/00 and 0::0/0 are the internet", async () => {
        assert.deepEqual(await inline({ protocol: "-1", cidrBlock: "10.0.0.0/8" }), []);
        assert.deepEqual(await aclRule({ protocol: "-1", cidrBlock: "0.0.0.0/00" }), [
            `Rule 200 (action "allow", protocol "-1", ports all, from 0.0.0.0/00) allows all ports ${FIX}`,
        ]);
        assert.deepEqual(await aclRule({ protocol: "-1", cidrBlock: undefined, ipv6CidrBlock: "0::0/0" }), [
            `Rule 200 (action "allow", protocol "-1", ports all, from 0::0/0) allows all ports ${FIX}`,
        ]);
    });
    it("#13 several inline rules: only the offending one, named by its rule number", async () => {
        const props = { ingress: [https, { ...https, ruleNo: 110, fromPort: 22, toPort: 22 }, { ...https, ruleNo: 90, action: "deny", protocol: "-1" }] };
        assert.deepEqual(await validateResource(policy, { type: T.NetworkAcl, props }), [
            `ingress rule 110 (action "allow", protocol "tcp", ports 22, from 0.0.0.0/0) allows SSH (TCP 22) ${FIX}`,
        ]);
    });
    it("#14 unknown action, CIDR, protocol, ports, egress or list are not reported", async () => {
        assert.deepEqual(await inline({ action: UNKNOWN, protocol: "-1" }), []);
        assert.deepEqual(await inline({ cidrBlock: UNKNOWN, protocol: "-1" }), []);
        assert.deepEqual(await inline({ protocol: UNKNOWN }), []);
        assert.deepEqual(await aclRule({ fromPort: UNKNOWN, toPort: 22 }), []);
        assert.deepEqual(await aclRule({ egress: UNKNOWN, protocol: "-1" }), []);
        assert.deepEqual(await validateResource(policy, { type: T.NetworkAcl, props: { ingress: UNKNOWN } }), []);
    });
    it("#15 an unknown rule number is shown by index", async () => {
        assert.deepEqual(await inline({ ruleNo: UNKNOWN, fromPort: 22, toPort: 22 }), [
            `ingress rule #0 (action "allow", protocol "tcp", ports 22, from 0.0.0.0/0) allows SSH (TCP 22) ${FIX}`,
        ]);
    });
    it("#16 undefined values and empty props", async () => {
        assert.deepEqual(await validateResource(policy, { type: T.NetworkAcl, props: {} }), []);
        assert.deepEqual(await validateResource(policy, { type: T.NetworkAclRule, props: {} }), []);
    });
    it("#17 security groups are not applicable", async () => {
        const outcome = await validateResourceDetailed(policy, { type: T.SecurityGroup, props: {} });
        assert.deepEqual(outcome, { messages: [], notApplicable: `applies only to ${T.NetworkAcl}, ${T.DefaultNetworkAcl}, ${T.NetworkAclRule}` });
    });
});
