import * as assert from "node:assert/strict";
import { autoscalingGroupElbHealthCheck as policy } from "../../../policy/policies/autoscaling-group-elb-health-check";
import { T } from "../../../policy/lib/types";
import { StackResourceInput, UNKNOWN, urnOf, validateStack, validateStackDetailed } from "../helpers";

const GROUP_URN = urnOf(T.AutoScalingGroup, "web");
const TG = "arn:aws:elasticloadbalancing:ap-northeast-2:111122223333:targetgroup/web/0123456789abcdef";

const msg = (links: string, current: string) => [{
    message:
        `This group is attached to a load balancer (${links}) but healthCheckType ${current}, so it replaces only instances that ` +
        "fail EC2 status checks and keeps those the load balancer finds unhealthy. " +
        'Set healthCheckType: "ELB", with a healthCheckGracePeriod long enough for an instance to boot.',
    urn: GROUP_URN,
}];
const NOT_SET = 'is not set (AWS uses "EC2")';

/** A group behind a target group with ELB health checks, changed by `change`. */
const group = (change: Record<string, unknown>, extra: Partial<StackResourceInput> = {}): StackResourceInput => ({
    type: T.AutoScalingGroup,
    name: "web",
    props: {
        name: "web-1234",
        minSize: 2,
        maxSize: 4,
        vpcZoneIdentifiers: ["subnet-a", "subnet-b"],
        targetGroupArns: [TG],
        healthCheckType: "ELB",
        healthCheckGracePeriod: 300,
        ...change,
    },
    ...extra,
});
const attachment = (props: Record<string, unknown>, extra: Partial<StackResourceInput> = {}, type: string = T.AutoScalingAttachment): StackResourceInput => ({
    type,
    name: "web-tg",
    props: { autoscalingGroupName: "web-1234", lbTargetGroupArn: TG, ...props },
    ...extra,
});
const check = (...resources: StackResourceInput[]) => validateStack(policy, resources);

