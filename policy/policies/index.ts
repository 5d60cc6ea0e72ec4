import { Policies } from "@pulumi/policy";
import { albDropInvalidHeaderFields } from "./alb-drop-invalid-header-fields";
import { albHttpRedirectsToHttps } from "./alb-http-redirects-to-https";
import { autoscalingGroupElbHealthCheck } from "./autoscaling-group-elb-health-check";
import { autoscalingGroupLaunchTemplate } from "./autoscaling-group-launch-template";
import { autoscalingGroupMultiAz } from "./autoscaling-group-multi-az";
import { ebsEncryptionRequired } from "./ebs-encryption-required";
import { ec2AllowedInstanceTypes } from "./ec2-allowed-instance-types";
import { ec2Imdsv2Required } from "./ec2-imdsv2-required";
import { ec2NoAllTrafficFromInternet } from "./ec2-no-all-traffic-from-internet";
import { ec2NoPublicIp } from "./ec2-no-public-ip";
import { ec2NoRdpFromInternet } from "./ec2-no-rdp-from-internet";
import { ec2NoRiskyPortsFromInternet } from "./ec2-no-risky-ports-from-internet";
import { ec2NoSecretsInUserData } from "./ec2-no-secrets-in-user-data";
import { ec2NoSshFromInternet } from "./ec2-no-ssh-from-internet";
import { naclNoAdminPortsFromInternet } from "./nacl-no-admin-ports-from-internet";
import { requiredTags } from "./required-tags";
import { sgNoMixedInlineAndStandaloneRules } from "./sg-no-mixed-inline-and-standalone-rules";
import { sgRuleDescriptionRequired } from "./sg-rule-description-required";
import { vpcDefaultSecurityGroupClosed } from "./vpc-default-security-group-closed";
import { vpcSubnetNoAutoPublicIp } from "./vpc-subnet-no-auto-public-ip";

/** Every policy of the pack, one per file in this directory. */
export const policies: Policies = [
    ec2NoSshFromInternet,
    ec2NoRdpFromInternet,
    ec2NoAllTrafficFromInternet,
    ec2NoRiskyPortsFromInternet,
    naclNoAdminPortsFromInternet,
    vpcDefaultSecurityGroupClosed,
    ec2Imdsv2Required,
    ebsEncryptionRequired,
    ec2NoPublicIp,
    vpcSubnetNoAutoPublicIp,
    ec2AllowedInstanceTypes,
    requiredTags,
    sgRuleDescriptionRequired,
    sgNoMixedInlineAndStandaloneRules,
    autoscalingGroupMultiAz,
    autoscalingGroupLaunchTemplate,
    autoscalingGroupElbHealthCheck,
    albHttpRedirectsToHttps,
    albDropInvalidHeaderFields,
    ec2NoSecretsInUserData,
];
