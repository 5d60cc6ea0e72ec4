/**
 * The Auto Scaling group of the adopted network that the AutoScaling component's spec (tests/components/auto-scaling.spec.ts)
 * and the engine's Auto Scaling spec (tests/offline/aws/autoscaling.spec.ts) build: its arguments, its scaling, and the
 * target groups and load balancer in front of it.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import type { AutoScalingArgs } from "../../components/auto-scaling";
import { AMI_ALIASES } from "../../lib/aws-facts";
import type { AutoScalingSetting } from "../../components/auto-scaling";
import { AwsModel, EXISTING } from "../../offline/aws/model";
import type { RecordedResource } from "../../offline/monitor";

export const REGION = "ap-northeast-2";
export const AL2023 = new AwsModel({ region: REGION }).publishedId(AMI_ALIASES["al2023"].parameter);
export const [SUBNET_A, SUBNET_B] = EXISTING.subnets;
export const SG = EXISTING.securityGroupIds[0];
export const COMPONENT = "urn:pulumi:test::ec2-server::ec2-server:compute:AutoScaling::servers";
export const URN = (type: string, name: string) => `urn:pulumi:test::ec2-server::ec2-server:compute:AutoScaling$${type}::${name}`;
export const TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
export const GROUP = "aws:autoscaling/group:Group";
export const POLICY = "aws:autoscaling/policy:Policy";
export const SCHEDULE = "aws:autoscaling/schedule:Schedule";
export const ATTACHMENT = "aws:autoscaling/trafficSourceAttachment:TrafficSourceAttachment";
export const TARGET_GROUP = "aws:lb/targetGroup:TargetGroup";
export const TARGET_GROUP_URN = `urn:pulumi:test::ec2-server::${TARGET_GROUP}::web-tg`;
export const LABEL = "app/web-alb/0123456789abcdef/targetgroup/web-tg/fedcba9876543210";
export const TG_ARN = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/web-tg/fedcba9876543210";
export const DEFAULT_OPTIONS = { protect: false, retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], replaceOnChanges: [], additionalSecretOutputs: [] };

export function scaling(over: Partial<AutoScalingSetting> = {}): AutoScalingSetting {
    return {
        min: 2, max: 6, desired: 3, cpuTarget: 50, schedules: [], instanceTypes: [],
        refresh: { minHealthyPercent: 90, autoRollback: true, skipMatching: true }, healthCheckGracePeriod: 300,
        ...over,
    };
}

export function args(over: Partial<AutoScalingArgs> = {}): AutoScalingArgs {
    return {
        subnets: [{ id: SUBNET_A.id, availabilityZone: "ap-northeast-2a" }, { id: SUBNET_B.id, availabilityZone: "ap-northeast-2b" }],
        securityGroupIds: [SG],
        ami: AL2023,
        amiPinned: false,
        rootDeviceName: "/dev/xvda",
        instanceType: "t3.micro",
        scaling: scaling(),
        partition: { partition: "aws", dnsSuffix: "amazonaws.com" },
        rootVolume: { sizeGiB: 8, type: "gp3", encrypted: true },
        namePrefix: "web-prod",
        tags: { Team: "platform" },
        ...over,
    };
}

export function one(resources: RecordedResource[], type: string, name: string): RecordedResource {
    const found = resources.filter(r => r.type === type && r.name === name);
    assert.equal(found.length, 1, `${type} ${name}`);
    return found[0];
}

export function groupTags(extra: Record<string, string> = {}): { key: string; value: string; propagateAtLaunch: boolean }[] {
    return Object.entries({ Team: "platform", ...extra, Name: "web-prod" }).map(([key, value]) => ({ key, value, propagateAtLaunch: true }));
}

/** A target group in the adopted VPC (the model knows it) and the request-count label of an ALB in front of it. */
export function targetGroup(): { arn: pulumi.Output<string>; label: pulumi.Output<string> } {
    const tg = new aws.lb.TargetGroup("web-tg", { port: 80, protocol: "HTTP", vpcId: EXISTING.vpcId });
    return { arn: tg.arn, label: pulumi.interpolate`app/web-alb/0123456789abcdef/${tg.arnSuffix}` };
}
/**
 * A target group associated with a load balancer: an ALB in the adopted subnets whose HTTP listener forwards to
 * it, the request-count label of both, and the listener (what a requests-per-target policy waits for).
 */
export function associatedTargetGroup(): { arn: pulumi.Output<string>; label: pulumi.Output<string>; listener: aws.lb.Listener } {
    const tg = new aws.lb.TargetGroup("web-tg", { port: 80, protocol: "HTTP", vpcId: EXISTING.vpcId });
    const alb = new aws.lb.LoadBalancer("web-alb", { loadBalancerType: "application", subnets: [SUBNET_A.id, SUBNET_B.id], securityGroups: [SG] });
    const listener = new aws.lb.Listener("web-http", { loadBalancerArn: alb.arn, port: 80, protocol: "HTTP", defaultActions: [{ type: "forward", targetGroupArn: tg.arn }] });
    return { arn: tg.arn, label: pulumi.interpolate`${alb.arnSuffix}/${tg.arnSuffix}`, listener };
}
/** The group's mixed instances policy: the template at a version, the types in order, the distribution. */
export function mixedPolicy(templateId: unknown, version: string, types: string[], distribution: Record<string, unknown> = { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 100 }) {
    return {
        launchTemplate: { launchTemplateSpecification: { launchTemplateId: templateId, version }, overrides: types.map(instanceType => ({ instanceType })) },
        instancesDistribution: distribution,
    };
}
