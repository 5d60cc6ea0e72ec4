import * as assert from "node:assert/strict";
import { LoadBalancer, LoadBalancerArgs, LoadBalancerSetting } from "../../components/load-balancer";
import { Network } from "../../components/network";
import { deleteFate, deleteRefusal } from "../../offline/lifecycle-rules";
import { RecordedResource } from "../../offline/monitor";
import { runInStack, promiseOf } from "../../offline/program";
import { StateResource } from "../../offline/state";

const STACK_URN = "urn:pulumi:test::ec2-server::pulumi:pulumi:Stack::ec2-server-test";
const LB_URN = "urn:pulumi:test::ec2-server::ec2-server:network:LoadBalancer::web";
const childUrn = (type: string, name: string) => `urn:pulumi:test::ec2-server::ec2-server:network:LoadBalancer$${type}::${name}`;
const AZS = ["ap-northeast-2a", "ap-northeast-2c"];
const CERT = "arn:aws:acm:ap-northeast-2:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
const NO_OPTIONS = { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], replaceOnChanges: [], additionalSecretOutputs: [] };

const HTTPS: LoadBalancerSetting = {
    port: 443, targetPort: 8080, healthCheckPath: "/healthz", certificateArn: CERT,
    sources: ["0.0.0.0/0", "::/0", "203.0.113.0/24"], deletionProtection: false,
};
const HTTP: LoadBalancerSetting = { port: 8080, targetPort: 80, healthCheckPath: "/", sources: ["198.51.100.0/24", "2001:db8::/32"], deletionProtection: true };

function byName(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.filter(r => r.type === type && r.name === name);
    assert.equal(found.length, 1, `${type} ${name} registered ${found.length} times`);
    return found[0];
}

/** A two-zone network and the load balancer "web" in its public subnets (servers register themselves: Instance's `targetGroupArn`). */
function deploy(settings: LoadBalancerSetting, extra: Partial<LoadBalancerArgs> = {}) {
    return runInStack(async () => {
        const net = new Network("net", { availabilityZones: AZS });
        const lb = new LoadBalancer("web", { vpcId: net.vpcId, subnetIds: net.publicSubnetIds, zones: 2, settings, ...extra });
        const out = {
            loadBalancerArn: lb.loadBalancerArn, arnSuffix: lb.arnSuffix, dnsName: lb.dnsName, zoneId: lb.zoneId, url: lb.url,
            targetGroupArn: lb.targetGroupArn, targetGroupArnSuffix: lb.targetGroupArnSuffix,
            securityGroupId: lb.securityGroupId, targetsSecurityGroupId: lb.targetsSecurityGroupId,
        };
        const values = await Promise.all(Object.values(out).map(v => promiseOf(v)));
        return {
            outputs: Object.fromEntries(Object.keys(out).map((k, i) => [k, values[i]])) as Record<keyof typeof out, string>,
            vpcId: await promiseOf(net.vpcId), subnetIds: await Promise.all(net.publicSubnetIds.map(promiseOf)),
        };
    });
}

const byFirst = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));

function stateOf(r: RecordedResource): StateResource {
    return {
        urn: r.urn, type: r.type, id: r.id, custom: r.custom, inputs: r.inputs, outputs: r.state ?? {}, parent: r.parent,
        dependencies: r.dependencies, propertyDependencies: {}, protect: r.options.protect, retainOnDelete: r.options.retainOnDelete,
    };
}

