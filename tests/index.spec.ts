import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig } from "@pulumi/pulumi/runtime/rpc";
import { readStackConfig } from "../offline/stack-config";
import { AMI_ALIASES } from "../lib/aws-facts";
import { AwsModel, EXISTING, PINNED_IMAGES } from "../offline/aws/model";
import { ProgramError, ProgramRun, runProgram } from "../offline/program";
import { ConfigError } from "../config";

const ROOT = path.join(__dirname, "..");
const AL2023_SEOUL = new AwsModel({ region: "ap-northeast-2" }).publishedId(AMI_ALIASES["al2023"].parameter);

function stackRun(stack: string, overrides: Record<string, string> = {}, secretKeys: string[] = [], model?: AwsModel): Promise<ProgramRun> {
    const s = readStackConfig(ROOT, stack);
    return runProgram({ stack, config: { ...s.config, ...overrides }, secretKeys: [...s.secretKeys, ...secretKeys], model });
}

/** Every subnet reads back in the region's first zone. */
class OneZoneModel extends AwsModel {
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
        const result = super.call(args);
        return args.token === "aws:ec2/getSubnet:getSubnet" ? { ...result, availabilityZone: `${this.region}a` } : result;
    }
}

function typeCounts(run: ProgramRun): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const r of run.resources) {
        counts[r.type] = (counts[r.type] ?? 0) + 1;
    }
    return counts;
}

async function configErrors(overrides: Record<string, string>, stack = "dev", model?: AwsModel): Promise<{ errors: string[]; registered: string[] }> {
    try {
        await stackRun(stack, overrides, [], model);
    } catch (err) {
        assert.ok(err instanceof ProgramError);
        assert.ok(err.cause instanceof ConfigError, `expected a ConfigError, got ${err.message}`);
        return { errors: err.cause.errors, registered: err.resources.map(r => r.type) };
    }
    assert.fail("expected the program to fail");
}

