import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { FirewallRule, SecurityGroup, SecurityGroupArgs } from "../../components/security-group";
import { runInStack, promiseOf } from "../../offline/program";

const SG_URN = "urn:pulumi:test::ec2-server::ec2-server:security:SecurityGroup::fw";

describe("components/security-group SecurityGroup", () => {
    it("creates a group whose inbound rules are one standalone rule per source, and an explicit allow-all egress", async () => {
        const ingress: FirewallRule[] = [
            { protocol: "tcp", fromPort: 22, toPort: 22, peer: { kind: "cidrIpv4", value: "203.0.113.10/32" }, description: "SSH from office" },
            { protocol: "tcp", fromPort: 443, toPort: 443, peer: { kind: "cidrIpv6", value: "2001:db8::/64" }, description: "HTTPS v6" },
            { protocol: "udp", fromPort: 60000, toPort: 61000, peer: { kind: "securityGroup", value: "sg-0123456789abcdef0" }, description: "mosh" },
            { protocol: "icmp", fromPort: 8, toPort: -1, peer: { kind: "prefixList", value: "pl-0123456789abcdef0" }, description: "ping" },
        ];
        const { resources, result } = await runInStack(async () => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            const sg = new SecurityGroup("fw", { vpcId: vpc.id, ingress, namePrefix: "app-dev", tags: { Team: "platform" } });
            return { ids: await Promise.all(sg.securityGroupIds.map(promiseOf)), vpcId: await promiseOf(vpc.id) };
        });
        const group = resources.find(r => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
        assert.equal(group.name, "fw-sg");
        assert.equal(group.parent, SG_URN);
        // No inline rules on the group: mixing inline and standalone rules makes them fight forever.
        assert.equal(group.inputs.ingress, undefined);
        assert.equal(group.inputs.egress, undefined);
        assert.deepEqual(group.inputs, { vpcId: result.vpcId, description: "ec2-server instances", revokeRulesOnDelete: true, tags: { Team: "platform", Name: "app-dev" } });
        assert.deepEqual(result.ids, [group.id]);
        const rules = resources.filter(r => r.type.startsWith("aws:vpc/")).sort((x, y) => x.type.localeCompare(y.type) || x.name.localeCompare(y.name)).map(r => ({ type: r.type, name: r.name, parent: r.parent, inputs: r.inputs }));
        const tags = (name: string) => ({ Team: "platform", Name: name });
        assert.deepEqual(rules, [
            { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name: "fw-out-all-0.0.0.0-0", parent: SG_URN, inputs: { securityGroupId: group.id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "All outbound IPv4 traffic", tags: tags("app-dev-out-all-0.0.0.0-0") } },
            { type: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name: "fw-out-all-v6-..-0", parent: SG_URN, inputs: { securityGroupId: group.id, ipProtocol: "-1", cidrIpv6: "::/0", description: "All outbound IPv6 traffic", tags: tags("app-dev-out-all-v6-..-0") } },
            { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "fw-in-icmp-8--1-pl-0123456789abcdef0", parent: SG_URN, inputs: { securityGroupId: group.id, ipProtocol: "icmp", fromPort: 8, toPort: -1, prefixListId: "pl-0123456789abcdef0", description: "ping", tags: tags("app-dev-in-icmp-8--1-pl-0123456789abcdef0") } },
            { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "fw-in-tcp-22-203.0.113.10-32", parent: SG_URN, inputs: { securityGroupId: group.id, ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "203.0.113.10/32", description: "SSH from office", tags: tags("app-dev-in-tcp-22-203.0.113.10-32") } },
            { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "fw-in-tcp-443-v6-2001.db8..-64", parent: SG_URN, inputs: { securityGroupId: group.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "2001:db8::/64", description: "HTTPS v6", tags: tags("app-dev-in-tcp-443-v6-2001.db8..-64") } },
            { type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name: "fw-in-udp-60000-61000-sg-0123456789abcdef0", parent: SG_URN, inputs: { securityGroupId: group.id, ipProtocol: "udp", fromPort: 60000, toPort: 61000, referencedSecurityGroupId: "sg-0123456789abcdef0", description: "mosh", tags: tags("app-dev-in-udp-60000-61000-sg-0123456789abcdef0") } },
        ]);
    });

    it("creates no rule at all for an empty ingress and egress []", async () => {
        const { resources } = await runInStack(async () => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            new SecurityGroup("fw", { vpcId: vpc.id, ingress: [], egress: [] });
        });
        assert.deepEqual(resources.filter(r => r.custom).map(r => r.type), ["aws:ec2/vpc:Vpc", "aws:ec2/securityGroup:SecurityGroup"]);
    });

    it("uses a given egress list instead of allow-all", async () => {
        const { resources } = await runInStack(async () => {
            const vpc = new aws.ec2.Vpc("vpc", { cidrBlock: "10.0.0.0/16" });
            new SecurityGroup("fw", { vpcId: vpc.id, egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, peer: { kind: "cidrIpv4", value: "0.0.0.0/0" }, description: "HTTPS out" }] });
        });
        const egress = resources.filter(r => r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
        assert.deepEqual(egress.map(r => [r.name, r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4]), [["fw-out-tcp-443-0.0.0.0-0", "tcp", 443, 443, "0.0.0.0/0"]]);
    });

    it("uses existing groups without creating any resource", async () => {
        const { resources, result } = await runInStack(async () => {
            const sg = new SecurityGroup("fw", { existingSecurityGroupIds: ["sg-0123456789abcdef0", "sg-0fedcba9876543210"] });
            return Promise.all(sg.securityGroupIds.map(promiseOf));
        });
        assert.deepEqual(resources.map(r => r.type), ["pulumi:pulumi:Stack", "ec2-server:security:SecurityGroup"]);
        assert.deepEqual(result, ["sg-0123456789abcdef0", "sg-0fedcba9876543210"]);
    });

    it("rejects conflicting arguments", async () => {
        await assert.rejects(runInStack(() => new SecurityGroup("fw", { existingSecurityGroupIds: ["sg-0123456789abcdef0"], egress: [] })),
            /Cannot specify both 'existingSecurityGroupIds' and 'vpcId', 'ingress' or 'egress'/);
        await assert.rejects(runInStack(() => new SecurityGroup("fw", {})), /'vpcId' is required when creating a security group/);
    });

    it("rejects a rule list that is not a list, before registering any rule", async () => {
        const legacy = { vpcId: "vpc-0123456789abcdef0", egress: "all" } as unknown as SecurityGroupArgs;
        await assert.rejects(runInStack(() => new SecurityGroup("fw", legacy)),
            { message: `'egress' must be a list of rules (leave it unset to allow all outbound traffic), got "all"` });
        const one = { vpcId: "vpc-0123456789abcdef0", ingress: { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] } } as unknown as SecurityGroupArgs;
        await assert.rejects(runInStack(() => new SecurityGroup("fw", one)),
            { message: `'ingress' must be a list of rules, got {"protocol":"tcp","fromPort":22,"toPort":22,"cidrBlocks":["10.0.0.0/8"]}` });
    });
});
