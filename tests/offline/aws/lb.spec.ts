// The load balancing types of the AWS model: offline/aws/lb/load-balancer.ts, target-group.ts, listener.ts and
// target-group-attachment.ts (what AWS and the provider refuse at create, names, regions), and offline/aws/regions.ts's
// ALB hosted zones.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { Network } from "../../../components/network";
import { ACCOUNT_ID, ALB_HOSTED_ZONE_IDS, REGION_ZONES } from "../../../offline/aws/model";
import { RecordedResource } from "../../../offline/monitor";
import { promiseOf, runInStack } from "../../../offline/program";

const CERT = "arn:aws:acm:ap-northeast-2:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

function byName(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.filter(r => r.type === type && r.name === name);
    assert.equal(found.length, 1, `${type} ${name} registered ${found.length} times`);
    return found[0];
}

describe("offline/aws: load balancing (load balancers, target groups, listeners, attachments)", () => {
    /** Creates `fn`'s resources after a two-zone network and a server exist. */
    const withNetwork = (fn: (net: { vpcId: string; subnets: string[]; instance: string; sg: string }) => unknown, region = "ap-northeast-2") => runInStack(async () => {
        const zones = REGION_ZONES[region];
        const n = new Network("net", { availabilityZones: zones.slice(0, 2) });
        const sg = new aws.ec2.SecurityGroup("sg", { vpcId: n.vpcId, description: "t" });
        const instance = new aws.ec2.Instance("srv", { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", subnetId: n.publicSubnetIds[0] });
        return fn({
            vpcId: await promiseOf(n.vpcId), subnets: await Promise.all(n.publicSubnetIds.map(promiseOf)),
            instance: await promiseOf(instance.id), sg: await promiseOf(sg.id),
        });
    }, { region });

    it("refuses an ALB with fewer than two subnets in two zones, with AWS's errors", async () => {
        await assert.rejects(withNetwork(net => new aws.lb.LoadBalancer("one", { subnets: [net.subnets[0]], securityGroups: [net.sg] })),
            /aws:lb\/loadBalancer:LoadBalancer one: ValidationError: At least two subnets in two different Availability Zones must be specified/);
        // The adopted network's first subnet is in the first zone too.
        await assert.rejects(withNetwork(net => new aws.lb.LoadBalancer("same", { subnets: [net.subnets[0], "subnet-0aa11bb22cc33dd44"] })),
            /InvalidConfigurationRequest: A load balancer cannot be attached to multiple subnets in the same Availability Zone/);
        await assert.rejects(withNetwork(net => new aws.lb.LoadBalancer("two-vpcs", { subnets: [net.subnets[0], "subnet-0ee55ff66aa77bb88"] })),
            /InvalidConfigurationRequest: The subnets subnet-0[0-9a-f]{16}, subnet-0ee55ff66aa77bb88 are not all in one VPC/);
        await assert.rejects(withNetwork(net => new aws.lb.LoadBalancer("unknown", { subnets: [net.subnets[0], "subnet-0123456789abcdef0"] })),
            /SubnetNotFound: The specified subnet does not exist: 'subnet-0123456789abcdef0'/);
        await assert.rejects(withNetwork(net => new aws.lb.LoadBalancer("foreign-sg", { subnets: net.subnets, securityGroups: ["sg-0123456789abcdef0"] })),
            /InvalidSecurityGroup: The security group 'sg-0123456789abcdef0' does not exist in VPC 'vpc-0[0-9a-f]{16}'/);
    });

    it("refuses a load balancer or target group name that leaves no room for Pulumi's suffix within 32 characters", async () => {
        await assert.rejects(withNetwork(net => new aws.lb.LoadBalancer("a-name-of-twenty-five-chr", { subnets: net.subnets })),
            /could not make instance of 'aws:lb\/loadBalancer:LoadBalancer': name 'a-name-of-twenty-five-chr-' plus 7 random chars is longer than maximum length 32/);
        const { resources } = await withNetwork(net => new aws.lb.LoadBalancer("twenty-four-characters-x", { subnets: net.subnets }));
        assert.match(String(byName(resources, "aws:lb/loadBalancer:LoadBalancer", "twenty-four-characters-x").state!.name), /^twenty-four-characters-x-[0-9a-f]{7}$/);
    });

    it("refuses a target group on port 0 (the provider's schema: 1-65535) or in an unknown VPC", async () => {
        await assert.rejects(withNetwork(net => new aws.lb.TargetGroup("tg", { vpcId: net.vpcId, port: 0, protocol: "HTTP" })),
            /aws:lb\/targetGroup:TargetGroup tg: expected port to be in the range \(1 - 65535\), got 0/);
        await assert.rejects(withNetwork(() => new aws.lb.TargetGroup("tg", { vpcId: "vpc-0123456789abcdef0", port: 80, protocol: "HTTP" })),
            /ValidationError: The VPC ID 'vpc-0123456789abcdef0' is not found/);
        await assert.rejects(withNetwork(net => new aws.lb.TargetGroup("tg", { vpcId: net.vpcId, port: 80 })),
            /protocol should be set when target type is instance/);
    });

    it("refuses HTTPS without a certificate, a certificate on HTTP, one from another region, and two listeners on one port", async () => {
        const listener = (name: string, args: Partial<aws.lb.ListenerArgs>) => withNetwork(async net => {
            const alb = new aws.lb.LoadBalancer("alb", { subnets: net.subnets });
            const tg = new aws.lb.TargetGroup("tg", { vpcId: net.vpcId, port: 80, protocol: "HTTP" });
            await promiseOf(tg.arn);
            const first = new aws.lb.Listener("first", { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
            await promiseOf(first.arn);
            return new aws.lb.Listener(name, { loadBalancerArn: alb.arn, defaultActions: [{ type: "forward", targetGroupArn: tg.arn }], ...args } as aws.lb.ListenerArgs);
        });
        await assert.rejects(listener("https", { port: 443, protocol: "HTTPS" }), /aws:lb\/listener:Listener https: ValidationError: A certificate must be specified for HTTPS listeners/);
        await assert.rejects(listener("http", { port: 8080, protocol: "HTTP", certificateArn: CERT }), /ValidationError: A certificate cannot be specified for HTTP listeners/);
        await assert.rejects(listener("https", { port: 443, protocol: "HTTPS", certificateArn: CERT.replace("ap-northeast-2", "us-east-1") }),
            /CertificateNotFound: Certificate 'arn:aws:acm:us-east-1:123456789012:certificate\/[0-9a-f-]+' not found \(a listener takes an ACM certificate of ap-northeast-2\)/);
        await assert.rejects(listener("again", { port: 80, protocol: "HTTP" }), /DuplicateListener: A listener already exists on this port for this load balancer/);
        const { resources, model } = await listener("https", { port: 443, protocol: "HTTPS", certificateArn: CERT });
        const https = byName(resources, "aws:lb/listener:Listener", "https");
        assert.match(https.id!, /^arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:listener\/app\/alb-[0-9a-f]{7}\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
        assert.deepEqual(model.assumptions.map(a => a.subject), [`certificate ${CERT}`]);
    });

    it("refuses to register a target that is not an instance in the target group's VPC", async () => {
        await assert.rejects(withNetwork(net => {
            const tg = new aws.lb.TargetGroup("tg", { vpcId: net.vpcId, port: 80, protocol: "HTTP" });
            return new aws.lb.TargetGroupAttachment("t", { targetGroupArn: tg.arn, targetId: "i-0123456789abcdef0" });
        }), /InvalidTarget: The specified target does not exist, is not in the same VPC as the target group, or has an unsupported instance type: 'i-0123456789abcdef0'/);
        await assert.rejects(withNetwork(net => {
            const tg = new aws.lb.TargetGroup("tg", { vpcId: "vpc-0e1d2c3b4a5968778", port: 80, protocol: "HTTP" });
            return new aws.lb.TargetGroupAttachment("t", { targetGroupArn: tg.arn, targetId: net.instance });
        }), /InvalidTarget: The specified target does not exist/);
    });

    it("names load balancers in China under amazonaws.com.cn, with the region's hosted zone and the aws-cn partition", async () => {
        const { resources } = await withNetwork(net => new aws.lb.LoadBalancer("alb", { subnets: net.subnets }), "cn-north-1");
        const alb = byName(resources, "aws:lb/loadBalancer:LoadBalancer", "alb");
        assert.match(alb.id!, new RegExp(`^arn:aws-cn:elasticloadbalancing:cn-north-1:${ACCOUNT_ID}:loadbalancer/app/alb-[0-9a-f]{7}/[0-9a-f]{16}$`));
        assert.match(String(alb.state!.dnsName), /^alb-[0-9a-f]{7}-[1-9]\d{9}\.cn-north-1\.elb\.amazonaws\.com\.cn$/);
        assert.equal(alb.state!.zoneId, "Z1GDH35T77C1KE");
    });

    it("knows the ALB hosted zone of every region it models", () => {
        assert.deepEqual(Object.keys(ALB_HOSTED_ZONE_IDS).sort(), Object.keys(REGION_ZONES).sort());
    });
});
