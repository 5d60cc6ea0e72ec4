// Resource type tokens as the engine sends them. Policies compare these strings instead of importing
// @pulumi/aws, so the pack starts without loading the AWS SDK.
export const T = {
    SecurityGroup: "aws:ec2/securityGroup:SecurityGroup",
    DefaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    SecurityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    SecurityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    SecurityGroupEgressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    NetworkAcl: "aws:ec2/networkAcl:NetworkAcl",
    DefaultNetworkAcl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    NetworkAclRule: "aws:ec2/networkAclRule:NetworkAclRule",
    Instance: "aws:ec2/instance:Instance",
    LaunchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    Volume: "aws:ebs/volume:Volume",
    Subnet: "aws:ec2/subnet:Subnet",
} as const;
