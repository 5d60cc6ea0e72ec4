/**
 * Every AWS (and TLS) resource type the offline engine and the simulated provider know, one module each. The model's
 * creates, seeds and releases (offline/aws/model.ts), the read-back, update and delete rules
 * (offline/lifecycle-rules.ts), the diff's Optional+Computed fields (offline/lifecycle.ts), the force-new table
 * (offline/force-new.ts) and the simulated provider's autonames (offline/provider/aws.ts) all read this list.
 *
 * Adding a type: a module offline/aws/<service>/<type>.ts exporting an AwsType (offline/aws/type.ts), and one line here.
 */
import { group } from "./autoscaling/group";
import { policy } from "./autoscaling/policy";
import { schedule } from "./autoscaling/schedule";
import { trafficSourceAttachment } from "./autoscaling/traffic-source-attachment";
import { volume } from "./ebs/volume";
import { defaultSecurityGroup } from "./ec2/default-security-group";
import { eip } from "./ec2/eip";
import { eipAssociation } from "./ec2/eip-association";
import { instance } from "./ec2/instance";
import { internetGateway } from "./ec2/internet-gateway";
import { keyPair } from "./ec2/key-pair";
import { launchTemplate } from "./ec2/launch-template";
import { natGateway } from "./ec2/nat-gateway";
import { route } from "./ec2/route";
import { routeTable } from "./ec2/route-table";
import { routeTableAssociation } from "./ec2/route-table-association";
import { securityGroup } from "./ec2/security-group";
import { securityGroupRule } from "./ec2/security-group-rule";
import { subnet } from "./ec2/subnet";
import { volumeAttachment } from "./ec2/volume-attachment";
import { vpc } from "./ec2/vpc";
import { vpcEndpoint } from "./ec2/vpc-endpoint";
import { instanceProfile } from "./iam/instance-profile";
import { role } from "./iam/role";
import { rolePolicyAttachment } from "./iam/role-policy-attachment";
import { listener } from "./lb/listener";
import { loadBalancer } from "./lb/load-balancer";
import { targetGroup } from "./lb/target-group";
import { targetGroupAttachment } from "./lb/target-group-attachment";
import { privateKey } from "./tls/private-key";
import type { AwsType } from "./type";
import { securityGroupEgressRule } from "./vpc/security-group-egress-rule";
import { securityGroupIngressRule } from "./vpc/security-group-ingress-rule";

export const AWS_TYPES: readonly AwsType[] = [
    // Servers and what holds their data, addresses and keys.
    instance,
    volume,
    volumeAttachment,
    eip,
    eipAssociation,
    keyPair,
    privateKey,
    role,
    rolePolicyAttachment,
    instanceProfile,
    // Elastic capacity.
    group,
    launchTemplate,
    schedule,
    policy,
    trafficSourceAttachment,
    // The network.
    vpc,
    subnet,
    internetGateway,
    routeTable,
    route,
    routeTableAssociation,
    natGateway,
    vpcEndpoint,
    securityGroup,
    defaultSecurityGroup,
    securityGroupRule,
    securityGroupIngressRule,
    securityGroupEgressRule,
    // Load balancing.
    loadBalancer,
    targetGroup,
    listener,
    targetGroupAttachment,
];

const BY_TOKEN = new Map(AWS_TYPES.map(t => [t.token, t]));

/** The module of a type token, or undefined for a type the engine does not know. */
export function awsType(token: string): AwsType | undefined {
    return BY_TOKEN.get(token);
}