describe("index.ts (the whole program)", () => {
    describe("dev stack (Pulumi.dev.yaml)", () => {
        let run: ProgramRun;
        before(async () => {
            run = await stackRun("dev");
        });

        it("builds a public server in a new two-zone network with exactly these resources", () => {
            assert.deepEqual(typeCounts(run), {
                "pulumi:pulumi:Stack": 1,
                "ec2-server:network:Network": 1,
                "ec2-server:security:SecurityGroup": 1,
                "ec2-server:keys:KeyPair": 1,
                "ec2-server:compute:Instance": 1,
                "aws:ec2/vpc:Vpc": 1,
                "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": 1,
                "aws:ec2/internetGateway:InternetGateway": 1,
                "aws:ec2/routeTable:RouteTable": 1,
                "aws:ec2/route:Route": 1,
                "aws:ec2/subnet:Subnet": 2,
                "aws:ec2/routeTableAssociation:RouteTableAssociation": 2,
                "aws:ec2/securityGroup:SecurityGroup": 1,
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 1,
                "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 2,
                "tls:index/privateKey:PrivateKey": 1,
                "aws:ec2/keyPair:KeyPair": 1,
                "aws:iam/role:Role": 1,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
                "aws:iam/instanceProfile:InstanceProfile": 1,
                "aws:ec2/instance:Instance": 1,
            });
        });

        it("opens SSH only to the stack's CIDR and allows all outbound traffic explicitly", () => {
            const rules = run.resources.filter(r => r.type.startsWith("aws:vpc/")).map(r => [r.type.split(":").pop(), r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6, r.inputs.description]).sort();
            assert.deepEqual(rules, [
                ["SecurityGroupEgressRule", "-1", undefined, undefined, "0.0.0.0/0", "All outbound IPv4 traffic"],
                ["SecurityGroupEgressRule", "-1", undefined, undefined, "::/0", "All outbound IPv6 traffic"],
                ["SecurityGroupIngressRule", "tcp", 22, 22, "203.0.113.10/32", "SSH from 203.0.113.10/32"],
            ]);
        });

        it("tags every taggable resource with the stack's tags and a Name", () => {
            const taggable = run.resources.filter(r => r.custom && r.type !== "tls:index/privateKey:PrivateKey" && !r.type.endsWith("Association") && !r.type.endsWith(":Route") && !r.type.endsWith("PolicyAttachment"));
            assert.equal(taggable.length, 14);
            for (const r of taggable) {
                const tags = r.inputs.tags as Record<string, string>;
                assert.equal(tags.Owner, "platform-team", r.name);
                assert.match(tags.Name, /^ec2-server-dev(-|$)/, r.name);
            }
        });

        it("exports ids, addresses and ready access commands, with the private key as the only secret", () => {
            const server = run.resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            const vpc = run.resources.find(r => r.type === "aws:ec2/vpc:Vpc")!;
            const sg = run.resources.find(r => r.type === "aws:ec2/securityGroup:SecurityGroup")!;
            const key = run.resources.find(r => r.type === "aws:ec2/keyPair:KeyPair")!;
            const subnets = run.resources.filter(r => r.type === "aws:ec2/subnet:Subnet").sort((a, b) => a.name.localeCompare(b.name)).map(r => r.id);
            const ip = String(server.state!.publicIp);
            const { privateKeyPem, ...plain } = run.outputs;
            assert.deepEqual(plain, {
                instanceIds: [server.id],
                serverAmiIds: [AL2023_SEOUL],
                serverZones: ["ap-northeast-2a"],
                privateIps: [server.state!.privateIp],
                publicIps: [ip],
                publicDns: [`ec2-${ip.replace(/\./g, "-")}.ap-northeast-2.compute.amazonaws.com`],
                amiId: AL2023_SEOUL,
                loginUser: "ec2-user",
                vpcId: vpc.id,
                subnetIds: subnets,
                publicSubnetIds: subnets,
                privateSubnetIds: [],
                securityGroupIds: [sg.id],
                ssmCommands: [`aws ssm start-session --target ${server.id} --region ap-northeast-2`],
                sshCommands: [`ssh -i ~/.ssh/ec2-server-dev.pem ec2-user@${ip}`],
                keyName: key.id,
                keyFingerprint: key.state!.fingerprint,
            });
            assert.deepEqual(run.secretOutputs, ["privateKeyPem"]);
            assert.match(String(privateKeyPem), /^-----BEGIN OPENSSH PRIVATE KEY-----\n/);
            // The raw stack output carries the secret marker, so `pulumi stack output` hides it.
            assert.equal(JSON.stringify(run.rawOutputs.privateKeyPem).includes(specialSecretSig), true);
        });

        it("takes the public address from the public subnets (mapPublicIpOnLaunch) and sends no associatePublicIpAddress", () => {
            const subnets = run.resources.filter(r => r.type === "aws:ec2/subnet:Subnet").map(r => [r.name, r.inputs.mapPublicIpOnLaunch]).sort();
            assert.deepEqual(subnets, [["network-public-ap-northeast-2a", true], ["network-public-ap-northeast-2b", true]]);
            const server = run.resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            // A stopped server reads back associatePublicIpAddress false (ForceNew): a sent true would replace it.
            assert.equal("associatePublicIpAddress" in server.inputs, false);
            assert.match(String(server.state!.publicIp), /^3\.3[4-7]\.\d+\.\d+$/);
        });

        it("keeps the server when AWS publishes a newer image behind the alias", () => {
            const server = run.resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            assert.deepEqual(server.options.ignoreChanges, ["ami"]);
        });

        it("boots servers only after the whole network exists (routes, endpoints)", () => {
            const component = run.resources.find(r => r.type === "ec2-server:compute:Instance")!;
            const networkChildren = run.resources.filter(r => r.parent?.endsWith("::ec2-server:network:Network::network")).map(r => r.urn);
            for (const urn of networkChildren) {
                assert.ok(component.dependencies.includes(urn), `the Instance component depends on ${urn}`);
            }
        });
    });

    describe("prod stack (Pulumi.prod.yaml)", () => {
        let run: ProgramRun;
        before(async () => {
            run = await stackRun("prod");
        });

        it("builds a private server with Session Manager endpoints, no key pair, no SSH rule and a retained data volume", () => {
            const counts = typeCounts(run);
            assert.equal(counts["aws:ec2/subnet:Subnet"], 4);
            assert.equal(counts["aws:ec2/vpcEndpoint:VpcEndpoint"], 3);
            assert.equal(counts["aws:ec2/keyPair:KeyPair"], undefined);
            assert.equal(counts["tls:index/privateKey:PrivateKey"], undefined);
            assert.equal(counts["aws:ec2/eip:Eip"], undefined);
            const sgRules = run.resources.filter(r => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(r => [r.name, r.inputs.fromPort, r.inputs.cidrIpv4]);
            assert.deepEqual(sgRules, [["network-ssm-endpoints-https", 443, "10.0.0.0/16"]]);
            const server = run.resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            const privateA = run.resources.find(r => r.name === "network-private-ap-northeast-2a" && r.type === "aws:ec2/subnet:Subnet")!;
            assert.equal(server.inputs.subnetId, privateA.id);
            // No public address at all: false is sent, and nothing can make AWS read it back as true.
            assert.equal(server.inputs.associatePublicIpAddress, false);
            assert.deepEqual(run.resources.filter(r => r.type === "aws:ec2/subnet:Subnet").map(r => r.inputs.mapPublicIpOnLaunch), [false, false, false, false]);
            assert.equal(server.inputs.keyName, undefined);
            assert.equal(server.inputs.disableApiTermination, true);
            assert.equal(server.options.protect, true);
            assert.equal(server.inputs.forceDestroy, true);
            assert.equal(server.inputs.monitoring, true);
            assert.equal(server.inputs.instanceType, "t3.small");
            assert.deepEqual(server.inputs.rootBlockDevice, { volumeType: "gp3", volumeSize: 20, encrypted: true, deleteOnTermination: true, tags: { Owner: "platform-team", DataClassification: "internal", Name: "ec2-server-prod-0-root" } });
            const volume = run.resources.find(r => r.type === "aws:ebs/volume:Volume")!;
            assert.deepEqual([volume.name, volume.inputs.size, volume.inputs.availabilityZone, volume.inputs.encrypted, volume.options.retainOnDelete], ["server-0-data", 50, "ap-northeast-2a", true, true]);
        });

        it("exports Session Manager access and no SSH or key outputs, and no secrets", () => {
            const server = run.resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            assert.deepEqual(Object.keys(run.outputs).sort(), [
                "amiId", "dataVolumeIds", "instanceIds", "loginUser", "privateIps", "privateSubnetIds", "publicDns",
                "publicIps", "publicSubnetIds", "securityGroupIds", "serverAmiIds", "serverZones", "ssmCommands", "subnetIds", "vpcId",
            ]);
            assert.deepEqual(run.outputs.publicIps, [null]);
            assert.deepEqual(run.outputs.ssmCommands, [`aws ssm start-session --target ${server.id} --region ap-northeast-2`]);
            assert.deepEqual(run.secretOutputs, []);
        });
    });

    describe("web stack (Pulumi.web.yaml): elastic capacity", () => {
        let run: ProgramRun;
        before(async () => {
            run = await stackRun("web");
        });
        const one = (type: string) => {
            const found = run.resources.filter(r => r.type === type);
            assert.equal(found.length, 1, type);
            return found[0];
        };

        it("builds a group behind an HTTP load balancer, with one NAT gateway and no fixed server, key pair or endpoint", () => {
            assert.deepEqual(typeCounts(run), {
                "pulumi:pulumi:Stack": 1,
                "ec2-server:network:Network": 1,
                "ec2-server:security:SecurityGroup": 1,
                "ec2-server:network:LoadBalancer": 1,
                "ec2-server:compute:AutoScaling": 1,
                "aws:ec2/vpc:Vpc": 1,
                "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": 1,
                "aws:ec2/internetGateway:InternetGateway": 1,
                "aws:ec2/routeTable:RouteTable": 2,
                "aws:ec2/route:Route": 2,
                "aws:ec2/subnet:Subnet": 4,
                "aws:ec2/routeTableAssociation:RouteTableAssociation": 4,
                "aws:ec2/eip:Eip": 1,
                "aws:ec2/natGateway:NatGateway": 1,
                "aws:ec2/securityGroup:SecurityGroup": 3,
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": 2,
                "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": 3,
                "aws:lb/loadBalancer:LoadBalancer": 1,
                "aws:lb/targetGroup:TargetGroup": 1,
                "aws:lb/listener:Listener": 1,
                "aws:iam/role:Role": 1,
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment": 1,
                "aws:iam/instanceProfile:InstanceProfile": 1,
                "aws:ec2/launchTemplate:LaunchTemplate": 1,
                "aws:autoscaling/group:Group": 1,
                "aws:autoscaling/policy:Policy": 1,
                "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment": 1,
            });
        });

        it("the group: 2–6 servers in the private subnets, on the template's latest version, desiredCapacity ignored on the group itself, ELB health checks", () => {
            const group = one("aws:autoscaling/group:Group");
            const template = one("aws:ec2/launchTemplate:LaunchTemplate");
            const tg = one("aws:lb/targetGroup:TargetGroup");
            const privateSubnets = run.resources.filter(r => r.type === "aws:ec2/subnet:Subnet" && r.name.startsWith("network-private-")).map(r => r.id);
            assert.equal(group.inputs.minSize, 2);
            assert.equal(group.inputs.maxSize, 6);
            assert.equal(group.inputs.desiredCapacity, undefined);
            assert.deepEqual(group.inputs.vpcZoneIdentifiers, privateSubnets);
            // Always a mixed instances policy (one form whatever the types): here one on-demand type.
            assert.equal("launchTemplate" in group.inputs, false);
            assert.deepEqual(group.inputs.mixedInstancesPolicy, {
                launchTemplate: { launchTemplateSpecification: { launchTemplateId: template.id, version: String(template.state!.latestVersion) }, overrides: [{ instanceType: "t3.small" }] },
                instancesDistribution: { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100 },
            });
            assert.equal(group.inputs.waitForCapacityTimeout, "0");
            // Registered by an attachment, which a later removal of loadBalancer deletes (and so detaches the group);
            // the group's own targetGroupArns is Optional+Computed, so dropping it would never detach.
            assert.equal("targetGroupArns" in group.inputs, false);
            const attachment = one("aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment");
            assert.deepEqual([attachment.name, attachment.inputs, attachment.parent], [
                "servers-target", { autoscalingGroupName: group.id, trafficSource: { identifier: tg.id, type: "elbv2" } },
                "urn:pulumi:web::ec2-server::ec2-server:compute:AutoScaling::servers",
            ]);
            assert.equal(group.inputs.healthCheckType, "ELB");
            assert.deepEqual(group.options.ignoreChanges, ["desiredCapacity"]);
            assert.deepEqual(template.options.ignoreChanges, ["imageId"]);
            const policy = one("aws:autoscaling/policy:Policy");
            assert.deepEqual(policy.inputs.targetTrackingConfiguration, { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 50 });
        });

        it("what the group launches carries the stack's aws:defaultTags (which the provider does not put there) and its tags; the template's own tags leave the defaults to the provider", () => {
            const template = one("aws:ec2/launchTemplate:LaunchTemplate");
            assert.deepEqual(template.inputs.tagSpecifications, [
                { resourceType: "instance", tags: { Project: "ec2-server", Environment: "web", Owner: "platform-team", Name: "ec2-server-web" } },
                { resourceType: "volume", tags: { Project: "ec2-server", Environment: "web", Owner: "platform-team", Name: "ec2-server-web-root" } },
            ]);
            assert.deepEqual(template.inputs.tags, { Owner: "platform-team", Name: "ec2-server-web-template" });
            // The CLI hands aws:defaultTags to the program as JSON with sorted keys (Go's encoding/json), whatever
            // the stack file's order: Environment before Project (seen under the real CLI, tests/e2e).
            assert.deepEqual(one("aws:autoscaling/group:Group").inputs.tags, [
                { key: "Environment", value: "web", propagateAtLaunch: true },
                { key: "Project", value: "ec2-server", propagateAtLaunch: true },
                { key: "Owner", value: "platform-team", propagateAtLaunch: true },
                { key: "Name", value: "ec2-server-web", propagateAtLaunch: true },
            ]);
        });

        it("the servers accept port 80 only from the load balancer, which listens on HTTP 80 from anywhere (IPv4)", () => {
            const albSg = run.resources.find(r => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.name === "web-sg")!;
            const targets = run.resources.find(r => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.name === "web-targets")!;
            const ingress = run.resources.filter(r => r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map(r => [r.name, r.inputs.securityGroupId, r.inputs.fromPort, r.inputs.toPort, r.inputs.cidrIpv4 ?? r.inputs.referencedSecurityGroupId]);
            assert.deepEqual(ingress.sort(), [
                ["web-in-tcp-80-0.0.0.0-0", albSg.id, 80, 80, "0.0.0.0/0"],
                ["web-targets-in-tcp-80-alb", targets.id, 80, 80, albSg.id],
            ]);
            const template = one("aws:ec2/launchTemplate:LaunchTemplate");
            const firewall = run.resources.find(r => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.name === "firewall-sg")!;
            assert.deepEqual((template.inputs.networkInterfaces as Record<string, unknown>[])[0].securityGroups, [firewall.id, targets.id]);
            assert.deepEqual((template.inputs.networkInterfaces as Record<string, unknown>[])[0].associatePublicIpAddress, "false");
            const listener = one("aws:lb/listener:Listener");
            assert.deepEqual([listener.inputs.port, listener.inputs.protocol], [80, "HTTP"]);
            assert.equal(one("aws:lb/loadBalancer:LoadBalancer").inputs.dropInvalidHeaderFields, true);
        });

        it("the private subnets reach out through the NAT gateway; Session Manager goes that way too (no interface endpoints)", () => {
            const nat = one("aws:ec2/natGateway:NatGateway");
            const route = run.resources.find(r => r.type === "aws:ec2/route:Route" && r.name === "network-private-default")!;
            assert.deepEqual([route.inputs.destinationCidrBlock, route.inputs.natGatewayId], ["0.0.0.0/0", nat.id]);
            assert.equal(run.resources.some(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint"), false);
        });

        it("outputs the group, the load balancer's DNS name and URL, the target group, and ssm commands that work for a group", () => {
            const group = one("aws:autoscaling/group:Group");
            const lb = one("aws:lb/loadBalancer:LoadBalancer");
            assert.equal(run.outputs.autoScalingGroupName, group.id);
            assert.equal(run.outputs.loadBalancerDnsName, lb.state!.dnsName);
            assert.equal(run.outputs.url, `http://${lb.state!.dnsName}`);
            assert.equal(run.outputs.targetGroupArn, one("aws:lb/targetGroup:TargetGroup").id);
            const list = `aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names ${group.id} --region ap-northeast-2 --query 'AutoScalingGroups[0].Instances[?LifecycleState==\`InService\`].InstanceId' --output text`;
            // Two outputs, each what its name says: the listing, and a session on the first server in service.
            assert.equal(run.outputs.listServersCommand, list);
            assert.equal(run.outputs.ssmCommand, `aws ssm start-session --region ap-northeast-2 --target "$(${list} | cut -f1)"`);
            assert.equal("ssmCommands" in run.outputs, false);
            assert.equal("instanceIds" in run.outputs, false);
            assert.deepEqual(run.secretOutputs, []);
        });
    });

    describe("fixed servers behind a load balancer", () => {
        it("registers each server in the target group and gives it the load balancer's targets group", async () => {
            const run = await stackRun("dev", { "ec2-server:instanceCount": "2", "ec2-server:loadBalancer": JSON.stringify({ healthCheckPath: "/health" }) });
            const tg = run.resources.find(r => r.type === "aws:lb/targetGroup:TargetGroup")!;
            const targets = run.resources.find(r => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.name === "web-targets")!;
            const servers = run.resources.filter(r => r.type === "aws:ec2/instance:Instance");
            const attachments = run.resources.filter(r => r.type === "aws:lb/targetGroupAttachment:TargetGroupAttachment");
            assert.deepEqual(attachments.map(a => [a.name, a.inputs.targetGroupArn, a.inputs.targetId]), servers.map((s, i) => [`server-${i}-target`, tg.id, s.id]));
            assert.ok(servers.every(s => (s.inputs.vpcSecurityGroupIds as string[]).includes(targets.id!)));
            assert.equal((tg.inputs.healthCheck as Record<string, unknown>).path, "/health");
        });
    });

    describe("variants", () => {
        it("spreads 5 servers over 3 zones, each with an Elastic IP", async () => {
            const run = await stackRun("dev", { "ec2-server:instanceCount": "5", "ec2-server:availabilityZones": "3", "ec2-server:elasticIp": "true", "ec2-server:publicIp": "false" });
            const servers = run.resources.filter(r => r.type === "aws:ec2/instance:Instance").sort((a, b) => a.name.localeCompare(b.name));
            assert.deepEqual(servers.map(s => s.state!.availabilityZone), ["ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c", "ap-northeast-2a", "ap-northeast-2b"]);
            const eips = run.resources.filter(r => r.type === "aws:ec2/eip:Eip");
            assert.equal(eips.length, 5);
            assert.deepEqual(run.outputs.publicIps, servers.map(s => eips.find(e => e.name === `${s.name}-eip`)!.state!.publicIp));
            // The Elastic IP is the only public address: the subnets map none, and the servers send no
            // associatePublicIpAddress (AWS reads it back as true once the EIP is associated; ForceNew).
            assert.deepEqual(run.resources.filter(r => r.type === "aws:ec2/subnet:Subnet").map(r => r.inputs.mapPublicIpOnLaunch), [false, false, false]);
            assert.deepEqual(servers.map(s => "associatePublicIpAddress" in s.inputs), [false, false, false, false, false]);
            assert.deepEqual(servers.map(s => s.state!.publicIp), ["", "", "", "", ""]);
            // Elastic IPs are public addresses: no Session Manager endpoints are needed.
            assert.equal(run.resources.filter(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint").length, 0);
        });

        it("adopts an existing network and security groups without creating any network resource", async () => {
            const run = await stackRun("dev", {
                "ec2-server:existingVpcId": EXISTING.vpcId,
                "ec2-server:existingSubnetIds": JSON.stringify(EXISTING.subnets.map(s => s.id)),
                "ec2-server:existingSecurityGroupIds": JSON.stringify(EXISTING.securityGroupIds),
                "ec2-server:sshCidrs": "[]",
            });
            const custom = run.resources.filter(r => r.custom).map(r => r.type).sort();
            assert.deepEqual(custom, ["aws:ec2/instance:Instance", "aws:ec2/keyPair:KeyPair", "aws:iam/instanceProfile:InstanceProfile", "aws:iam/role:Role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "tls:index/privateKey:PrivateKey"]);
            const server = run.resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            assert.equal(server.inputs.subnetId, EXISTING.subnets[0].id);
            assert.deepEqual(server.inputs.vpcSecurityGroupIds, EXISTING.securityGroupIds);
            assert.equal(run.outputs.vpcId, EXISTING.vpcId);
        });

        it("puts the load balancer of an adopted network in its loadBalancer.subnetIds, looked up in the adopted VPC", async () => {
            const [A, B] = EXISTING.subnets.map(s => s.id);
            const run = await stackRun("dev", {
                "ec2-server:existingVpcId": EXISTING.vpcId,
                "ec2-server:existingSubnetIds": JSON.stringify([A]),
                "ec2-server:loadBalancer": JSON.stringify({ subnetIds: [A, B] }),
            });
            const lb = run.resources.find(r => r.type === "aws:lb/loadBalancer:LoadBalancer")!;
            assert.deepEqual(lb.inputs.subnets, [A, B]);
            assert.deepEqual(run.model.invokes.filter(i => i.token === "aws:ec2/getSubnet:getSubnet").map(i => i.args.id), [A, A, B]);
        });

        it("uses a pinned AMI's login user and lets AMI changes show (no ignoreChanges)", async () => {
            const run = await stackRun("dev", { "ec2-server:ami": PINNED_IMAGES[0].id });
            const server = run.resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            assert.deepEqual(server.options.ignoreChanges, []);
            assert.equal(run.outputs.loginUser, "admin");
            assert.match(String((run.outputs.sshCommands as string[])[0]), /^ssh -i ~\/\.ssh\/ec2-server-dev\.pem admin@3\./);
        });

        it("keeps secret user data secret in the instance inputs", async () => {
            const run = await stackRun("dev", { "ec2-server:userData": "#!/bin/bash\nexport TOKEN=s3cr3t\n" }, ["ec2-server:userData"]);
            const server = run.resources.find(r => r.type === "aws:ec2/instance:Instance")!;
            assert.deepEqual(server.secretInputs, ["userData"]);
        });

        it("tunnels SSH through Session Manager for a server with a key but no public address", async () => {
            const run = await stackRun("dev", { "ec2-server:publicIp": "false", "ec2-server:sshCidrs": "[]" });
            const id = (run.outputs.instanceIds as string[])[0];
            assert.deepEqual(run.outputs.sshCommands, [`ssh -i ~/.ssh/ec2-server-dev.pem -o ProxyCommand='aws ssm start-session --target %h --document-name AWS-StartSSHSession --parameters portNumber=%p --region ap-northeast-2' ec2-user@${id}`]);
        });
    });

    describe("bad stacks stop before any resource is registered", () => {
        it("config errors: all at once, only the root stack registered", async () => {
            const { errors, registered } = await configErrors({ "ec2-server:instanceCount": "0", "ec2-server:sshCidrs": '["0.0.0.0/0", "10.0.0.1/8"]' });
            assert.deepEqual(errors, [
                "ec2-server:instanceCount: got 0, expected an integer from 1 to 50",
                "ec2-server:sshCidrs[1]: got \"10.0.0.1/8\", expected a CIDR with no host bits set (AWS would store it normalised and show a diff forever) (did you mean \"10.0.0.0/8\"?)",
            ]);
            assert.deepEqual(registered, ["pulumi:pulumi:Stack"]);
        });

        it("AMI facts: architecture of a pinned AMI, root size below its snapshot, ED25519 on Windows", async () => {
            const arm = await configErrors({ "ec2-server:ami": PINNED_IMAGES[2].id });
            assert.deepEqual(arm.errors, [
                `ec2-server:instanceType "t3.micro" is x86_64 but the AMI ${PINNED_IMAGES[2].id} (RHEL-9.6.0_HVM-20251015-arm64-0-Hourly2-GP3) is arm64; choose a matching instance type or AMI`,
                `ec2-server:rootVolume.sizeGiB: got 8, expected at least 10 (the size of the root snapshot of ${PINNED_IMAGES[2].id})`,
            ]);
            assert.deepEqual(arm.registered, ["pulumi:pulumi:Stack"]);
            const win = await configErrors({ "ec2-server:ami": PINNED_IMAGES[1].id, "ec2-server:rootVolume": '{"sizeGiB":30}' });
            assert.deepEqual(win.errors, [`ec2-server:keyAlgorithm: got "ED25519", expected RSA for the Windows AMI ${PINNED_IMAGES[1].id}: EC2 encrypts the Windows password with an RSA key`]);
        });

        it("zones and adopted subnets: more zones than the region has, a subnet of another VPC, an unknown AMI", async () => {
            const zones = await configErrors({ "ec2-server:availabilityZones": "5" });
            assert.deepEqual(zones.errors, ["ec2-server:availabilityZones: got 5, expected at most 4 (the zones of ap-northeast-2: ap-northeast-2a, ap-northeast-2b, ap-northeast-2c, ap-northeast-2d)"]);
            const foreign = await configErrors({
                "ec2-server:existingVpcId": EXISTING.vpcId,
                "ec2-server:existingSubnetIds": JSON.stringify([EXISTING.subnets[0].id, EXISTING.foreignSubnet.id]),
            });
            assert.deepEqual(foreign.errors, [`ec2-server:existingSubnetIds: got "${EXISTING.foreignSubnet.id}", expected a subnet of ec2-server:existingVpcId ${EXISTING.vpcId} (it is in ${EXISTING.foreignSubnet.vpcId})`]);
            const ami = await configErrors({ "ec2-server:ami": "ami-0badbadbadbadbad0" }, "dev", new AwsModel({ region: "ap-northeast-2" }));
            const [A, B] = EXISTING.subnets.map(s => s.id);
            // Two subnets in one zone: index.ts gives the LoadBalancer the number of distinct zones the lookups found.
            const oneZone = await configErrors({
                "ec2-server:existingVpcId": EXISTING.vpcId,
                "ec2-server:existingSubnetIds": JSON.stringify([A]),
                "ec2-server:loadBalancer": JSON.stringify({ subnetIds: [A, B] }),
            }, "dev", new OneZoneModel({ region: "ap-northeast-2" }));
            assert.deepEqual(oneZone.errors, [
                `ec2-server:loadBalancer.subnetIds: got ["${A}","${B}"], expected one subnet per availability zone (${A}, ${B} are all in ap-northeast-2a): a load balancer takes one subnet in each of its zones`,
                `ec2-server:loadBalancer.subnetIds: got ["${A}","${B}"], expected subnets in at least 2 availability zones (they are all in ap-northeast-2a): an Application Load Balancer needs two or more zones`,
            ]);
            assert.deepEqual(oneZone.registered, ["pulumi:pulumi:Stack"]);
            assert.deepEqual(ami.errors, ["ec2-server:ami: got \"ami-0badbadbadbadbad0\", expected an AMI visible in this region (no image ami-0badbadbadbadbad0 was found)"]);
        });
    });
});