describe("autoscaling-group-elb-health-check", () => {
    it("#1 compliant: target groups with ELB health checks; a group behind no load balancer needs none", async () => {
        assert.deepEqual(await check(group({})), []);
        assert.deepEqual(await check(group({ targetGroupArns: undefined, healthCheckType: "EC2" })), []);
        assert.deepEqual(await check(group({ targetGroupArns: [], healthCheckType: undefined })), []);
    });
    it("#2 targetGroupArns with healthCheckType unset (AWS default EC2)", async () => {
        assert.deepEqual(await check(group({ healthCheckType: undefined })), msg("targetGroupArns", NOT_SET));
    });
    it("#3 targetGroupArns with healthCheckType \"EC2\"", async () => {
        assert.deepEqual(await check(group({ healthCheckType: "EC2" })), msg("targetGroupArns", 'is "EC2"'));
    });
    it("#4 ELB in another case, or in AWS's comma-separated list, passes", async () => {
        assert.deepEqual(await check(group({ healthCheckType: "elb" })), []);
        assert.deepEqual(await check(group({ healthCheckType: "EC2, ELB" })), []);
        assert.deepEqual(await check(group({ healthCheckType: "EC2,EBS" })), msg("targetGroupArns", 'is "EC2,EBS"'));
    });
    it("#5 Classic ELB names in loadBalancers", async () => {
        assert.deepEqual(await check(group({ targetGroupArns: undefined, loadBalancers: ["web-elb"], healthCheckType: "EC2" })), msg("loadBalancers", 'is "EC2"'));
    });
    it("#6 trafficSources: elbv2 and elb count, vpc-lattice does not", async () => {
        const base = { targetGroupArns: undefined, healthCheckType: undefined };
        assert.deepEqual(await check(group({ ...base, trafficSources: [{ identifier: TG, type: "elbv2" }] })), msg("trafficSources", NOT_SET));
        assert.deepEqual(await check(group({ ...base, trafficSources: [{ identifier: "web-elb", type: "elb" }] })), msg("trafficSources", NOT_SET));
        assert.deepEqual(await check(group({ ...base, trafficSources: [{ identifier: TG }] })), msg("trafficSources", NOT_SET));
        const lattice = "arn:aws:vpc-lattice:ap-northeast-2:111122223333:targetgroup/tg-0123456789abcdef0";
        assert.deepEqual(await check(group({ ...base, trafficSources: [{ identifier: lattice, type: "vpc-lattice" }] })), []);
        assert.deepEqual(await check(group({ ...base, trafficSources: [{ identifier: lattice }] })), []);
    });
    it("#7 an aws.autoscaling.Attachment naming the group", async () => {
        const g = group({ targetGroupArns: undefined, healthCheckType: "EC2" });
        assert.deepEqual(await check(g, attachment({})), msg(`web-tg (${T.AutoScalingAttachment})`, 'is "EC2"'));
        assert.deepEqual(await check(g, attachment({ lbTargetGroupArn: undefined, elb: "web-elb" })), msg(`web-tg (${T.AutoScalingAttachment})`, 'is "EC2"'));
    });
    it("#8 a TrafficSourceAttachment of type elbv2 counts, vpc-lattice does not", async () => {
        const g = group({ targetGroupArns: undefined, healthCheckType: undefined });
        const tsa = (type: string) => attachment({ lbTargetGroupArn: undefined, trafficSource: { identifier: TG, type } }, {}, T.AutoScalingTrafficSourceAttachment);
        assert.deepEqual(await check(g, tsa("elbv2")), msg(`web-tg (${T.AutoScalingTrafficSourceAttachment})`, NOT_SET));
        assert.deepEqual(await check(g, tsa("vpc-lattice")), []);
    });
    it("#9 preview: an attachment whose group name is unknown matches through propertyDependencies", async () => {
        const g = group({ name: UNKNOWN, targetGroupArns: undefined, healthCheckType: "EC2" });
        const deps = { propertyDependencies: { autoscalingGroupName: [GROUP_URN] }, dependencies: [GROUP_URN] };
        assert.deepEqual(await check(g, attachment({ autoscalingGroupName: UNKNOWN }, deps)), msg(`web-tg (${T.AutoScalingAttachment})`, 'is "EC2"'));
        assert.deepEqual(await check(g, attachment({ autoscalingGroupName: UNKNOWN }, { dependencies: [GROUP_URN] })), []);
    });
    it("#10 an attachment to another group does not count", async () => {
        assert.deepEqual(await check(group({ targetGroupArns: undefined, healthCheckType: "EC2" }), attachment({ autoscalingGroupName: "other" })), []);
    });
    it("#11 every link is named", async () => {
        assert.deepEqual(
            await check(group({ healthCheckType: "EC2", loadBalancers: ["web-elb"] }), attachment({})),
            msg(`targetGroupArns, loadBalancers, web-tg (${T.AutoScalingAttachment})`, 'is "EC2"'),
        );
    });
    it("#12 preview: unknown target group ARNs in a known list attach the group; an unknown list does not", async () => {
        assert.deepEqual(await check(group({ targetGroupArns: [UNKNOWN], healthCheckType: undefined })), msg("targetGroupArns", NOT_SET));
        assert.deepEqual(await check(group({ targetGroupArns: UNKNOWN, healthCheckType: undefined })), []);
        assert.deepEqual(await check(group({ targetGroupArns: undefined, trafficSources: [UNKNOWN], healthCheckType: undefined })), []);
    });
    it("#13 an unknown healthCheckType is not reported", async () => {
        assert.deepEqual(await check(group({ healthCheckType: UNKNOWN })), []);
    });
    it("#14 a stack without Auto Scaling groups is not applicable", async () => {
        assert.deepEqual(await validateStackDetailed(policy, [attachment({})]), { violations: [], notApplicable: "the stack has no Auto Scaling groups" });
    });
});
