// policy/lib/types.ts: the resource type tokens (T) the policies compare args.type with instead of importing
// @pulumi/aws. A misspelt token matches nothing and silently turns its policy off, so each one is checked against the
// token of the @pulumi/aws class it stands for.
import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { T } from "../../../policy/lib/types";

/** The @pulumi/aws class behind each token. */
const CLASSES: Record<keyof typeof T, unknown> = {
    SecurityGroup: aws.ec2.SecurityGroup,
    DefaultSecurityGroup: aws.ec2.DefaultSecurityGroup,
    SecurityGroupRule: aws.ec2.SecurityGroupRule,
    SecurityGroupIngressRule: aws.vpc.SecurityGroupIngressRule,
    SecurityGroupEgressRule: aws.vpc.SecurityGroupEgressRule,
    NetworkAcl: aws.ec2.NetworkAcl,
    DefaultNetworkAcl: aws.ec2.DefaultNetworkAcl,
    NetworkAclRule: aws.ec2.NetworkAclRule,
    Instance: aws.ec2.Instance,
    LaunchTemplate: aws.ec2.LaunchTemplate,
    Volume: aws.ebs.Volume,
    Subnet: aws.ec2.Subnet,
    DefaultSubnet: aws.ec2.DefaultSubnet,
    LaunchConfiguration: aws.ec2.LaunchConfiguration,
    AutoScalingGroup: aws.autoscaling.Group,
    AutoScalingAttachment: aws.autoscaling.Attachment,
    AutoScalingTrafficSourceAttachment: aws.autoscaling.TrafficSourceAttachment,
    LbLoadBalancer: aws.lb.LoadBalancer,
    AlbLoadBalancer: aws.alb.LoadBalancer,
    LbListener: aws.lb.Listener,
    AlbListener: aws.alb.Listener,
    LbTargetGroup: aws.lb.TargetGroup,
    AlbTargetGroup: aws.alb.TargetGroup,
};

describe("policy/lib/types T", () => {
    it("each token is the type token of its @pulumi/aws resource class", () => {
        for (const [key, cls] of Object.entries(CLASSES)) {
            const token = (cls as { __pulumiType?: unknown }).__pulumiType;
            assert.equal(T[key as keyof typeof T], token, key);
        }
    });

    it("names every type once: the tokens are distinct", () => {
        const tokens = Object.values(T);
        assert.equal(new Set(tokens).size, tokens.length);
    });

    it("pins the tokens the security policies depend on, spelt as the engine sends them", () => {
        assert.equal(T.SecurityGroup, "aws:ec2/securityGroup:SecurityGroup");
        assert.equal(T.SecurityGroupRule, "aws:ec2/securityGroupRule:SecurityGroupRule");
        assert.equal(T.SecurityGroupIngressRule, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
        assert.equal(T.NetworkAclRule, "aws:ec2/networkAclRule:NetworkAclRule");
        assert.equal(T.Instance, "aws:ec2/instance:Instance");
        assert.equal(T.LaunchTemplate, "aws:ec2/launchTemplate:LaunchTemplate");
        assert.equal(T.AutoScalingGroup, "aws:autoscaling/group:Group");
    });
});
