import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { Network } from "../../components/network";
import { runInStack, promiseOf } from "../../offline/program";
import { RecordedResource } from "../../offline/monitor";
import { ACCOUNT_ID } from "../../offline/aws/model";
import { refresh } from "../../offline/deployment";
import { StateResource } from "../../offline/state";

const STACK_URN = "urn:pulumi:test::ec2-server::pulumi:pulumi:Stack::ec2-server-test";
const NET_URN = "urn:pulumi:test::ec2-server::ec2-server:network:Network::net";
const childUrn = (type: string, name: string) => `urn:pulumi:test::ec2-server::ec2-server:network:Network$${type}::${name}`;

function byName(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.filter(r => r.type === type && r.name === name);
    assert.equal(found.length, 1, `${type} ${name} registered ${found.length} times`);
    return found[0];
}

describe("components/network Network", () => {
    it("creates a VPC, public subnets carved from its CIDR, routes and a closed default security group", async () => {
        const { resources, result } = await runInStack(async () => {
            const n = new Network("net", { vpcCidr: "10.20.0.0/16", availabilityZones: ["ap-northeast-2a", "ap-northeast-2b"], namePrefix: "app-dev", tags: { Team: "platform" } });
            return { vpcId: await promiseOf(n.vpcId), subnets: await Promise.all(n.serverSubnetIds.map(promiseOf)), pub: await Promise.all(n.publicSubnetIds.map(promiseOf)) };
        });
        const types = resources.filter(r => r.custom).map(r => `${r.type} ${r.name}`).sort();
        assert.deepEqual(types, [
            "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup net-default-sg",
            "aws:ec2/internetGateway:InternetGateway net-igw",
            "aws:ec2/route:Route net-public-default",
            "aws:ec2/routeTable:RouteTable net-public-rt",
            "aws:ec2/routeTableAssociation:RouteTableAssociation net-public-ap-northeast-2a",
            "aws:ec2/routeTableAssociation:RouteTableAssociation net-public-ap-northeast-2b",
            "aws:ec2/subnet:Subnet net-public-ap-northeast-2a",
            "aws:ec2/subnet:Subnet net-public-ap-northeast-2b",
            "aws:ec2/vpc:Vpc net-vpc",
        ]);
        const component = byName(resources, "ec2-server:network:Network", "net");
        assert.equal(component.parent, STACK_URN);
        for (const r of resources.filter(x => x.custom)) {
            assert.equal(r.parent, NET_URN, `${r.name} must be a child of the component`);
        }
        const vpc = byName(resources, "aws:ec2/vpc:Vpc", "net-vpc");
        assert.deepEqual(vpc.inputs, { cidrBlock: "10.20.0.0/16", enableDnsSupport: true, enableDnsHostnames: true, tags: { Team: "platform", Name: "app-dev-vpc" } });
        const vpcId = vpc.id!;
        assert.match(vpcId, /^vpc-0[0-9a-f]{16}$/);
        assert.deepEqual(byName(resources, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "net-default-sg").inputs, {
            vpcId, ingress: [], egress: [], tags: { Team: "platform", Name: "app-dev-default-sg-closed" },
        });
        const a = byName(resources, "aws:ec2/subnet:Subnet", "net-public-ap-northeast-2a");
        const b = byName(resources, "aws:ec2/subnet:Subnet", "net-public-ap-northeast-2b");
        assert.deepEqual(a.inputs, { vpcId, availabilityZone: "ap-northeast-2a", cidrBlock: "10.20.0.0/20", mapPublicIpOnLaunch: false, tags: { Team: "platform", Name: "app-dev-public-ap-northeast-2a" } });
        assert.deepEqual(b.inputs, { vpcId, availabilityZone: "ap-northeast-2b", cidrBlock: "10.20.16.0/20", mapPublicIpOnLaunch: false, tags: { Team: "platform", Name: "app-dev-public-ap-northeast-2b" } });
        const igw = byName(resources, "aws:ec2/internetGateway:InternetGateway", "net-igw");
        const rt = byName(resources, "aws:ec2/routeTable:RouteTable", "net-public-rt");
        assert.deepEqual(byName(resources, "aws:ec2/route:Route", "net-public-default").inputs, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id });
        assert.deepEqual(byName(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation", "net-public-ap-northeast-2a").inputs, { subnetId: a.id, routeTableId: rt.id });
        assert.deepEqual(await result, { vpcId, subnets: [a.id, b.id], pub: [a.id, b.id] });
        assert.deepEqual(byName(resources, "aws:ec2/route:Route", "net-public-default").dependencies, [childUrn("aws:ec2/internetGateway:InternetGateway", "net-igw"), childUrn("aws:ec2/routeTable:RouteTable", "net-public-rt")]);
    });

    it("adds private subnets with their own route table (no internet route) and Session Manager endpoints", async () => {
        const { resources, result } = await runInStack(() => {
            const n = new Network("net", { availabilityZones: ["ap-northeast-2a", "ap-northeast-2c"], privateSubnets: true, serversInPrivateSubnets: true, ssmEndpoints: true, region: "ap-northeast-2" });
            return Promise.all(n.serverSubnetIds.map(promiseOf));
        });
        const privA = byName(resources, "aws:ec2/subnet:Subnet", "net-private-ap-northeast-2a");
        const privC = byName(resources, "aws:ec2/subnet:Subnet", "net-private-ap-northeast-2c");
        assert.equal(privA.inputs.cidrBlock, "10.0.128.0/20");
        assert.equal(privC.inputs.cidrBlock, "10.0.144.0/20");
        assert.equal(privA.inputs.mapPublicIpOnLaunch, false);
        assert.deepEqual(await result, [privA.id, privC.id]);
        const privRt = byName(resources, "aws:ec2/routeTable:RouteTable", "net-private-rt");
        assert.deepEqual(byName(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation", "net-private-ap-northeast-2c").inputs, { subnetId: privC.id, routeTableId: privRt.id });
        const routes = resources.filter(r => r.type === "aws:ec2/route:Route");
        assert.deepEqual(routes.map(r => r.inputs.routeTableId), [byName(resources, "aws:ec2/routeTable:RouteTable", "net-public-rt").id], "only the public table routes to the internet");

        const vpc = byName(resources, "aws:ec2/vpc:Vpc", "net-vpc");
        const sg = byName(resources, "aws:ec2/securityGroup:SecurityGroup", "net-ssm-endpoints");
        assert.deepEqual(sg.inputs, { vpcId: vpc.id, description: "Session Manager interface endpoints: HTTPS from the VPC", tags: { Name: "net-ssm-endpoints" } });
        assert.deepEqual(resources.filter(r => r.type.startsWith("aws:vpc/")).map(r => [r.name, r.inputs]), [
            ["net-ssm-endpoints-https", { securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16", description: "HTTPS from the VPC to the Session Manager endpoints", tags: { Name: "net-ssm-endpoints-https" } }],
        ]);
        const endpoints = resources.filter(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint").sort((x, y) => x.name.localeCompare(y.name));
        assert.deepEqual(endpoints.map(e => [e.name, e.inputs]), ["ec2messages", "ssm", "ssmmessages"].map(s => [`net-${s}`, {
            vpcId: vpc.id, serviceName: `com.amazonaws.ap-northeast-2.${s}`, vpcEndpointType: "Interface", privateDnsEnabled: true,
            subnetIds: [privA.id, privC.id], securityGroupIds: [sg.id], tags: { Name: `net-${s}` },
        }]));
    });

    it("maps public IPv4 addresses in the public subnets only when asked, never in the private ones", async () => {
        const { resources } = await runInStack(() => new Network("net", {
            availabilityZones: ["ap-northeast-2a", "ap-northeast-2b"], privateSubnets: true, mapPublicIpOnLaunch: true,
        }));
        const subnets = resources.filter(r => r.type === "aws:ec2/subnet:Subnet").map(r => [r.name, r.inputs.mapPublicIpOnLaunch]).sort();
        assert.deepEqual(subnets, [
            ["net-private-ap-northeast-2a", false], ["net-private-ap-northeast-2b", false],
            ["net-public-ap-northeast-2a", true], ["net-public-ap-northeast-2b", true],
        ]);
    });

    it("adopts an existing network without creating any network resource", async () => {
        const { resources, result } = await runInStack(() => {
            const n = new Network("net", { existing: { vpcId: "vpc-0e1d2c3b4a5968778", subnetIds: ["subnet-0aa11bb22cc33dd44"] } });
            return Promise.all([promiseOf(n.vpcId), ...n.serverSubnetIds.map(promiseOf)]);
        });
        assert.deepEqual(resources.map(r => r.type), ["pulumi:pulumi:Stack", "ec2-server:network:Network"]);
        assert.deepEqual(await result, ["vpc-0e1d2c3b4a5968778", "subnet-0aa11bb22cc33dd44"]);
    });

    it("rejects conflicting arguments before creating anything", async () => {
        await assert.rejects(runInStack(() => new Network("net", { existing: { vpcId: "vpc-0e1d2c3b4a5968778", subnetIds: [] }, vpcCidr: "10.0.0.0/16" })),
            /Cannot specify both 'existing' and 'vpcCidr', 'availabilityZones', 'privateSubnets', 'ssmEndpoints' or 'natGateways'/);
        await assert.rejects(runInStack(() => new Network("net", { existing: { vpcId: "vpc-0e1d2c3b4a5968778", subnetIds: [] }, natGateways: "single" })),
            /Cannot specify both 'existing' and 'vpcCidr', 'availabilityZones', 'privateSubnets', 'ssmEndpoints' or 'natGateways'/);
        await assert.rejects(runInStack(() => new Network("net", { availabilityZones: ["ap-northeast-2a"], serversInPrivateSubnets: true })),
            /'serversInPrivateSubnets' requires 'privateSubnets'/);
        await assert.rejects(runInStack(() => new Network("net", { availabilityZones: ["ap-northeast-2a"], ssmEndpoints: true })),
            /'ssmEndpoints' requires 'region'/);
    });

    describe("NAT gateways", () => {
        const AZS = ["ap-northeast-2a", "ap-northeast-2c"];

        it("none (the default) keeps today's shared private route table with no internet route and creates no NAT", async () => {
            const { resources, result } = await runInStack(async () => {
                const n = new Network("net", { availabilityZones: AZS, privateSubnets: true });
                return { ids: await Promise.all(n.natGatewayIds.map(promiseOf)), ips: await Promise.all(n.natPublicIps.map(promiseOf)) };
            });
            assert.deepEqual(resources.filter(r => r.custom).map(r => `${r.type} ${r.name}`).sort(), [
                "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup net-default-sg",
                "aws:ec2/internetGateway:InternetGateway net-igw",
                "aws:ec2/route:Route net-public-default",
                "aws:ec2/routeTable:RouteTable net-private-rt",
                "aws:ec2/routeTable:RouteTable net-public-rt",
                "aws:ec2/routeTableAssociation:RouteTableAssociation net-private-ap-northeast-2a",
                "aws:ec2/routeTableAssociation:RouteTableAssociation net-private-ap-northeast-2c",
                "aws:ec2/routeTableAssociation:RouteTableAssociation net-public-ap-northeast-2a",
                "aws:ec2/routeTableAssociation:RouteTableAssociation net-public-ap-northeast-2c",
                "aws:ec2/subnet:Subnet net-private-ap-northeast-2a",
                "aws:ec2/subnet:Subnet net-private-ap-northeast-2c",
                "aws:ec2/subnet:Subnet net-public-ap-northeast-2a",
                "aws:ec2/subnet:Subnet net-public-ap-northeast-2c",
                "aws:ec2/vpc:Vpc net-vpc",
            ]);
            assert.deepEqual(await result, { ids: [], ips: [] });
        });

        it("single: one NAT gateway with its own Elastic IP in the first zone's public subnet, the shared private table routed through it", async () => {
            const { resources, result } = await runInStack(async () => {
                const n = new Network("net", { availabilityZones: AZS, privateSubnets: true, natGateways: "single", namePrefix: "app", tags: { Team: "platform" } });
                return { ids: await Promise.all(n.natGatewayIds.map(promiseOf)), ips: await Promise.all(n.natPublicIps.map(promiseOf)) };
            });
            const added = resources.filter(r => r.custom && ["aws:ec2/eip:Eip", "aws:ec2/natGateway:NatGateway", "aws:ec2/route:Route", "aws:ec2/routeTable:RouteTable"].includes(r.type));
            assert.deepEqual(added.map(r => `${r.type} ${r.name}`).sort(), [
                "aws:ec2/eip:Eip net-nat-ap-northeast-2a",
                "aws:ec2/natGateway:NatGateway net-nat-ap-northeast-2a",
                "aws:ec2/route:Route net-private-default",
                "aws:ec2/route:Route net-public-default",
                "aws:ec2/routeTable:RouteTable net-private-rt",
                "aws:ec2/routeTable:RouteTable net-public-rt",
            ]);
            for (const r of resources.filter(x => x.custom)) {
                assert.equal(r.parent, NET_URN, `${r.name} must be a child of the component`);
            }
            const eip = byName(resources, "aws:ec2/eip:Eip", "net-nat-ap-northeast-2a");
            assert.deepEqual(eip.inputs, { domain: "vpc", tags: { Team: "platform", Name: "app-nat-ap-northeast-2a" } });
            const pubA = byName(resources, "aws:ec2/subnet:Subnet", "net-public-ap-northeast-2a");
            const nat = byName(resources, "aws:ec2/natGateway:NatGateway", "net-nat-ap-northeast-2a");
            assert.deepEqual(nat.inputs, { allocationId: eip.id, subnetId: pubA.id, connectivityType: "public", tags: { Team: "platform", Name: "app-nat-ap-northeast-2a" } });
            assert.deepEqual(nat.dependencies, [
                childUrn("aws:ec2/eip:Eip", "net-nat-ap-northeast-2a"),
                childUrn("aws:ec2/internetGateway:InternetGateway", "net-igw"),
                childUrn("aws:ec2/subnet:Subnet", "net-public-ap-northeast-2a"),
            ], "the NAT gateway waits for the internet gateway (dependsOn), its Elastic IP and its subnet");
            assert.deepEqual(nat.options, { protect: false, retainOnDelete: false, deleteBeforeReplace: true, ignoreChanges: [], replaceOnChanges: [], additionalSecretOutputs: [] });
            assert.match(nat.id!, /^nat-0[0-9a-f]{16}$/);
            assert.equal(nat.state!.publicIp, eip.state!.publicIp, "the gateway's public address is its Elastic IP's");
            assert.match(String(nat.state!.privateIp), /^10\.0\.([0-9]|1[0-5])\.\d+$/, "its private address is in the public subnet 10.0.0.0/20");

            const privRt = byName(resources, "aws:ec2/routeTable:RouteTable", "net-private-rt");
            assert.deepEqual(privRt.inputs, { vpcId: byName(resources, "aws:ec2/vpc:Vpc", "net-vpc").id, tags: { Team: "platform", Name: "app-private" } });
            assert.deepEqual(byName(resources, "aws:ec2/route:Route", "net-private-default").inputs, { routeTableId: privRt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
            for (const az of AZS) {
                assert.deepEqual(byName(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation", `net-private-${az}`).inputs, {
                    subnetId: byName(resources, "aws:ec2/subnet:Subnet", `net-private-${az}`).id, routeTableId: privRt.id,
                });
            }
            assert.deepEqual(await result, { ids: [nat.id], ips: [eip.state!.publicIp] });
        });

        it("perAz: a NAT gateway and Elastic IP per zone, and a private route table per zone through its own zone's gateway", async () => {
            const { resources, result } = await runInStack(async () => {
                const n = new Network("net", { availabilityZones: AZS, privateSubnets: true, natGateways: "perAz" });
                return { ids: await Promise.all(n.natGatewayIds.map(promiseOf)), ips: await Promise.all(n.natPublicIps.map(promiseOf)) };
            });
            const vpc = byName(resources, "aws:ec2/vpc:Vpc", "net-vpc");
            assert.deepEqual(resources.filter(r => r.type === "aws:ec2/routeTable:RouteTable").map(r => r.name).sort(), ["net-private-rt-ap-northeast-2a", "net-private-rt-ap-northeast-2c", "net-public-rt"]);
            assert.deepEqual(resources.filter(r => r.type === "aws:ec2/route:Route").map(r => r.name).sort(), ["net-private-default-ap-northeast-2a", "net-private-default-ap-northeast-2c", "net-public-default"]);
            assert.deepEqual(resources.filter(r => r.type === "aws:ec2/eip:Eip").map(r => r.name).sort(), ["net-nat-ap-northeast-2a", "net-nat-ap-northeast-2c"]);
            assert.deepEqual(resources.filter(r => r.type === "aws:ec2/natGateway:NatGateway").map(r => r.name).sort(), ["net-nat-ap-northeast-2a", "net-nat-ap-northeast-2c"]);
            const nats = AZS.map(az => {
                const eip = byName(resources, "aws:ec2/eip:Eip", `net-nat-${az}`);
                const nat = byName(resources, "aws:ec2/natGateway:NatGateway", `net-nat-${az}`);
                const pub = byName(resources, "aws:ec2/subnet:Subnet", `net-public-${az}`);
                assert.deepEqual(eip.inputs, { domain: "vpc", tags: { Name: `net-nat-${az}` } });
                assert.deepEqual(nat.inputs, { allocationId: eip.id, subnetId: pub.id, connectivityType: "public", tags: { Name: `net-nat-${az}` } });
                assert.deepEqual(nat.dependencies, [childUrn("aws:ec2/eip:Eip", `net-nat-${az}`), childUrn("aws:ec2/internetGateway:InternetGateway", "net-igw"), childUrn("aws:ec2/subnet:Subnet", `net-public-${az}`)]);
                const rt = byName(resources, "aws:ec2/routeTable:RouteTable", `net-private-rt-${az}`);
                assert.deepEqual(rt.inputs, { vpcId: vpc.id, tags: { Name: `net-private-${az}` } });
                assert.deepEqual(byName(resources, "aws:ec2/route:Route", `net-private-default-${az}`).inputs, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id });
                assert.deepEqual(byName(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation", `net-private-${az}`).inputs, {
                    subnetId: byName(resources, "aws:ec2/subnet:Subnet", `net-private-${az}`).id, routeTableId: rt.id,
                });
                return { id: nat.id, ip: eip.state!.publicIp };
            });
            assert.notEqual(nats[0].ip, nats[1].ip);
            assert.deepEqual(await result, { ids: nats.map(x => x.id), ips: nats.map(x => x.ip) });
        });

        it("refuses NAT gateways without private subnets", async () => {
            await assert.rejects(runInStack(() => new Network("net", { availabilityZones: AZS, natGateways: "single" })),
                /'natGateways: single' requires 'privateSubnets': NAT gateways route the private subnets to the internet, and there are none/);
            await assert.rejects(runInStack(() => new Network("net", { availabilityZones: AZS, privateSubnets: false, natGateways: "perAz" })),
                /'natGateways: perAz' requires 'privateSubnets'/);
        });

        it("Day 2: a refresh reads the NAT gateway's Elastic IP as associated with the gateway's interface, and changes no input", async () => {
            const { resources } = await runInStack(() => new Network("net", { availabilityZones: AZS, privateSubnets: true, natGateways: "single" }));
            const state: StateResource[] = resources.filter(r => r.custom).map(r => ({
                urn: r.urn, type: r.type, id: r.id, custom: true, inputs: r.inputs, outputs: r.state ?? {}, parent: r.parent,
                dependencies: r.dependencies, propertyDependencies: {}, protect: r.options.protect, retainOnDelete: r.options.retainOnDelete,
            }));
            const refreshed = refresh(state, { region: "ap-northeast-2", partition: "aws", accountId: ACCOUNT_ID, defaultTags: {}, amiRootSizeGiB: () => undefined });
            const nat = refreshed.find(r => r.type === "aws:ec2/natGateway:NatGateway")!;
            const eip = refreshed.find(r => r.type === "aws:ec2/eip:Eip")!;
            assert.match(String(nat.outputs.associationId), /^eipassoc-0[0-9a-f]{16}$/);
            assert.match(String(nat.outputs.networkInterfaceId), /^eni-0[0-9a-f]{16}$/);
            assert.deepEqual([eip.outputs.instance, eip.outputs.associationId, eip.outputs.networkInterface, eip.outputs.privateIp],
                ["", nat.outputs.associationId, nat.outputs.networkInterfaceId, nat.outputs.privateIp]);
            assert.deepEqual(refreshed.map(r => r.inputs), state.map(r => r.inputs), "the program sets none of the read-back properties: no diff after a refresh");
        });

        it("the AWS model refuses a NAT gateway in an unknown subnet, with an unknown allocation, or with an Elastic IP another gateway holds", async () => {
            const { resources } = await runInStack(() => new Network("net", { availabilityZones: AZS, privateSubnets: true, natGateways: "single" }));
            const subnetId = byName(resources, "aws:ec2/subnet:Subnet", "net-public-ap-northeast-2c").id!;
            const allocationId = byName(resources, "aws:ec2/eip:Eip", "net-nat-ap-northeast-2a").id!;
            // The same network again (same ids), then one more gateway once the first exists.
            const again = (fn: () => unknown) => runInStack(async () => {
                const n = new Network("net", { availabilityZones: AZS, privateSubnets: true, natGateways: "single" });
                await promiseOf(n.natGatewayIds[0]);
                return fn();
            });
            await assert.rejects(again(() => new aws.ec2.NatGateway("x", { allocationId, subnetId: "subnet-0123456789abcdef0" })),
                /InvalidSubnetID\.NotFound: The subnet ID 'subnet-0123456789abcdef0' does not exist/);
            await assert.rejects(again(() => new aws.ec2.NatGateway("x", { allocationId: "eipalloc-0123456789abcdef0", subnetId })),
                /InvalidAllocationID\.NotFound: The allocation ID 'eipalloc-0123456789abcdef0' does not exist/);
            await assert.rejects(again(() => new aws.ec2.NatGateway("x", { allocationId, subnetId })),
                new RegExp(`Resource\\.AlreadyAssociated: Elastic IP address \\[${allocationId}\\] is already associated`));
        });
    });
});