describe("components/load-balancer LoadBalancer", () => {
    it("HTTPS: an ALB in the public subnets, its group open on 443 and 80 to the IPv4 sources, a targets group, a target group, HTTPS forward and HTTP → HTTPS redirect, no target attachments (the servers register themselves)", async () => {
        const { resources, result } = await deploy(HTTPS, { namePrefix: "app", tags: { Team: "platform" } });
        const { outputs, vpcId, subnetIds } = await result;
        const mine = resources.filter(r => r.parent === LB_URN);
        assert.deepEqual(mine.map(r => `${r.type} ${r.name}`).sort(), [
            "aws:ec2/securityGroup:SecurityGroup web-sg",
            "aws:ec2/securityGroup:SecurityGroup web-targets",
            "aws:lb/listener:Listener web-http",
            "aws:lb/listener:Listener web-https",
            "aws:lb/loadBalancer:LoadBalancer web-alb",
            "aws:lb/targetGroup:TargetGroup web-tg",
            "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule web-out-tcp-8080-targets",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule web-in-tcp-443-0.0.0.0-0",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule web-in-tcp-443-203.0.113.0-24",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule web-in-tcp-80-0.0.0.0-0",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule web-in-tcp-80-203.0.113.0-24",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule web-targets-in-tcp-8080-alb",
        ]);
        assert.deepEqual(resources.filter(r => r.type === "aws:lb/targetGroupAttachment:TargetGroupAttachment"), []);
        assert.equal(byName(resources, "ec2-server:network:LoadBalancer", "web").parent, STACK_URN);
        for (const r of mine) {
            assert.equal(r.urn, childUrn(r.type, r.name));
        }

        const sg = byName(resources, "aws:ec2/securityGroup:SecurityGroup", "web-sg");
        const targets = byName(resources, "aws:ec2/securityGroup:SecurityGroup", "web-targets");
        assert.deepEqual(sg.inputs, { vpcId, description: "ec2-server load balancer", revokeRulesOnDelete: true, tags: { Team: "platform", Name: "app-alb" } });
        assert.deepEqual(targets.inputs, { vpcId, description: "ec2-server load balancer targets", revokeRulesOnDelete: true, tags: { Team: "platform", Name: "app-alb-targets" } });
        const rule = (name: string) => [name, byName(resources, name.includes("-out-") ? "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" : "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name).inputs];
        const ingress = (port: number, cidr: string, what: string) => [`web-in-tcp-${port}-${cidr.replace("/", "-")}`, {
            securityGroupId: sg.id, ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: cidr,
            description: `${what} to the load balancer from ${cidr}`, tags: { Team: "platform", Name: `app-alb-in-tcp-${port}-${cidr.replace("/", "-")}` },
        }];
        // Every rule of both groups: IPv6 "::/0" has none (the ALB is IPv4-only).
        // Registration order depends on when each rule's inputs resolve: compare in name order.
        assert.deepEqual(mine.filter(r => r.type.startsWith("aws:vpc/")).map(r => rule(r.name)).sort(byFirst), [
            ingress(443, "0.0.0.0/0", "HTTPS"),
            ingress(443, "203.0.113.0/24", "HTTPS"),
            ingress(80, "0.0.0.0/0", "HTTP (redirected to HTTPS)"),
            ingress(80, "203.0.113.0/24", "HTTP (redirected to HTTPS)"),
            ["web-out-tcp-8080-targets", {
                securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: targets.id,
                description: "Requests and health checks to the servers' port 8080", tags: { Team: "platform", Name: "app-alb-out-tcp-8080-targets" },
            }],
            ["web-targets-in-tcp-8080-alb", {
                securityGroupId: targets.id, ipProtocol: "tcp", fromPort: 8080, toPort: 8080, referencedSecurityGroupId: sg.id,
                description: "Port 8080 from the load balancer only", tags: { Team: "platform", Name: "app-alb-targets-in-tcp-8080" },
            }],
        ].sort(byFirst));

        const alb = byName(resources, "aws:lb/loadBalancer:LoadBalancer", "web-alb");
        assert.deepEqual(alb.inputs, {
            loadBalancerType: "application", internal: false, ipAddressType: "ipv4", subnets: subnetIds, securityGroups: [sg.id],
            dropInvalidHeaderFields: true, enableDeletionProtection: false, tags: { Team: "platform", Name: "app-alb" },
        });
        assert.deepEqual(alb.options, NO_OPTIONS);
        const tg = byName(resources, "aws:lb/targetGroup:TargetGroup", "web-tg");
        assert.deepEqual(tg.inputs, {
            vpcId, port: 8080, protocol: "HTTP", targetType: "instance", deregistrationDelay: 30,
            healthCheck: { enabled: true, protocol: "HTTP", port: "traffic-port", path: "/healthz", matcher: "200-399", interval: 15, timeout: 5, healthyThreshold: 2, unhealthyThreshold: 3 },
            tags: { Team: "platform", Name: "app-tg" },
        });
        const https = byName(resources, "aws:lb/listener:Listener", "web-https");
        assert.deepEqual(https.inputs, {
            loadBalancerArn: alb.id, port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: CERT,
            defaultActions: [{ type: "forward", targetGroupArn: tg.id }], tags: { Team: "platform", Name: "app-https" },
        });
        assert.deepEqual(https.dependencies, [childUrn("aws:lb/loadBalancer:LoadBalancer", "web-alb"), childUrn("aws:lb/targetGroup:TargetGroup", "web-tg")]);
        const http = byName(resources, "aws:lb/listener:Listener", "web-http");
        assert.deepEqual(http.inputs, {
            loadBalancerArn: alb.id, port: 80, protocol: "HTTP",
            defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }], tags: { Team: "platform", Name: "app-http" },
        });
        assert.deepEqual(http.dependencies, [childUrn("aws:lb/loadBalancer:LoadBalancer", "web-alb")]);

        assert.match(alb.id!, /^arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:loadbalancer\/app\/web-alb-[0-9a-f]{7}\/[0-9a-f]{16}$/);
        assert.match(tg.id!, /^arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup\/web-tg-[0-9a-f]{7}\/[0-9a-f]{16}$/);
        assert.match(outputs.dnsName, /^web-alb-[0-9a-f]{7}-[1-9]\d{9}\.ap-northeast-2\.elb\.amazonaws\.com$/);
        assert.deepEqual(outputs, {
            loadBalancerArn: alb.id, arnSuffix: alb.id!.split(":loadbalancer/")[1], dnsName: alb.state!.dnsName, zoneId: "ZWKZPGTI48KDX",
            url: `https://${alb.state!.dnsName}`, targetGroupArn: tg.id, targetGroupArnSuffix: tg.id!.split(":")[5],
            securityGroupId: sg.id, targetsSecurityGroupId: targets.id,
        });
    });

    it("HTTP without a certificate: one listener on `port` forwarding to the servers; deletion protection also protects the ALB in Pulumi", async () => {
        const { resources, result } = await deploy(HTTP);
        const { outputs } = await result;
        const mine = resources.filter(r => r.parent === LB_URN);
        assert.deepEqual(mine.filter(r => r.type.startsWith("aws:lb/")).map(r => `${r.type} ${r.name}`).sort(), [
            "aws:lb/listener:Listener web-http",
            "aws:lb/loadBalancer:LoadBalancer web-alb",
            "aws:lb/targetGroup:TargetGroup web-tg",
        ], "no attachments: fixed servers (Instance's targetGroupArn) and an Auto Scaling group (its targetGroupArns) register themselves");
        const sg = byName(resources, "aws:ec2/securityGroup:SecurityGroup", "web-sg");
        const targets = byName(resources, "aws:ec2/securityGroup:SecurityGroup", "web-targets");
        assert.deepEqual(mine.filter(r => r.type.startsWith("aws:vpc/")).map(r => [r.name, r.inputs]).sort(byFirst), [
            ["web-in-tcp-8080-198.51.100.0-24", {
                securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidrIpv4: "198.51.100.0/24",
                description: "HTTP to the load balancer from 198.51.100.0/24", tags: { Name: "web-alb-in-tcp-8080-198.51.100.0-24" },
            }],
            ["web-out-tcp-80-targets", {
                securityGroupId: sg.id, ipProtocol: "tcp", fromPort: 80, toPort: 80, referencedSecurityGroupId: targets.id,
                description: "Requests and health checks to the servers' port 80", tags: { Name: "web-alb-out-tcp-80-targets" },
            }],
            ["web-targets-in-tcp-80-alb", {
                securityGroupId: targets.id, ipProtocol: "tcp", fromPort: 80, toPort: 80, referencedSecurityGroupId: sg.id,
                description: "Port 80 from the load balancer only", tags: { Name: "web-alb-targets-in-tcp-80" },
            }],
        ].sort(byFirst));
        const alb = byName(resources, "aws:lb/loadBalancer:LoadBalancer", "web-alb");
        assert.equal(alb.inputs.enableDeletionProtection, true);
        assert.deepEqual(alb.options, { ...NO_OPTIONS, protect: true });
        const tg = byName(resources, "aws:lb/targetGroup:TargetGroup", "web-tg");
        assert.equal(tg.inputs.port, 80);
        assert.deepEqual(byName(resources, "aws:lb/listener:Listener", "web-http").inputs, {
            loadBalancerArn: alb.id, port: 8080, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: tg.id }], tags: { Name: "web-http" },
        });
        assert.equal(outputs.url, `http://${alb.state!.dnsName}:8080`);

        // Day 2: AWS refuses to delete it while protection is on (after a replacement would already exist).
        const state = stateOf(alb);
        assert.deepEqual(deleteRefusal({ ...state, protect: false }, [state], new Set([state.urn]), false), {
            message: `OperationNotPermitted: Load balancer '${alb.id}' cannot be deleted because deletion protection is enabled`,
            source: "Elastic Load Balancing API DeleteLoadBalancer; terraform-provider-aws internal/service/elbv2/load_balancer.go resourceLoadBalancerDelete",
        });
        assert.equal(deleteFate(state), `deletes the load balancer: its DNS name ${alb.state!.dnsName} stops resolving for good (a new one gets a new name; update DNS records that point at it)`);
    });

    it("HTTP on port 80 gives a URL without a port", async () => {
        const { result } = await deploy({ ...HTTP, port: 80, deletionProtection: false });
        const { outputs } = await result;
        assert.equal(outputs.url, `http://${outputs.dnsName}`);
    });

    it("validates its arguments before creating anything", async () => {
        const run = (settings: Partial<LoadBalancerSetting>, args: Partial<LoadBalancerArgs> = {}, name = "web") => runInStack(() => new LoadBalancer(name, {
            vpcId: "vpc-0e1d2c3b4a5968778", subnetIds: ["subnet-0aa11bb22cc33dd44", "subnet-0ee55ff66aa77bb88"], zones: 2, settings: { ...HTTPS, ...settings }, ...args,
        }));
        await assert.rejects(run({}, { subnetIds: ["subnet-0aa11bb22cc33dd44"], zones: 1 }),
            /An Application Load Balancer needs subnets in at least two availability zones; got 1 subnet\(s\) in 1 zone\(s\)/);
        await assert.rejects(run({}, { zones: 1 }), /An Application Load Balancer needs subnets in at least two availability zones; got 2 subnet\(s\) in 1 zone\(s\)/);
        await assert.rejects(run({}, { zones: 3 }), /'zones' \(3\) cannot exceed the number of subnets \(2\)/);
        await assert.rejects(run({ port: 80 }), /With 'certificateArn', 'port' cannot be 80: port 80 carries the HTTP to HTTPS redirect/);
        await assert.rejects(run({ targetPort: 0 }), /'targetPort' must be a port from 1 to 65535, got 0/);
        await assert.rejects(run({ sources: ["::/0"] }), /'sources' has no IPv4 CIDR \(::\/0\): the load balancer is IPv4-only, so no one could reach it/);
        await assert.rejects(run({ sources: ["10.0.0.0/8", "office"] }), /'sources' must be IPv4 or IPv6 CIDRs; not office/);
        await assert.rejects(run({}, {}, "a-very-long-stack-name"),
            /LoadBalancer name 'a-very-long-stack-name' is too long: at most 20 characters, so that 'a-very-long-stack-name-alb' plus Pulumi's 8-character suffix fits AWS's 32-character load balancer name/);
    });
});
